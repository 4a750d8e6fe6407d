package dev.execray.binary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.archive.ArchiveFile;
import dev.execray.report.ArchiveReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The members of every static archive on this machine (/usr/lib/x86_64-linux-gnu, /usr/lib and the cross
 * toolchains' libraries under /usr/*-linux-gnu*), read with the object readers, compared with
 * {@code nm -A -p} (symbol table order): for each member, in archive order, each symbol's name and whether it is
 * undefined. No member of a real archive may be reported malformed.
 */
@Tag("oracle")
class ArchiveMembersOracleTest {
    /** "archive:member:value T name" or "archive:member:                 U name". */
    private static final Pattern LINE = Pattern.compile("^\\s*[0-9a-fA-F]*\\s(\\S) (.*)$");

    @Test
    void memberSymbolsAgreeWithNm() throws Exception {
        assertThat(ForeignExecutables.available("nm")).as("nm is not installed: apt-get install binutils").isTrue();
        List<Path> archives = new ArrayList<>();
        List<Path> roots = new ArrayList<>(List.of(Path.of("/usr/lib/x86_64-linux-gnu"), Path.of("/usr/lib")));
        try (Stream<Path> s = Files.list(Path.of("/usr"))) {
            s.filter(p -> p.getFileName().toString().matches(".*-linux-gnu.*")).map(p -> p.resolve("lib"))
                    .sorted().forEach(roots::add);
        }
        for (Path r : roots) {
            if (Files.isDirectory(r)) {
                try (Stream<Path> s = Files.walk(r, 3)) {
                    s.filter(p -> p.toString().endsWith(".a") && Files.isRegularFile(p)).sorted()
                            .forEach(archives::add);
                }
            }
        }
        int agree = 0;
        int compared = 0;
        long members = 0;
        long symbols = 0;
        List<String> disagreements = new ArrayList<>();
        for (Path a : archives) {
            byte[] bytes = Files.readAllBytes(a);
            if (!ArchiveFile.isArchive(bytes) || bytes[2] == 't') {
                continue; // a linker script named .a; thin archives' members are their own files
            }
            BinaryFile.Archive ours = (BinaryFile.Archive) BinaryFile.read(ByteSource.of(bytes));
            List<String> expected = nm(a);
            List<String> actual = new ArrayList<>();
            for (ArchiveMember c : ours.contents()) {
                if (c instanceof ArchiveMember.Read r) {
                    for (ArchiveReport.MemberSymbol s : ArchiveReport.symbols(r.file())) {
                        actual.add(c.member().name() + " " + (s.undefined() ? "U" : "-") + " " + s.name());
                    }
                }
            }
            compared++;
            List<?> malformed = ours.contents().stream().filter(c -> c instanceof ArchiveMember.Malformed).toList();
            if (expected.equals(actual) && malformed.isEmpty()) {
                agree++;
                members += ours.contents().size();
                symbols += actual.size();
            } else if (disagreements.size() < 20) {
                int i = 0;
                while (i < Math.min(expected.size(), actual.size()) && expected.get(i).equals(actual.get(i))) {
                    i++;
                }
                disagreements.add(a + ": nm " + expected.size() + " vs " + actual.size() + " symbols, first difference "
                        + (i < expected.size() ? expected.get(i) : "(end)") + " | "
                        + (i < actual.size() ? actual.get(i) : "(end)") + ", malformed " + malformed);
            }
        }
        String report = "oracle nm -A: " + agree + "/" + compared + " archives agree (" + members + " members, "
                + symbols + " symbols)";
        System.out.println(report);
        disagreements.forEach(d -> System.out.println("  disagree: " + d));
        assertThat(disagreements).as(report).isEmpty();
        assertThat(agree).as(report).isGreaterThanOrEqualTo(100);
    }

    /**
     * Thin archives ({@code ar rcT}) over the members of system archives, extracted into directories of their own
     * with the archive beside them and, for half of them, in a subdirectory reached as "../"; plus the thin
     * fixtures. Each read by BinaryFile.open, the members from their files, compared with {@code nm -A -p}.
     */
    @Test
    void thinArchiveMembersAreReadFromTheirFilesAsNmReadsThem(@TempDir Path dir) throws Exception {
        assertThat(ForeignExecutables.available("nm")).as("nm is not installed: apt-get install binutils").isTrue();
        assertThat(ForeignExecutables.available("ar")).as("ar is not installed: apt-get install binutils").isTrue();
        List<Path> sources = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of("/usr/lib/x86_64-linux-gnu"))) {
            s.filter(p -> p.toString().endsWith(".a") && Files.isRegularFile(p)).sorted().forEach(sources::add);
        }
        List<Path> thins = new ArrayList<>(List.of(Path.of("fixtures/out/thin/libxrthin.a")));
        for (Path a : sources) {
            if (thins.size() > 60) {
                break;
            }
            byte[] head = ByteSource.head(a, 8);
            if (!ArchiveFile.isArchive(head) || head[2] == 't') {
                continue;
            }
            List<String> names = ForeignExecutables.run(List.of("ar", "t", a.toString()), Duration.ofSeconds(60))
                    .lines().toList();
            if (names.isEmpty() || names.size() > 300 || names.stream().distinct().count() != names.size()
                    || names.stream().anyMatch(n -> n.contains("/"))) {
                continue; // extraction would overwrite or nest members
            }
            int n = thins.size();
            Path work = Files.createDirectories(dir.resolve("a" + n).resolve("objs"));
            new ProcessBuilder("ar", "x", a.toString()).directory(work.toFile()).start().waitFor();
            // even: the archive beside its members; odd: one level up, the members named "objs/x.o"; every third
            // also through a relative path to the archive, as nm is given it
            Path archiveDir = n % 2 == 0 ? work : work.getParent();
            List<String> cmd = new ArrayList<>(List.of("ar", "rcT", archiveDir.resolve("thin.a").toString()));
            names.forEach(x -> cmd.add(n % 2 == 0 ? x : "objs/" + x));
            new ProcessBuilder(cmd).directory((n % 2 == 0 ? work : work.getParent()).toFile()).start().waitFor();
            Path thin = archiveDir.resolve("thin.a");
            thins.add(n % 3 == 0 ? Path.of("").toAbsolutePath().relativize(thin) : thin);
        }
        int agree = 0;
        long members = 0;
        long symbols = 0;
        List<String> disagreements = new ArrayList<>();
        for (Path a : thins) {
            BinaryFile.Archive ours = (BinaryFile.Archive) BinaryFile.open(a);
            assertThat(ours.archive().thin()).as(a.toString()).isTrue();
            List<String> expected = nm(a);
            List<String> actual = new ArrayList<>();
            Path parent = a.getParent() == null ? Path.of("") : a.getParent();
            for (ArchiveMember c : ours.contents()) {
                if (c instanceof ArchiveMember.Read r) {
                    for (ArchiveReport.MemberSymbol s : ArchiveReport.symbols(r.file())) {
                        // nm names a thin member by the archive's directory joined with the stored name
                        actual.add(parent.resolve(c.member().name()) + " " + (s.undefined() ? "U" : "-") + " "
                                + s.name());
                    }
                }
            }
            boolean allRead = ours.contents().stream().allMatch(c -> c instanceof ArchiveMember.Read);
            if (expected.equals(actual) && allRead && ours.memberProblems().isEmpty()) {
                agree++;
                members += ours.contents().size();
                symbols += actual.size();
            } else if (disagreements.size() < 20) {
                int i = 0;
                while (i < Math.min(expected.size(), actual.size()) && expected.get(i).equals(actual.get(i))) {
                    i++;
                }
                disagreements.add(a + ": nm " + expected.size() + " vs " + actual.size() + " symbols, first difference "
                        + (i < expected.size() ? expected.get(i) : "(end)") + " | "
                        + (i < actual.size() ? actual.get(i) : "(end)") + ", all read " + allRead);
            }
        }
        String report = "oracle nm -A on thin archives: " + agree + "/" + thins.size() + " agree (" + members
                + " member files, " + symbols + " symbols)";
        System.out.println(report);
        disagreements.forEach(d -> System.out.println("  disagree: " + d));
        assertThat(disagreements).as(report).isEmpty();
        assertThat(agree).as(report).isGreaterThanOrEqualTo(30);
    }

    /** nm -A -p's lines as "member U|- name", in its order. */
    private static List<String> nm(Path archive) {
        String prefix = archive + ":";
        List<String> out = new ArrayList<>();
        for (String line : ForeignExecutables.run(List.of("nm", "-A", "-p", archive.toString()),
                Duration.ofSeconds(120)).lines().toList()) {
            if (!line.startsWith(prefix)) {
                continue;
            }
            String rest = line.substring(prefix.length());
            int colon = rest.indexOf(':');
            String member = rest.substring(0, colon);
            Matcher m = LINE.matcher(rest.substring(colon + 1));
            if (m.matches()) {
                // nm(1): U undefined, w and v (lower case) weak and undefined; everything else is defined
                boolean undefined = m.group(1).equals("U") || m.group(1).equals("w") || m.group(1).equals("v");
                out.add(member + " " + (undefined ? "U" : "-") + " " + m.group(2));
            }
        }
        return out;
    }
}
