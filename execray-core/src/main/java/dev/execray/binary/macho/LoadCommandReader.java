package dev.execray.binary.macho;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes one load command from a view of exactly its {@code cmdsize} bytes, so that no field can
 * be read from the next command: a body too short for its kind is a {@link BinaryFormatException}.
 */
final class LoadCommandReader {
    private LoadCommandReader() {
    }

    static LoadCommand read(ByteSource c, long cmd, long cmdsize) {
        LoadCommandType type = LoadCommandType.of(cmd).orElse(null);
        if (type == null) {
            return new LoadCommand.Other(cmd, cmdsize);
        }
        String name = type.specName();
        return switch (type) {
            case SEGMENT -> segment(c, cmd, cmdsize, false, name);
            case SEGMENT_64 -> segment(c, cmd, cmdsize, true, name);
            case LOAD_DYLIB, LOAD_WEAK_DYLIB, REEXPORT_DYLIB, LAZY_LOAD_DYLIB, LOAD_UPWARD_DYLIB, ID_DYLIB ->
                    new LoadCommand.Dylib(cmd, cmdsize, lcStr(c, 8, name), c.u32(12, name), c.u32(16, name),
                            c.u32(20, name));
            case LOAD_DYLINKER, ID_DYLINKER, DYLD_ENVIRONMENT -> new LoadCommand.Dylinker(cmd, cmdsize, lcStr(c, 8, name));
            case RPATH -> new LoadCommand.Rpath(cmd, cmdsize, lcStr(c, 8, name));
            case BUILD_VERSION -> buildVersion(c, cmd, cmdsize, name);
            case VERSION_MIN_MACOSX, VERSION_MIN_IPHONEOS, VERSION_MIN_TVOS, VERSION_MIN_WATCHOS ->
                    new LoadCommand.VersionMin(cmd, cmdsize, c.u32(8, name), c.u32(12, name));
            case MAIN -> new LoadCommand.EntryPoint(cmd, cmdsize, c.u64(8, name), c.u64(16, name));
            case UUID -> new LoadCommand.Uuid(cmd, cmdsize, uuid(c.bytes(8, 16, name)));
            case CODE_SIGNATURE, SEGMENT_SPLIT_INFO, FUNCTION_STARTS, DATA_IN_CODE, DYLIB_CODE_SIGN_DRS,
                    LINKER_OPTIMIZATION_HINT, DYLD_EXPORTS_TRIE, DYLD_CHAINED_FIXUPS, ATOM_INFO ->
                    new LoadCommand.LinkeditData(cmd, cmdsize, c.u32(8, name), c.u32(12, name));
            case SYMTAB -> new LoadCommand.Symtab(cmd, cmdsize, c.u32(8, name), c.u32(12, name), c.u32(16, name),
                    c.u32(20, name));
            case DYSYMTAB -> dysymtab(c, cmd, cmdsize, name);
            case DYLD_INFO, DYLD_INFO_ONLY -> new LoadCommand.DyldInfo(cmd, cmdsize, c.u32(8, name), c.u32(12, name),
                    c.u32(16, name), c.u32(20, name), c.u32(24, name), c.u32(28, name), c.u32(32, name),
                    c.u32(36, name), c.u32(40, name), c.u32(44, name));
            case ENCRYPTION_INFO, ENCRYPTION_INFO_64 -> new LoadCommand.EncryptionInfo(cmd, cmdsize, c.u32(8, name),
                    c.u32(12, name), c.u32(16, name));
            case SOURCE_VERSION -> new LoadCommand.SourceVersion(cmd, cmdsize, c.u64(8, name));
            case THREAD, UNIXTHREAD -> thread(c, cmd, cmdsize, name);
            default -> new LoadCommand.Other(cmd, cmdsize);
        };
    }

