package dev.execray.runtime.maps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.runtime.Finding;
import dev.execray.testing.ElfBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MapsAttributionTest {
    /** A shared library laid out as ld.so maps one: text, then data whose first page is RELRO, then .bss. */
    static final byte[] LIB = ElfBuilder.empty()
            .load(0, 0, 0x1200, 0x1200, 4, 0x1000) // R: headers, rodata
            .load(0x2000, 0x2000, 0x3000, 0x3000, 5, 0x1000) // R E: text
            .load(0x5e10, 0x6e10, 0x400, 0x3000, 6, 0x1000) // RW: relro page, data, then .bss to 0x9e10
            .relro(0x6e10, 0x1f0)
            .segment(0x6474e551L, 6) // PT_GNU_STACK
            .size(0x6300).build();

    static String maps(long base) {
        return String.format(String.join("\n",
                "%x-%x r--p 00000000 08:01 77 /opt/lib/libx.so",
                "%x-%x r-xp 00002000 08:01 77 /opt/lib/libx.so",
                "%x-%x r--p 00005000 08:01 77 /opt/lib/libx.so",
                "%x-%x rw-p 00006000 08:01 77 /opt/lib/libx.so",
                "%x-%x rw-p 00000000 00:00 0 ",
                "%x-%x rwxp 00000000 00:00 0 ") + "\n",
                base, base + 0x2000, base + 0x2000, base + 0x5000, base + 0x6000, base + 0x7000, base + 0x7000, base + 0x8000,
                base + 0x8000, base + 0xa000, base + 0x20000, base + 0x21000);
    }

    static MapsReport attribute(String text, byte[] file) {
        MapsSnapshot snap = MapsParser.parse("test", text);
        return MapsAttribution.attribute(snap, m -> ByteSource.of(file), 4096);
    }

    @Test
    void eachMappingGetsItsSegmentIncludingRelroAndBss() {
        MapsReport r = attribute(maps(0x7f0000000000L), LIB);
        assertThat(r.mappings()).hasSize(6);
        assertThat(r.mappings().get(0).segment()).hasValueSatisfying(s -> assertThat(s.index()).isEqualTo(0));
        assertThat(r.mappings().get(1).segment()).hasValueSatisfying(s -> assertThat(s.executable()).isTrue());
        assertThat(r.mappings().get(2).segment()).hasValueSatisfying(s -> assertThat(s.index()).isEqualTo(2));
        assertThat(r.mappings().get(2).role()).contains("RELRO");
        assertThat(r.mappings().get(3).role()).isEqualTo("PT_LOAD");
        assertThat(r.mappings().get(4).role()).startsWith(".bss");
        assertThat(r.mappings().get(4).object()).isEqualTo("/opt/lib/libx.so");
        assertThat(r.mappings().get(5).object()).isEqualTo("[anon]");
        assertThat(r.objects()).anySatisfy(o -> {
            assertThat(o.name()).isEqualTo("/opt/lib/libx.so");
            assertThat(o.mappings()).isEqualTo(5);
            assertThat(o.sizeKiB()).isEqualTo(8 + 12 + 4 + 4 + 8);
        });
    }

    @Test
    void writableExecutableMemoryIsAWarning() {
        MapsReport r = attribute(maps(0x7f0000000000L), LIB);
        assertThat(r.writableExecutable()).hasSize(1);
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.code()).isEqualTo("writable-executable");
            assertThat(f.severity()).isEqualTo(Finding.Severity.WARNING);
            assertThat(f.message()).startsWith("[anon]");
        });
    }

    @Test
    void aFileThatIsNotElfOrUnreadableSaysSo() {
        MapsReport r = attribute("7f0000000000-7f0000001000 r--p 00000000 08:01 5 /usr/share/fonts/x.ttf\n", new byte[100]);
        assertThat(r.mappings().get(0).role()).isEqualTo("not an ELF file");
        MapsReport broken = attribute("7f0000000000-7f0000001000 r--p 00000000 08:01 5 /lib/broken.so\n",
                ElfBuilder.empty().load(0, 0, 0x100, 0x100, 4, 0x1000).phnum(900).size(200).build());
        assertThat(broken.mappings().get(0).role()).startsWith("unreadable ELF: ");
        assertThat(broken.objects().get(0).problem()).isPresent();
    }

    @Test
    void hostileProgramHeadersAreRefusedWithTheStructureNamed() {
        assertThatThrownBy(() -> ElfLoadSegments.read(ByteSource.of(ElfBuilder.empty().load(0, 0, 1, 1, 4, 0x1000).phentsize(8).build())))
                .isInstanceOf(BinaryFormatException.class);
        assertThatThrownBy(() -> ElfLoadSegments.read(ByteSource.of(new byte[] {0x7f, 'E', 'L', 'F', 2, 1})))
                .isInstanceOf(BinaryFormatException.class);
        assertThatThrownBy(() -> ElfLoadSegments.read(ByteSource.of(new byte[] {0x7f, 'E', 'L', 'F', 9, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0})))
                .isInstanceOf(BinaryFormatException.class).hasMessageContaining("EI_CLASS");
        assertThatThrownBy(() -> ElfLoadSegments.read(ByteSource.of(ElfBuilder.empty().segment(0x6474e551L, 6).build())))
                .isInstanceOf(BinaryFormatException.class).hasMessageContaining("no PT_LOAD");
    }

    @Test
    void theJvmsLibjvmIsAttributedToItsExecutableSegment() throws IOException {
        MapsSnapshot snap;
        try (InputStream in = Files.newInputStream(Path.of("/proc/self/maps"))) {
            snap = MapsParser.parse("/proc/self/maps", in);
        }
        MapsReport r = MapsAttribution.attribute(snap, MapsAttribution.liveProcess(ProcessHandle.current().pid()), 4096);
        assertThat(r.mappings()).filteredOn(a -> a.object().endsWith("libjvm.so") && a.mapping().perms().execute())
                .isNotEmpty()
                .allSatisfy(a -> assertThat(a.segment()).hasValueSatisfying(s -> assertThat(s.executable()).isTrue()));
        assertThat(r.mappings()).filteredOn(a -> a.mapping().kind() == MappingKind.FILE && a.object().endsWith(".so"))
                .allSatisfy(a -> assertThat(a.segment()).as(a.mapping().range() + " " + a.object()).isPresent());
    }

    @Test
    void twoSnapshotsCompareObjectByObject() {
        MapsReport a = attribute(maps(0x7f0000000000L), LIB);
        MapsReport b = attribute(maps(0x7f0000000000L) + "7f1000000000-7f1000100000 rw-p 00000000 00:00 0                          [anon:cache]\n", LIB);
        MapsDiff d = MapsDiff.of(a, b);
        assertThat(d.sizeDeltaKiB()).isEqualTo(1024);
        assertThat(d.objects()).anySatisfy(o -> {
            assertThat(o.name()).isEqualTo("[anon:cache]");
            assertThat(o.change()).isEqualTo(MapsDiff.Change.ADDED);
        });
        assertThat(d.addedMappings()).hasSize(1);
        assertThat(d.removedMappings()).isEmpty();
    }
}
