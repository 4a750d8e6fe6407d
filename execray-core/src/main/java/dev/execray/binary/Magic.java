package dev.execray.binary;

/**
 * Identifies a file from its first bytes, the way the kernel and file(1) do: by magic number only.
 * Reading the structure behind the magic is the format reader's job.
 */
public final class Magic {
    /** Bytes worth reading to identify any format, including the PE signature behind a DOS stub. */
    public static final int HEAD_SIZE = 4096;

    /** What the first bytes say, and for {@link FileFormat#UNKNOWN} why nothing matched. */
    public record Detected(FileFormat format, String reason) {
    }

    private Magic() {
    }

    public static Detected detect(byte[] head) {
        int n = head.length;
        if (n == 0) {
            return unknown("empty file");
        }
        if (n >= 2 && head[0] == '#' && head[1] == '!') {
            return new Detected(FileFormat.SCRIPT, "starts with #!");
        }
        if (n < 4) {
            return unknown("too short to identify (" + n + " byte" + (n == 1 ? "" : "s") + ")");
        }
        int be = ((head[0] & 0xff) << 24) | ((head[1] & 0xff) << 16) | ((head[2] & 0xff) << 8) | (head[3] & 0xff);
        switch (be) {
            case 0x7f454c46:
                return new Detected(FileFormat.ELF, "ELF magic 7f 45 4c 46");
            case 0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe:
                return new Detected(FileFormat.MACHO, String.format("Mach-O magic 0x%08x", be));
            case 0xcafebabe, 0xcafebabf:
                return fatOrJavaClass(head, be);
            default:
                break;
        }
        // XCOFF (AIX) has a 2-byte magic; the f_nscns that follows is free, so only the magic decides
        int magic16 = ((head[0] & 0xff) << 8) | (head[1] & 0xff);
        if (magic16 == 0x01f7 || magic16 == 0x01df) {
            return new Detected(FileFormat.XCOFF, String.format("XCOFF%s magic 0x%04x", magic16 == 0x01f7 ? "64" : "32",
                    magic16));
        }
        if (be == 0x0061736d) {
            return new Detected(FileFormat.WASM, "WebAssembly magic 00 61 73 6d");
        }
        if (dev.execray.binary.archive.ArchiveFile.isArchive(head)) {
            return new Detected(FileFormat.ARCHIVE, "static archive magic " + (head[2] == 't' ? "!<thin>" : "!<arch>"));
        }
        if (head[0] == 'M' && head[1] == 'Z') {
            return peOrDos(head);
        }
        if (dev.execray.binary.pe.CoffObjectFile.looksLike(head)) {
            boolean big = head[2] == (byte) 0xff && head[3] == (byte) 0xff && head.length >= 8;
            int at = big ? 6 : 0;
            return new Detected(FileFormat.COFF, String.format(big ? "COFF bigobj object, machine 0x%04x"
                    : "COFF object, machine 0x%04x", (head[at] & 0xff) | (head[at + 1] & 0xff) << 8));
        }
        return unknown(String.format("unknown magic %02x %02x %02x %02x",
                head[0] & 0xff, head[1] & 0xff, head[2] & 0xff, head[3] & 0xff));
    }

    /**
     * 0xcafebabe is both the universal-binary magic and the Java class-file magic. As in file(1) and
     * Apple's tools, a small architecture count means fat; a class file has its version (45 or more) there.
     */
    private static Detected fatOrJavaClass(byte[] head, int magic) {
        if (head.length < 8) {
            return new Detected(FileFormat.FAT, "universal-binary magic (truncated header)");
        }
        long second = ((head[4] & 0xffL) << 24) | ((head[5] & 0xff) << 16) | ((head[6] & 0xff) << 8) | (head[7] & 0xff);
        if (magic == 0xcafebabe && second >= 30) {
            return unknown("Java class file (magic cafebabe, version " + (second & 0xffff) + ")");
        }
        return new Detected(FileFormat.FAT, String.format("universal-binary magic 0x%08x", magic));
    }

    private static Detected peOrDos(byte[] head) {
        if (head.length < 0x40) {
            return unknown("MZ header truncated (" + head.length + " bytes)");
        }
        long lfanew = (head[0x3c] & 0xffL) | ((head[0x3d] & 0xffL) << 8) | ((head[0x3e] & 0xffL) << 16)
                | ((head[0x3f] & 0xffL) << 24);
        if (lfanew + 4 <= head.length) {
            int i = (int) lfanew;
            if (head[i] == 'P' && head[i + 1] == 'E' && head[i + 2] == 0 && head[i + 3] == 0) {
                return new Detected(FileFormat.PE, "MZ header with PE signature at 0x" + Long.toHexString(lfanew));
            }
            return unknown("DOS MZ executable without a PE signature at e_lfanew 0x" + Long.toHexString(lfanew));
        }
        // The signature lies beyond the bytes we looked at: let the PE reader decide with the whole file.
        return new Detected(FileFormat.PE, "MZ header, PE signature expected at 0x" + Long.toHexString(lfanew));
    }

    private static Detected unknown(String reason) {
        return new Detected(FileFormat.UNKNOWN, reason);
    }
}