    private static LoadCommand.Segment segment(ByteSource c, long cmd, long cmdsize, boolean is64, String what) {
        int head = is64 ? 72 : 56;
        int entry = is64 ? 80 : 68;
        c.check(0, head, what);
        String segname = c.fixedString(8, 16, what);
        long vmaddr;
        long vmsize;
        long fileoff;
        long filesize;
        int p;
        if (is64) {
            vmaddr = c.u64(24, what);
            vmsize = c.u64(32, what);
            fileoff = c.u64(40, what);
            filesize = c.u64(48, what);
            p = 56;
        } else {
            vmaddr = c.u32(24, what);
            vmsize = c.u32(28, what);
            fileoff = c.u32(32, what);
            filesize = c.u32(36, what);
            p = 40;
        }
        int maxprot = c.s32(p, what);
        int initprot = c.s32(p + 4, what);
        long nsects = c.u32(p + 8, what);
        long flags = c.u32(p + 12, what);
        int n = c.checkTable(head, nsects, entry, what + " " + segname + " sections (nsects " + nsects + ")");
        List<MachSection> sections = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            long s = head + (long) i * entry;
            String sw = "section " + i + " of " + segname;
            if (is64) {
                sections.add(new MachSection(c.fixedString(s, 16, sw), c.fixedString(s + 16, 16, sw), c.u64(s + 32, sw),
                        c.u64(s + 40, sw), c.u32(s + 48, sw), c.u32(s + 52, sw), c.u32(s + 56, sw), c.u32(s + 60, sw),
                        c.u32(s + 64, sw), c.u32(s + 68, sw), c.u32(s + 72, sw), c.u32(s + 76, sw)));
            } else {
                sections.add(new MachSection(c.fixedString(s, 16, sw), c.fixedString(s + 16, 16, sw), c.u32(s + 32, sw),
                        c.u32(s + 36, sw), c.u32(s + 40, sw), c.u32(s + 44, sw), c.u32(s + 48, sw), c.u32(s + 52, sw),
                        c.u32(s + 56, sw), c.u32(s + 60, sw), c.u32(s + 64, sw), 0));
            }
        }
        return new LoadCommand.Segment(cmd, cmdsize, segname, vmaddr, vmsize, fileoff, filesize, maxprot, initprot,
                nsects, flags, sections);
    }

    /** x86_THREAD_STATE64 (flavor 4): rip is register 16; ARM_THREAD_STATE64 (flavor 6): pc is register 32. */
    private static LoadCommand.Thread thread(ByteSource c, long cmd, long cmdsize, String what) {
        long flavor = c.u32(8, what);
        long count = c.u32(12, what);
        java.util.OptionalLong pc = java.util.OptionalLong.empty();
        if (flavor == 4 && count == 42 && c.contains(16 + 16 * 8, 8)) {
            pc = java.util.OptionalLong.of(c.u64(16 + 16 * 8, what));
        } else if (flavor == 6 && count == 68 && c.contains(16 + 32 * 8, 8)) {
            pc = java.util.OptionalLong.of(c.u64(16 + 32 * 8, what));
        }
        return new LoadCommand.Thread(cmd, cmdsize, flavor, count, pc);
    }

    private static LoadCommand.BuildVersion buildVersion(ByteSource c, long cmd, long cmdsize, String what) {
        long ntools = c.u32(20, what);
        int n = c.checkTable(24, ntools, 8, what + " tools (ntools " + ntools + ")");
        List<LoadCommand.BuildToolVersion> tools = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            tools.add(new LoadCommand.BuildToolVersion(c.u32(24 + 8L * i, what), c.u32(28 + 8L * i, what)));
        }
        return new LoadCommand.BuildVersion(cmd, cmdsize, c.u32(8, what), c.u32(12, what), c.u32(16, what), tools);
    }

    private static LoadCommand.Dysymtab dysymtab(ByteSource c, long cmd, long cmdsize, String what) {
        long[] f = new long[18];
        for (int i = 0; i < f.length; i++) {
            f[i] = c.u32(8 + 4L * i, what);
        }
        return new LoadCommand.Dysymtab(cmd, cmdsize, f[0], f[1], f[2], f[3], f[4], f[5], f[6], f[7], f[8], f[9], f[10],
                f[11], f[12], f[13], f[14], f[15], f[16], f[17]);
    }

    /** An lc_str: an offset from the command's start to a NUL-terminated string inside the command. */
    private static String lcStr(ByteSource c, long field, String what) {
        long offset = c.u32(field, what);
        if (offset < field + 4 || offset >= c.size()) {
            throw new BinaryFormatException(what, field, "string offset " + offset + " is outside the command's "
                    + c.size() + " bytes");
        }
        return c.cString(offset, c.size(), what + " string");
    }

    static String uuid(byte[] b) {
        StringBuilder sb = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                sb.append('-');
            }
            sb.append(String.format("%02X", b[i] & 0xff));
        }
        return sb.toString();
    }
}
