package dev.execray.place.ldconfig;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes ld.so.cache files for tests, in any of the three layouts and either byte order, with the
 * entries in the order given (callers sort them as ldconfig would, or deliberately do not).
 */
final class CacheBuilder {
    record Lib(int flags, String soname, String path, long hwcap) {
    }

    private final List<Lib> libs = new ArrayList<>();
    private final List<String> hwcapsNames = new ArrayList<>();
    private ByteOrder order = ByteOrder.LITTLE_ENDIAN;
    private int endianFlag = 2;
    private String generator;

    CacheBuilder add(int flags, String soname, String path) {
        libs.add(new Lib(flags, soname, path, 0));
        return this;
    }

    CacheBuilder addHwcaps(int flags, String soname, String path, int hwcapsIndex, int isaLevel) {
        long hw = LdSoCache.HWCAP_EXTENSION | ((long) isaLevel << 32) | hwcapsIndex;
        libs.add(new Lib(flags, soname, path, hw));
        return this;
    }

    CacheBuilder addLegacy(int flags, String soname, String path, long hwcap) {
        libs.add(new Lib(flags, soname, path, hwcap));
        return this;
    }

    CacheBuilder hwcapsName(String name) {
        hwcapsNames.add(name);
        return this;
    }

    CacheBuilder bigEndian() {
        order = ByteOrder.BIG_ENDIAN;
        endianFlag = 3;
        return this;
    }

    CacheBuilder endianFlag(int f) {
        endianFlag = f;
        return this;
    }

    CacheBuilder generator(String g) {
        generator = g;
        return this;
    }

    byte[] newFormat() {
        return newFormatAt(0);
    }

    /** The new-format block as it would sit at file offset {@code base} (extension offsets are absolute). */
    private byte[] newFormatAt(int base) {
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        int tableEnd = LdSoCache.NEW_HEADER + libs.size() * LdSoCache.NEW_ENTRY;
        int[] keys = new int[libs.size()];
        int[] values = new int[libs.size()];
        for (int i = 0; i < libs.size(); i++) {
            keys[i] = tableEnd + strings.size();
            strings.writeBytes(z(libs.get(i).soname()));
            values[i] = tableEnd + strings.size();
            strings.writeBytes(z(libs.get(i).path()));
        }
        int[] hwNames = new int[hwcapsNames.size()];
        for (int i = 0; i < hwNames.length; i++) {
            hwNames[i] = base + tableEnd + strings.size();
            strings.writeBytes(z(hwcapsNames.get(i)));
        }
        while ((tableEnd + strings.size()) % 4 != 0) {
            strings.write(0);
        }
        int extAt = tableEnd + strings.size();
        boolean ext = generator != null || !hwcapsNames.isEmpty();
        int sections = (generator != null ? 1 : 0) + (hwcapsNames.isEmpty() ? 0 : 1);
        int dataAt = extAt + 8 + sections * 16;
        ByteBuffer extBuf = ByteBuffer.allocate(ext ? 8 + sections * 16 + 4 * hwNames.length
                + (generator == null ? 0 : generator.length() + 4) : 0).order(order);
        if (ext) {
            extBuf.putInt((int) LdSoCache.EXTENSION_MAGIC).putInt(sections);
            int next = dataAt;
            if (!hwcapsNames.isEmpty()) {
                extBuf.putInt(LdSoCache.TAG_GLIBC_HWCAPS).putInt(0).putInt(base + next).putInt(4 * hwNames.length);
                next += 4 * hwNames.length;
            }
            if (generator != null) {
                extBuf.putInt(LdSoCache.TAG_GENERATOR).putInt(0).putInt(base + next).putInt(generator.length());
            }
            for (int h : hwNames) {
                extBuf.putInt(h);
            }
            if (generator != null) {
                extBuf.put(generator.getBytes(StandardCharsets.US_ASCII));
            }
        }
        ByteBuffer b = ByteBuffer.allocate(extAt + extBuf.position()).order(order);
        b.put(LdSoCache.MAGIC_NEW);
        b.putInt(libs.size()).putInt(strings.size());
        b.put((byte) endianFlag).put(new byte[3]);
        b.putInt(ext ? base + extAt : 0).putInt(0).putInt(0).putInt(0);
        for (int i = 0; i < libs.size(); i++) {
            b.putInt(libs.get(i).flags()).putInt(keys[i]).putInt(values[i]).putInt(0).putLong(libs.get(i).hwcap());
        }
        b.put(strings.toByteArray());
        b.put(extBuf.array(), 0, extBuf.position());
        return b.array();
    }

    byte[] oldFormat() {
        return old(false, 8);
    }

    byte[] combined(int alignment) {
        return old(true, alignment);
    }

    private byte[] old(boolean embedNew, int alignment) {
        int tableEnd = LdSoCache.OLD_HEADER + libs.size() * LdSoCache.OLD_ENTRY;
        int pad = embedNew ? ((tableEnd + alignment - 1) & -alignment) - tableEnd : 0;
        byte[] embedded = embedNew ? newFormatAt(tableEnd + pad) : new byte[0];
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        strings.writeBytes(new byte[pad]);
        strings.writeBytes(embedded);
        int[] keys = new int[libs.size()];
        int[] values = new int[libs.size()];
        for (int i = 0; i < libs.size(); i++) {
            keys[i] = strings.size();
            strings.writeBytes(z(libs.get(i).soname()));
            values[i] = strings.size();
            strings.writeBytes(z(libs.get(i).path()));
        }
        ByteBuffer b = ByteBuffer.allocate(tableEnd + strings.size()).order(order);
        b.put(LdSoCache.MAGIC_OLD).put((byte) 0).putInt(libs.size());
        for (int i = 0; i < libs.size(); i++) {
            b.putInt(libs.get(i).flags()).putInt(keys[i]).putInt(values[i]);
        }
        b.put(strings.toByteArray());
        return b.array();
    }

    private static byte[] z(String s) {
        byte[] a = s.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + 1];
        System.arraycopy(a, 0, out, 0, a.length);
        return out;
    }
}
