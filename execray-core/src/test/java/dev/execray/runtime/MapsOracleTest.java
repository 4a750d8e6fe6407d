package dev.execray.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.runtime.maps.AttributedMapping;
import dev.execray.runtime.maps.LoadSegment;
import dev.execray.runtime.maps.MapsAttribution;
import dev.execray.runtime.maps.MapsParser;
import dev.execray.runtime.maps.MapsReport;
import dev.execray.runtime.maps.MapsSnapshot;
import dev.execray.runtime.maps.Mapping;
import dev.execray.runtime.maps.MappingKind;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Real processes of this machine (the JVM running the tests, an idle Go fixture, every other process
 * root can read) against the kernel's own totals (smaps_rollup) and readelf's program headers.
 */
@Tag("oracle")
class MapsOracleTest {

    @Test
    void smapsTotalsAgreeWithTheKernelsRollupForAnIdleGoProcess() throws Exception {
        Process p = new ProcessBuilder(GoFixture.binary().toString(), "wait").start();
        try (OutputStream stdin = p.getOutputStream();
                BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            Path dir = Path.of("/proc", Long.toString(p.pid()));
            MapsSnapshot snap;
            try (InputStream in = Files.newInputStream(dir.resolve("smaps"))) {
                snap = MapsParser.parse("smaps", in);
            }
            Map<String, Long> rollup = new HashMap<>();
            for (String line : Files.readAllLines(dir.resolve("smaps_rollup"))) {
                Matcher m = Pattern.compile("^(\\w+):\\s+(\\d+) kB$").matcher(line);
                if (m.matches()) {
                    rollup.put(m.group(1), Long.parseLong(m.group(2)));
                }
            }
            MapsReport r = MapsAttribution.attribute(snap, MapsAttribution.liveProcess(p.pid()), 4096);
            long rss = r.totalRssKiB();
            long pss = r.totalPssKiB();
            System.out.printf("oracle smaps vs smaps_rollup (Go fixture): Rss %d/%d kB, Pss %d/%d kB over %d mappings%n", rss,
                    rollup.get("Rss"), pss, rollup.get("Pss"), snap.mappings().size());
            assertThat(rss).isEqualTo(rollup.get("Rss"));
            // the kernel truncates each mapping's Pss to whole kB; the rollup truncates once
            assertThat(rollup.get("Pss") - pss).isBetween(0L, (long) snap.mappings().size());
            assertThat(r.objects()).anySatisfy(o -> assertThat(o.name()).isEqualTo(GoFixture.binary().toString()));
        } finally {
            p.waitFor(10, TimeUnit.SECONDS);
            p.destroy();
        }
    }

    /** readelf -lW's LOAD lines, in program header order with their index. */
    private static final Pattern PHDR = Pattern.compile(
            "^\\s+(\\S+)\\s+0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+) 0x([0-9a-f]+) (.{3}) 0x[0-9a-f]+$");

