package dev.execray.binary;

import dev.execray.binary.archive.ArchiveFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /**
     * A thin archive's member whose file was not looked for: the archive was read from bytes alone (no directory
     * to find its members in).
     */
    record External(ArchiveFile.Member member) implements ArchiveMember {
    }

    /**
     * A thin archive's member whose file could not be read: missing, not a regular file (a FIFO or device could
     * block or never end), or an I/O error. {@code problem} names the member and the path looked at.
     */
    record Unreadable(ArchiveFile.Member member, Path file, FormatProblem problem) implements ArchiveMember {
    }

    /**
     * Each member of {@code archive} in archive order, read from {@code bytes}: the bytes its offsets are in (the
     * archive's own, or a universal file's for an archive slice). A thin archive's members stay {@link External}.
     */
    static List<ArchiveMember> readAll(ArchiveFile archive, ByteSource bytes) {
        return readAll(archive, bytes, Optional.empty());
    }

    /**
     * As {@link #readAll(ArchiveFile, ByteSource)}, and a thin archive's members read from their own files, found
     * as GNU ar and bfd find them: a relative name from {@code directory} (the archive's directory, never the
     * working directory), an absolute name as it is. Nothing else is searched, so a member leaves the archive's
     * directory tree only when its name says so ("../x.o", "/abs/x.o").
     */
    static List<ArchiveMember> readAll(ArchiveFile archive, ByteSource bytes, Optional<Path> directory) {
        List<ArchiveMember> out = new ArrayList<>(archive.members().size());
        for (ArchiveFile.Member m : archive.members()) {
            out.add(m.external() && directory.isPresent() ? readFile(m, directory.get()) : read(m, bytes));
        }
        return List.copyOf(out);
    }

    /** Where a thin archive in {@code directory} keeps {@code member}'s bytes; empty when the name is no path. */
    public static Optional<Path> memberPath(Path directory, ArchiveFile.Member member) {
        try {
            return Optional.of(directory.resolve(member.name()).normalize());
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
    }

    private static ArchiveMember readFile(ArchiveFile.Member m, Path directory) {
        String structure = "thin archive member " + m.name();
        Optional<Path> p = memberPath(directory, m);
        if (p.isEmpty() || m.name().isEmpty()) {
            return new Unreadable(m, directory, new FormatProblem(structure, m.headerOffset(),
                    "the name is not a path"));
        }
        Path file = p.get();
        if (!Files.exists(file)) {
            return new Unreadable(m, file, new FormatProblem(structure, m.headerOffset(), file + ": no such file"));
        }
        if (!Files.isRegularFile(file)) {
            return new Unreadable(m, file, new FormatProblem(structure, m.headerOffset(), file
                    + ": not a regular file"));
        }
        ByteSource data;
        try {
            data = ByteSource.open(file);
        } catch (IOException e) {
            return new Unreadable(m, file, new FormatProblem(structure, m.headerOffset(),
                    file + ": " + e.getMessage()));
        }
        try {
            return classify(m, data);
        } catch (BinaryFormatException e) {
            // offsets in the member's own file; the structure says which file
            return new Malformed(m, new FormatProblem(e.structure() + " in " + file, e.offset(), e.detail()));
        }
    }

    private static ArchiveMember read(ArchiveFile.Member m, ByteSource bytes) {
        if (m.external()) {
            return new External(m);
        }
        try {
            return classify(m, bytes.slice(m.dataOffset(), m.size(), "archive member " + m.name()));
        } catch (BinaryFormatException e) {
            // the member's reader saw offsets relative to the member: report them at the archive's
            return new Malformed(m, new FormatProblem(e.structure(), e.offset() + m.dataOffset(), e.detail()));
        }
    }

    /** The member's bytes read by the reader its magic names; archives (one level only) and unknown bytes are Other. */
    private static ArchiveMember classify(ArchiveFile.Member m, ByteSource data) {
        byte[] head = data.bytes(0, (int) Math.min(Magic.HEAD_SIZE, data.size()), "archive member head");
        Magic.Detected d = Magic.detect(head);
        if (d.format() == FileFormat.ARCHIVE || d.format() == FileFormat.UNKNOWN || d.format() == FileFormat.SCRIPT) {
            return new Other(m, d.reason());
        }
        return new Read(m, BinaryFile.read(data));
    }
}
