package dev.execray.rootfs;

import java.util.Optional;

/**
 * What {@code lstat} says about one inode: its type, the permission bits of st_mode (including
 * set-user-ID, set-group-ID and sticky), owner, group and size. {@code identity} tells two names of
 * the same inode apart (device and inode number where the root knows them).
 */
public record FileStat(FileType type, int mode, int uid, int gid, long size, Optional<String> identity) {

    public FileStat {
        mode &= 07777;
    }

    public boolean isDirectory() {
        return type == FileType.DIRECTORY;
    }

    public boolean isRegular() {
        return type == FileType.REGULAR;
    }

    public boolean isSymlink() {
        return type == FileType.SYMLINK;
    }

    /** Any of the three execute bits. */
    public boolean anyExecuteBit() {
        return (mode & 0111) != 0;
    }

    /** {@code -rwxr-xr-x}-style permission string, the way ls prints it. */
    public String modeString() {
        StringBuilder b = new StringBuilder(10);
        b.append(switch (type) {
            case DIRECTORY -> 'd';
            case SYMLINK -> 'l';
            case CHAR_DEVICE -> 'c';
            case BLOCK_DEVICE -> 'b';
            case FIFO -> 'p';
            case SOCKET -> 's';
            case REGULAR -> '-';
        });
        String rwx = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            boolean set = (mode & (0400 >> i)) != 0;
            char c = set ? rwx.charAt(i) : '-';
            if (i == 2 && (mode & 04000) != 0) {
                c = set ? 's' : 'S';
            } else if (i == 5 && (mode & 02000) != 0) {
                c = set ? 's' : 'S';
            } else if (i == 8 && (mode & 01000) != 0) {
                c = set ? 't' : 'T';
            }
            b.append(c);
        }
        return b.toString();
    }

    /** The mode as an octal string with a leading 0, e.g. {@code 0755}. */
    public String octalMode() {
        return String.format("0%o", mode);
    }
}
