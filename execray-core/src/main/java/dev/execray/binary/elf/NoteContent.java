package dev.execray.binary.elf;

import java.util.List;

/** What a note says, for the notes execray understands; {@link Other} for all the rest. */
public sealed interface NoteContent {

    /** NT_GNU_BUILD_ID: the build ID as lower-case hex. */
    record BuildId(String hex) implements NoteContent {
    }

    /**
     * NT_GNU_ABI_TAG (.note.ABI-tag): the OS and the oldest kernel version the C library supports,
     * for Linux the minimum kernel the binary runs on.
     */
    record AbiTag(long os, String osName, long major, long minor, long patch) implements NoteContent {
        public String version() {
            return major + "." + minor + "." + patch;
        }
    }

    /** NT_GNU_PROPERTY_TYPE_0: the properties in order; {@code corrupt} when the descriptor is malformed. */
    record GnuProperties(List<GnuProperty> properties, boolean corrupt) implements NoteContent {
    }

    /** NT_GNU_GOLD_VERSION: the gold linker that made the file. */
    record GoldVersion(String version) implements NoteContent {
    }

    /** The Go toolchain's build ID note (owner "Go", type 4). */
    record GoBuildId(String id) implements NoteContent {
    }

    /** FreeBSD's NT_FREEBSD_ABI_TAG: __FreeBSD_version of the system the binary was built for. */
    record FreeBsdAbiTag(long osreldate) implements NoteContent {
    }

    /** NetBSD's NT_NETBSD_IDENT: __NetBSD_Version__ of the target system. */
    record NetBsdIdent(long version) implements NoteContent {
    }

    /** OpenBSD's identification note (owner "OpenBSD", type 1): marks the binary as OpenBSD's. */
    record OpenBsdIdent(long value) implements NoteContent {
    }

    /**
     * NT_FILE in a core file's "CORE" notes (the kernel's fill_files_note): the page size and, per file-backed
     * mapping, its start, end, offset in pages and the file's path. {@code corrupt} when the descriptor is shorter
     * than its count says or a name is missing: the mappings read before stay listed.
     */
    record MappedFiles(long pageSize, List<MappedFile> files, boolean corrupt) implements NoteContent {
    }

    /** One mapping of an NT_FILE note; {@code pageOffset} counts pages (times pageSize for bytes). */
    record MappedFile(long start, long end, long pageOffset, String path) {
    }

    /** Any other note: the descriptor bytes are in {@link Note#desc()}. */
    record Other() implements NoteContent {
    }
}
