package dev.execray.runtime.maps;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapsParserTest {
    /** As fs/proc/task_mmu.c prints them on 64-bit: the name starts at column 74 after padding. */
    static final String MAPS = String.join("\n",
            "55d7c8a00000-55d7c8a28000 r--p 00000000 08:01 1315081                    /usr/lib/x86_64-linux-gnu/libc.so.6",
            "7f2a3d907000-7f2a3d929000 rw-p 00000000 00:00 0 ",
            "559374937000-559374958000 rw-p 00000000 00:00 0                          [heap]",
            "7f2a3d989000-7f2a3d98b000 rw-p 00000000 00:00 0                          [anon:jemalloc]",
            "7f2a3d98b000-7f2a3d9b1000 r-xp 00026000 103:02 339380                    /opt/app/lib/libold.so (deleted)",
            "7f2a3d9b1000-7f2a3d9b2000 r--s 00000000 00:05 12                         /tmp/odd\\012name",
            "7ffd1b3c1000-7ffd1b3e2000 rw-p 00000000 00:00 0                          [stack]",
            "ffffffffff600000-ffffffffff601000 --xp 00000000 00:00 0                  [vsyscall]",
            "08048000-08049000 r-xp 00000000 08:01 42         /bin/x32") + "\n";

    @Test
    void everyFieldOfAMapsLine() {
        MapsSnapshot s = MapsParser.parse("test", MAPS);
        assertThat(s.problems()).isEmpty();
        assertThat(s.smaps()).isFalse();
        List<Mapping> m = s.mappings();
        assertThat(m).hasSize(9);
        Mapping libc = m.get(0);
        assertThat(libc.start()).isEqualTo(0x55d7c8a00000L);
        assertThat(libc.end()).isEqualTo(0x55d7c8a28000L);
        assertThat(libc.perms().toString()).isEqualTo("r--p");
        assertThat(libc.devMajor()).isEqualTo(8);
        assertThat(libc.devMinor()).isEqualTo(1);
        assertThat(libc.inode()).isEqualTo(1315081);
        assertThat(libc.name()).isEqualTo("/usr/lib/x86_64-linux-gnu/libc.so.6");
        assertThat(libc.kind()).isEqualTo(MappingKind.FILE);
        assertThat(m.get(1).kind()).as("unnamed anonymous: the line ends in one space").isEqualTo(MappingKind.ANONYMOUS);
        assertThat(m.get(1).name()).isEmpty();
        assertThat(m.get(2).kind()).isEqualTo(MappingKind.HEAP);
        assertThat(m.get(3).kind()).isEqualTo(MappingKind.NAMED_ANONYMOUS);
        assertThat(m.get(4).deleted()).isTrue();
        assertThat(m.get(4).path()).isEqualTo("/opt/app/lib/libold.so");
        assertThat(m.get(4).devMajor()).isEqualTo(0x103);
        assertThat(m.get(4).offset()).isEqualTo(0x26000);
        assertThat(m.get(5).perms().shared()).isTrue();
        assertThat(m.get(5).name()).as("kept as printed, escape and all").isEqualTo("/tmp/odd\\012name");
        assertThat(m.get(6).kind()).isEqualTo(MappingKind.STACK);
        assertThat(m.get(7).start()).as("addresses are unsigned 64-bit").isEqualTo(0xffffffffff600000L);
        assertThat(m.get(7).kind()).isEqualTo(MappingKind.SPECIAL);
        assertThat(m.get(8).start()).isEqualTo(0x08048000L);
    }

    @Test
    void smapsFieldsAreReadByKey() {
        String smaps = "7f2a3d98b000-7f2a3d9b1000 r--p 00000000 fe:00 339380                     /usr/lib/x86_64-linux-gnu/libc.so.6\n"
                + "Size:                152 kB\nKernelPageSize:        4 kB\nMMUPageSize:           4 kB\nRss:                 148 kB\n"
                + "Pss:                   9 kB\nPss_Dirty:             0 kB\nShared_Clean:        148 kB\nPrivate_Dirty:         0 kB\n"
                + "Private_Hugetlb:       0 kB\nTHPeligible:           0\nProtectionKey:         0\nVmFlags: rd mr mw me \n";
        MapsSnapshot s = MapsParser.parse("smaps", smaps);
        assertThat(s.problems()).isEmpty();
        assertThat(s.smaps()).isTrue();
        Mapping m = s.mappings().get(0);
        assertThat(m.rssKiB()).isEqualTo(148);
        assertThat(m.pssKiB()).isEqualTo(9);
        assertThat(m.kib("KSM")).as("absent on this kernel: absent here").isEmpty();
        assertThat(m.vmFlags()).containsExactly("rd", "mr", "mw", "me");
    }

    @Test
    void badLinesAreReportedWithTheirNumberAndTheRestIsRead() {
        String text = "00400000-00452000 r-xp 00000000 08:02 173521      /usr/bin/dbus-daemon\n"
                + "00400000-zz r-xp 00000000 08:02 1\n"
                + "00452000-00453000 rwxq 00052000 08:02 173521      /usr/bin/dbus-daemon\n"
                + "Rss: 4 kB\n"
                + "garbage\n"
                + "00453000-00454000 rw-p 00053000 08:02 173521      /usr/bin/dbus-daemon\n";
        MapsSnapshot s = MapsParser.parse("bad", text);
        assertThat(s.mappings()).hasSize(2);
        assertThat(s.problems()).extracting(MapsSnapshot.Problem::line).containsExactly(2L, 3L, 5L);
        assertThat(s.problems().get(0).message()).contains("end address");
        assertThat(s.problems().get(1).message()).contains("fourth permission");
        assertThat(s.mappings().get(0).rssKiB()).as("the field after a bad line belongs to the last good mapping").isEqualTo(4);
    }

    @Test
    void theJvmsOwnMapsAndSmapsReadWithoutProblems() throws IOException {
        for (String file : List.of("maps", "smaps")) {
            MapsSnapshot s;
            try (InputStream in = Files.newInputStream(Path.of("/proc/self", file))) {
                s = MapsParser.parse(file, in);
            }
            assertThat(s.problems()).as(file).isEmpty();
            assertThat(s.mappings()).as(file).hasSizeGreaterThan(50);
            assertThat(s.mappings()).as(file).anySatisfy(m -> assertThat(m.name()).endsWith("libjvm.so"));
            if (file.equals("smaps")) {
                assertThat(s.mappings()).allSatisfy(m -> assertThat(m.kib("Size")).hasValue(m.size() / 1024));
            }
        }
    }
}
