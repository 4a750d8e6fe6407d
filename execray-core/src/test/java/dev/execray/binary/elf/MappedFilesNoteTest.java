package dev.execray.binary.elf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** NT_FILE descriptors as the kernel's fill_files_note writes them, and truncated or lying ones. */
class MappedFilesNoteTest {
    private static byte[] desc(boolean is64, ByteOrder order, long count, long pageSize, long[][] maps, String names) {
        int w = is64 ? 8 : 4;
        ByteBuffer b = ByteBuffer.allocate(2 * w + 3 * w * maps.length + names.length()).order(order);
        put(b, is64, count);
        put(b, is64, pageSize);
        for (long[] m : maps) {
            for (long v : m) {
                put(b, is64, v);
            }
        }
        b.put(names.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        return b.array();
    }

    private static void put(ByteBuffer b, boolean is64, long v) {
        if (is64) {
            b.putLong(v);
        } else {
            b.putInt((int) v);
        }
    }

    @Test
    void sixtyFourAndThirtyTwoBitInBothByteOrders() {
        long[][] maps = {{0x400000, 0x401000, 0}, {0x7f0000001000L, 0x7f0000003000L, 2}};
        for (boolean is64 : new boolean[] {true, false}) {
            for (ByteOrder o : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
                long[][] m = is64 ? maps : new long[][] {{0x400000, 0x401000, 0}, {0xf7001000L, 0xf7003000L, 2}};
                NoteContent.MappedFiles f = NoteReader.mappedFiles(desc(is64, o, 2, 4096, m, "/bin/x\0/lib/libc.so.6\0"),
                        is64 ? 8 : 4, o == ByteOrder.LITTLE_ENDIAN);
                assertThat(f.corrupt()).isFalse();
                assertThat(f.pageSize()).isEqualTo(4096);
                assertThat(f.files()).containsExactly(new NoteContent.MappedFile(0x400000, 0x401000, 0, "/bin/x"),
                        new NoteContent.MappedFile(m[1][0], m[1][1], 2, "/lib/libc.so.6"));
            }
        }
    }

    @Test
    void aCountBeyondTheDescriptorOrAMissingNameIsCorruptAndKeepsWhatWasRead() {
        NoteContent.MappedFiles huge = NoteReader.mappedFiles(desc(true, ByteOrder.LITTLE_ENDIAN, Long.MAX_VALUE, 4096,
                new long[][] {{1, 2, 0}}, "/a\0"), 8, true);
        assertThat(huge.corrupt()).isTrue();
        assertThat(huge.files()).extracting(NoteContent.MappedFile::path).containsExactly("/a");
        NoteContent.MappedFiles unnamed = NoteReader.mappedFiles(desc(true, ByteOrder.LITTLE_ENDIAN, 2, 4096,
                new long[][] {{1, 2, 0}, {3, 4, 0}}, "/a\0/b"), 8, true);
        assertThat(unnamed.corrupt()).isTrue();
        assertThat(unnamed.files()).hasSize(1);
        assertThat(NoteReader.mappedFiles(new byte[5], 8, true).corrupt()).isTrue();
    }
}
