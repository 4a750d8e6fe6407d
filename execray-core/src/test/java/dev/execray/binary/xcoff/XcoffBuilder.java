package dev.execray.binary.xcoff;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes small XCOFF64 files for tests: file header, full auxiliary header, .text, .data and .loader section
 * headers, a loader section with one import file and one imported symbol, and a symbol table of two symbols
 * with a string table. Offsets are laid out in that order.
 */
final class XcoffBuilder {
    static final long TEXT_ADDR = 0x100000000L;
    static final long DATA_ADDR = 0x200000000L;

    private XcoffBuilder() {
    }

    static byte[] xcoff64(byte[] text, byte[] data) {
        int hdr = 24;
        int aux = XcoffAuxHeader.SIZE_64;
        int secs = 3 * 72;
        int textOff = hdr + aux + secs;
        int dataOff = textOff + text.length;
        byte[] loader = loader64();
        int loaderOff = dataOff + data.length;
        int symOff = loaderOff + loader.length;
        byte[] strtab = strtab("main.main\0runtime.buildVersion\0");
        ByteBuffer b = ByteBuffer.allocate(symOff + 2 * 18 + strtab.length);
        b.putShort((short) 0x01f7).putShort((short) 3).putInt(0).putLong(symOff).putShort((short) aux)
                .putShort((short) 0x0002).putInt(2);
        int a = b.position();
        b.putShort((short) 0x010b).putShort((short) 1).putInt(0).putLong(TEXT_ADDR).putLong(DATA_ADDR).putLong(0)
                .putShort((short) 1).putShort((short) 1).putShort((short) 2).putShort((short) 2).putShort((short) 3)
                .putShort((short) 0).putShort((short) 5).putShort((short) 3).put("1L".getBytes(StandardCharsets.US_ASCII))
                .put((byte) 0).put((byte) 0).putInt(0).putLong(text.length).putLong(data.length).putLong(0)
                .putLong(TEXT_ADDR).putLong(0).putLong(0);
        b.position(a + aux);
        section(b, ".text", TEXT_ADDR, text.length, textOff, 0x20);
        section(b, ".data", DATA_ADDR, data.length, dataOff, 0x40);
        section(b, ".loader", 0, loader.length, loaderOff, 0x1000);
        b.put(text).put(data).put(loader);
        // symbols: main.main in .text, runtime.buildVersion in .data
        b.putLong(TEXT_ADDR).putInt(4).putShort((short) 1).putShort((short) 0).put((byte) 2).put((byte) 0);
        b.putLong(DATA_ADDR).putInt(14).putShort((short) 2).putShort((short) 0).put((byte) 2).put((byte) 0);
        b.put(strtab);
        return b.array();
    }

    private static void section(ByteBuffer b, String name, long addr, long size, long off, int flags) {
        byte[] n = new byte[8];
        byte[] s = name.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(s, 0, n, 0, s.length);
        b.put(n).putLong(addr).putLong(addr).putLong(size).putLong(off).putLong(0).putLong(0).putInt(0).putInt(0)
                .putInt(flags).putInt(0);
    }

    private static byte[] strtab(String names) {
        byte[] s = names.getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(4 + s.length);
        b.putInt(4 + s.length).put(s);
        return b.array();
    }

    /** Loader header, one loader symbol "exit" imported from import file 1, import IDs, string table. */
    private static byte[] loader64() {
        byte[] ids = "/usr/lib:/lib\0\0\0\0libc.a\0shr_64.o\0".getBytes(StandardCharsets.US_ASCII);
        ByteArrayOutputStream st = new ByteArrayOutputStream();
        st.write(0);
        st.write(5);
        st.writeBytes("exit\0".getBytes(StandardCharsets.US_ASCII));
        byte[] strings = st.toByteArray();
        int symoff = 56;
        int impoff = symoff + 24;
        int stoff = impoff + ids.length;
        ByteBuffer b = ByteBuffer.allocate(stoff + strings.length);
        b.putInt(2).putInt(1).putInt(0).putInt(ids.length).putInt(2).putInt(strings.length).putLong(impoff)
                .putLong(stoff).putLong(symoff).putLong(0);
        b.putLong(0).putInt(2).putShort((short) 0).put((byte) 0x40).put((byte) 10).putInt(1).putInt(0);
        b.put(ids).put(strings);
        return b.array();
    }
}
