package dev.execray.binary;

import dev.execray.binary.archive.ArchiveFile;
import java.util.ArrayList;
import java.util.List;

/**
 * A member of a static archive read with the object readers, as nm, readelf and llvm-readobj read the members of a
 * {@code .a}: an ELF, Mach-O (or any other format {@link BinaryFile#read} knows) object, or why it could not be read.
 * Members are slices of the archive's bytes (nothing copied); a member that is itself an archive is not opened
 * (one level, as ar and nm do), so a hostile archive cannot nest the work.
 */
public sealed interface ArchiveMember {
    ArchiveFile.Member member();

    /** A member read by its format's reader. */
    record Read(ArchiveFile.Member member, BinaryFile file) implements ArchiveMember {
    }

    /** A member whose magic named a format whose header is then malformed. */
    record Malformed(ArchiveFile.Member member, FormatProblem problem) implements ArchiveMember {
    }

    /** A member that is no object (text, an unknown magic, a nested archive): {@code what} says what it looked like. */
    record Other(ArchiveFile.Member member, String what) implements ArchiveMember {
    }

    /** A thin archive's member: its bytes are in a file of its own, which is not opened here. */
    record External(ArchiveFile.Member member) implements ArchiveMember {
    }

    /**
     * Each member of {@code archive} in archive order, read from {@code bytes}: the bytes its offsets are in (the
     * archive's own, or a universal file's for an archive slice).
     */
    static List<ArchiveMember> readAll(ArchiveFile archive, ByteSource bytes) {
        List<ArchiveMember> out = new ArrayList<>(archive.members().size());
        for (ArchiveFile.Member m : archive.members()) {
            out.add(read(m, bytes));
        }
        return List.copyOf(out);
    }

    private static ArchiveMember read(ArchiveFile.Member m, ByteSource bytes) {
        if (m.external()) {
            return new External(m);
        }
        try {
            ByteSource data = bytes.slice(m.dataOffset(), m.size(), "archive member " + m.name());
            byte[] head = data.bytes(0, (int) Math.min(Magic.HEAD_SIZE, data.size()), "archive member head");
            Magic.Detected d = Magic.detect(head);
            if (d.format() == FileFormat.ARCHIVE || d.format() == FileFormat.UNKNOWN
                    || d.format() == FileFormat.SCRIPT) {
                return new Other(m, d.reason());
            }
            return new Read(m, BinaryFile.read(data));
        } catch (BinaryFormatException e) {
            // the member's reader saw offsets relative to the member: report them at the archive's
            return new Malformed(m, new FormatProblem(e.structure(), e.offset() + m.dataOffset(), e.detail()));
        }
    }
}
