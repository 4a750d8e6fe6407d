package dev.execray.rootfs.image;

import java.util.Optional;

/**
 * What an image holds at one path, without following a symlink there: its kind, st_mode-style
 * permission bits, owner, and for regular files where the content is, for symlinks the target.
 */
public record ImageEntry(Kind kind, int mode, int uid, int gid, long size, Optional<String> linkTarget,
        Optional<FileRegion> content) {

    public enum Kind { DIRECTORY, FILE, SYMLINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO }

    static ImageEntry of(TreeNode node) {
        if (node instanceof TreeNode.Dir d) {
            return new ImageEntry(Kind.DIRECTORY, d.mode(), d.uid(), d.gid(), 0, Optional.empty(), Optional.empty());
        }
        if (node instanceof TreeNode.File f) {
            return new ImageEntry(Kind.FILE, f.mode(), f.uid(), f.gid(), f.content().size(), Optional.empty(),
                    Optional.of(f.content()));
        }
        if (node instanceof TreeNode.Symlink s) {
            return new ImageEntry(Kind.SYMLINK, s.mode(), s.uid(), s.gid(), s.target().length(), Optional.of(s.target()),
                    Optional.empty());
        }
        TreeNode.Special sp = (TreeNode.Special) node;
        Kind k = switch (sp.kind()) {
            case 'c' -> Kind.CHAR_DEVICE;
            case 'b' -> Kind.BLOCK_DEVICE;
            default -> Kind.FIFO;
        };
        return new ImageEntry(k, sp.mode(), sp.uid(), sp.gid(), 0, Optional.empty(), Optional.empty());
    }
}