    private static List<long[]> readelf(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("readelf", "-lW", file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        List<long[]> phdrs = new ArrayList<>(); // {isLoad, offset, vaddr, filesz, memsz, R, W, E}
        for (String line : out.split("\n")) {
            Matcher m = PHDR.matcher(line);
            if (m.matches()) {
                String f = m.group(7);
                phdrs.add(new long[] {m.group(1).equals("LOAD") ? 1 : 0, Long.parseUnsignedLong(m.group(2), 16),
                    Long.parseUnsignedLong(m.group(3), 16), Long.parseUnsignedLong(m.group(5), 16),
                    Long.parseUnsignedLong(m.group(6), 16), f.charAt(0) == 'R' ? 1 : 0, f.charAt(1) == 'W' ? 1 : 0,
                    f.charAt(2) == 'E' ? 1 : 0});
            }
        }
        return phdrs;
    }

    @Test
    void segmentAttributionAgreesWithReadelfForEveryReadableProcess() throws Exception {
        Process fixture = new ProcessBuilder(GoFixture.binary().toString(), "wait").start();
        int agree = 0;
        int total = 0;
        List<String> disagreements = new ArrayList<>();
        Map<Path, List<long[]>> cache = new HashMap<>();
        try (OutputStream stdin = fixture.getOutputStream();
                BufferedReader out = new BufferedReader(new InputStreamReader(fixture.getInputStream(), StandardCharsets.UTF_8))) {
            assertThat(out.readLine()).isEqualTo("ready");
            List<Long> pids;
            try (Stream<Path> s = Files.list(Path.of("/proc"))) {
                pids = s.map(p -> p.getFileName().toString()).filter(n -> n.chars().allMatch(Character::isDigit))
                        .map(Long::parseLong).toList();
            }
            for (long pid : pids) {
                MapsSnapshot snap;
                try (InputStream in = Files.newInputStream(Path.of("/proc", Long.toString(pid), "maps"))) {
                    snap = MapsParser.parse("maps", in);
                } catch (IOException e) {
                    continue; // gone, or a kernel thread
                }
                MapsReport r = MapsAttribution.attribute(snap, MapsAttribution.liveProcess(pid), 4096);
                for (AttributedMapping a : r.mappings()) {
                    Mapping m = a.mapping();
                    if (m.kind() != MappingKind.FILE || a.role().startsWith(".bss")) {
                        continue;
                    }
                    Path file = Path.of("/proc", Long.toString(pid), "map_files", Long.toHexString(m.start()) + "-"
                            + Long.toHexString(m.end()));
                    if (!Files.isReadable(file)) {
                        continue;
                    }
                    List<long[]> ph = cache.computeIfAbsent(Path.of(m.devMajor() + ":" + m.devMinor() + ":" + m.inode()), k -> {
                        try {
                            return readelf(file);
                        } catch (IOException | InterruptedException e) {
                            return List.of();
                        }
                    });
                    // readelf's view: the LOAD whose page-aligned file bytes hold this whole mapping, if any
                    long mEnd = m.offset() + m.size();
                    int expected = -1;
                    for (int i = 0; i < ph.size(); i++) {
                        long[] q = ph.get(i);
                        if (q[0] == 1 && q[3] > 0 && Long.compareUnsigned(m.offset(), q[1] & -4096L) >= 0
                                && Long.compareUnsigned(mEnd, (q[1] + q[3] + 4095) & -4096L) <= 0) {
                            expected = i;
                            break;
                        }
                    }
                    // ld.so maps segments MAP_PRIVATE; a shared mapping (r--s) of an ELF file is a program reading it
                    // (a JVM's FileChannel.map of a library, say), whatever bytes it covers
                    boolean loaderMapping = expected >= 0 && !m.perms().shared()
                            && (m.perms().read() || m.perms().write() || m.perms().execute());
                    if (a.segment().isEmpty() && !loaderMapping) {
                        continue; // neither side sees a segment here (data mappings, loader gaps)
                    }
                    total++;
                    boolean ok = a.segment().isPresent() && a.segment().get().index() < ph.size();
                    if (ok) {
                        LoadSegment s = a.segment().get();
                        long[] q = ph.get(s.index());
                        ok = q[0] == 1 && q[1] == s.offset() && q[2] == s.vaddr() && q[3] == s.filesz() && q[4] == s.memsz()
                                && (q[5] == 1) == s.readable() && (q[6] == 1) == s.writable() && (q[7] == 1) == s.executable()
                                && Long.compareUnsigned(m.offset(), s.offset() & -4096L) >= 0
                                && Long.compareUnsigned(mEnd, (s.offset() + s.filesz() + 4095) & -4096L) <= 0;
                    }
                    if (ok) {
                        agree++;
                    } else if (disagreements.size() < 10) {
                        disagreements.add(pid + " " + m.range() + " " + m.perms() + " off " + Long.toHexString(m.offset()) + " "
                                + m.name() + " -> " + a.segment().map(x -> "PT_LOAD[" + x.index() + "]").orElse(a.role())
                                + ", readelf LOAD " + expected);
                    }
                }
            }
        } finally {
            fixture.destroy();
            fixture.waitFor(10, TimeUnit.SECONDS);
        }
        System.out.printf("oracle maps-attribution vs readelf -lW: %d/%d agree (%d distinct files)%n", agree, total, cache.size());
        assertThat(disagreements).isEmpty();
        assertThat(total).isGreaterThan(100);
    }
}
