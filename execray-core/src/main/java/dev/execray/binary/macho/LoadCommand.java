package dev.execray.binary.macho;

import java.util.List;

/**
 * One load command, decoded when execray knows its layout and kept by number otherwise. Every
 * alternative carries {@code cmd} (with the LC_REQ_DYLD bit as stored) and {@code cmdsize}.
 */
public sealed interface LoadCommand {
    long cmd();

    long cmdsize();

    /** LC_SEGMENT_64, LC_LOAD_DYLIB, ... or LC_0x... for a number no header names. */
    default String commandName() {
        return LoadCommandType.describe(cmd());
    }

    /** LC_SEGMENT / LC_SEGMENT_64 and its sections. */
    record Segment(long cmd, long cmdsize, String segname, long vmaddr, long vmsize, long fileoff, long filesize,
            int maxprot, int initprot, long nsects, long flags, List<MachSection> sections) implements LoadCommand {
        public Segment {
            sections = List.copyOf(sections);
        }

        /** "rwx"-style protection, as otool and vmmap show it. */
        public static String protection(int prot) {
            return ((prot & 1) != 0 ? "r" : "-") + ((prot & 2) != 0 ? "w" : "-") + ((prot & 4) != 0 ? "x" : "-");
        }
    }

    /** LC_LOAD_DYLIB, LC_LOAD_WEAK_DYLIB, LC_REEXPORT_DYLIB, LC_LAZY_LOAD_DYLIB, LC_LOAD_UPWARD_DYLIB, LC_ID_DYLIB. */
    record Dylib(long cmd, long cmdsize, String name, long timestamp, long currentVersion,
            long compatibilityVersion) implements LoadCommand {
        /** What the command says about loading: "load", "weak", "reexport", "lazy", "upward" or "id". */
        public String kind() {
            return LoadCommandType.of(cmd).map(t -> switch (t) {
                case LOAD_WEAK_DYLIB -> "weak";
                case REEXPORT_DYLIB -> "reexport";
                case LAZY_LOAD_DYLIB -> "lazy";
                case LOAD_UPWARD_DYLIB -> "upward";
                case ID_DYLIB -> "id";
                default -> "load";
            }).orElse("load");
        }
    }

    /** LC_LOAD_DYLINKER, LC_ID_DYLINKER, LC_DYLD_ENVIRONMENT: one path string. */
    record Dylinker(long cmd, long cmdsize, String name) implements LoadCommand {
    }

    record Rpath(long cmd, long cmdsize, String path) implements LoadCommand {
    }

    record BuildToolVersion(long tool, long version) {
        public String toolName() {
            return BuildTool.describe(tool);
        }
    }

    record BuildVersion(long cmd, long cmdsize, long platform, long minos, long sdk,
            List<BuildToolVersion> tools) implements LoadCommand {
        public BuildVersion {
            tools = List.copyOf(tools);
        }

        public String platformName() {
            return Platform.describe(platform);
        }
    }

    /** LC_VERSION_MIN_MACOSX / _IPHONEOS / _TVOS / _WATCHOS: the older form of the minimum OS. */
    record VersionMin(long cmd, long cmdsize, long version, long sdk) implements LoadCommand {
        public String platformName() {
            return LoadCommandType.of(cmd).map(t -> switch (t) {
                case VERSION_MIN_IPHONEOS -> "ios";
                case VERSION_MIN_TVOS -> "tvos";
                case VERSION_MIN_WATCHOS -> "watchos";
                default -> "macos";
            }).orElse("macos");
        }
    }

    /** LC_MAIN: the entry point as an offset into __TEXT, and the main thread's stack size (0 = default). */
    record EntryPoint(long cmd, long cmdsize, long entryoff, long stacksize) implements LoadCommand {
    }

    record Uuid(long cmd, long cmdsize, String uuid) implements LoadCommand {
    }

    /**
     * The linkedit_data_command family: LC_CODE_SIGNATURE, LC_FUNCTION_STARTS, LC_DATA_IN_CODE,
     * LC_DYLD_EXPORTS_TRIE, LC_DYLD_CHAINED_FIXUPS, LC_SEGMENT_SPLIT_INFO, ...: where in __LINKEDIT.
     */
    record LinkeditData(long cmd, long cmdsize, long dataoff, long datasize) implements LoadCommand {
    }

    record Symtab(long cmd, long cmdsize, long symoff, long nsyms, long stroff, long strsize) implements LoadCommand {
    }

    record Dysymtab(long cmd, long cmdsize, long ilocalsym, long nlocalsym, long iextdefsym, long nextdefsym,
            long iundefsym, long nundefsym, long tocoff, long ntoc, long modtaboff, long nmodtab, long extrefsymoff,
            long nextrefsyms, long indirectsymoff, long nindirectsyms, long extreloff, long nextrel, long locreloff,
            long nlocrel) implements LoadCommand {
    }

    /** LC_DYLD_INFO / LC_DYLD_INFO_ONLY: the compressed dyld opcode streams. */
    record DyldInfo(long cmd, long cmdsize, long rebaseOff, long rebaseSize, long bindOff, long bindSize,
            long weakBindOff, long weakBindSize, long lazyBindOff, long lazyBindSize, long exportOff,
            long exportSize) implements LoadCommand {
    }

    /** LC_ENCRYPTION_INFO(_64): a non-zero cryptid means the range is encrypted (App Store FairPlay). */
    record EncryptionInfo(long cmd, long cmdsize, long cryptoff, long cryptsize, long cryptid) implements LoadCommand {
    }

    record SourceVersion(long cmd, long cmdsize, long version) implements LoadCommand {
    }

    /**
     * LC_UNIXTHREAD / LC_THREAD: the initial register state, the entry of executables older than
     * LC_MAIN (and of Go's). {@code pc} is decoded for the x86_64 and arm64 thread states.
     */
    record Thread(long cmd, long cmdsize, long flavor, long count, java.util.OptionalLong pc) implements LoadCommand {
    }

    /** A command execray does not decode (or could not): kept by number, never dropped. */
    record Other(long cmd, long cmdsize) implements LoadCommand {
        public boolean requiredByDyld() {
            return (cmd & 0x80000000L) != 0;
        }
    }
}
