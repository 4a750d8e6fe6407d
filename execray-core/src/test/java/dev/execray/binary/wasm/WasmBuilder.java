package dev.execray.binary.wasm;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes small WebAssembly modules for tests, section by section. */
final class WasmBuilder {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    WasmBuilder() {
        out.writeBytes(new byte[] {0, 'a', 's', 'm', 1, 0, 0, 0});
    }

    static byte[] uleb(long v) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        do {
            int c = (int) (v & 0x7f);
            v >>>= 7;
            b.write(v != 0 ? c | 0x80 : c);
        } while (v != 0);
        return b.toByteArray();
    }

    static byte[] name(String s) {
        byte[] n = s.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(uleb(n.length));
        b.writeBytes(n);
        return b.toByteArray();
    }

    WasmBuilder section(int id, byte[] content) {
        out.write(id);
        out.writeBytes(uleb(content.length));
        out.writeBytes(content);
        return this;
    }

    WasmBuilder custom(String name, byte[] body) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(name(name));
        b.writeBytes(body);
        return section(0, b.toByteArray());
    }

    /** An import section of functions (type 0) from {@code module}. */
    WasmBuilder funcImports(String module, String... fields) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(uleb(fields.length));
        for (String f : fields) {
            b.writeBytes(name(module));
            b.writeBytes(name(f));
            b.write(0);
            b.write(0);
        }
        return section(2, b.toByteArray());
    }

    WasmBuilder memoryExport(String name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(1);
        b.writeBytes(name(name));
        b.write(2);
        b.write(0);
        return section(7, b.toByteArray());
    }

    /** A data section of active segments at the given i32 offsets. */
    WasmBuilder data(long[] offsets, byte[][] bytes) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(uleb(offsets.length));
        for (int i = 0; i < offsets.length; i++) {
            b.write(0);
            b.write(0x41);
            b.writeBytes(uleb(offsets[i])); // small positive offsets: the signed and unsigned forms agree
            b.write(0x0b);
            b.writeBytes(uleb(bytes[i].length));
            b.writeBytes(bytes[i]);
        }
        return section(11, b.toByteArray());
    }

    byte[] bytes() {
        return out.toByteArray();
    }
}
