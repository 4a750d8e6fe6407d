package dev.execray.binary.elf;

import java.util.List;
import java.util.Optional;

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

    /**
     * NT_GNU_PROPERTY_TYPE_0: the properties in order, and how the descriptor is malformed if it is (the
     * properties before the fault are kept; a property whose data overruns the descriptor is kept with no
     * data). Decoded once here; the renderers format this model.
     */
    record GnuProperties(List<GnuProperty> properties, Optional<Corruption> corruption) implements NoteContent {
        /** Whether the descriptor is malformed. */
        public boolean corrupt() {
            return corruption.isPresent();
        }

        /** Decodes a descriptor (of a note not read through {@link NoteReader}, such as another owner's). */
        public static GnuProperties of(byte[] desc, int wordSize, boolean littleEndian) {
            return NoteReader.properties(desc, wordSize, littleEndian);
        }

        /** How a property list breaks the layout (the cases readelf names). */
        public sealed interface Corruption {
            /** descsz is under 8 or not a multiple of the word size: nothing is read. */
            record BadSize(int descsz) implements Corruption {
            }

            /** Fewer than 8 bytes are left for the next property's header. */
            record Truncated(int descsz) implements Corruption {
            }

            /** pr_datasz of the property of {@code type} runs past the descriptor. */
            record DataOverrun(long type, long datasz) implements Corruption {
            }
        }
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
