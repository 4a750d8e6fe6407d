package dev.execray.exec.ld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.ByteSource;
import dev.execray.report.LddText;
import dev.execray.place.ldconfig.CpuModel;
import dev.execray.place.ldconfig.LoaderFs;
import dev.execray.rootfs.RootFs;
import dev.execray.testing.Run;
import dev.execray.truth.Oracle;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Oracle (a): every dynamically linked x86-64 ELF file under /usr of this machine, our ldd against the real
 * one. Agreement is counted twice: the set of canonical paths resolved (and names not found), and the exact
 * text ldd prints with load addresses removed.
 */
@Tag("oracle")
class HostLddOracleTest {
    private static final Pattern ARROW = Pattern.compile("^\t(.+?) => (.+?) \\(0x[0-9a-f]+\\)$");
    private static final Pattern SINGLE = Pattern.compile("^\t(.+?) \\(0x[0-9a-f]+\\)$");
    private static final Pattern NOT_FOUND = Pattern.compile("^\t(.+) => not found$");

    static final int MIN_FILES = 300;

    static List<Path> dynamicX8664Files(Path top) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.walk(top)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                byte[] h;
                try (InputStream in = Files.newInputStream(p)) {
                    h = in.readNBytes(64);
                } catch (IOException e) {
                    continue;
                }
                if (h.length < 64 || h[0] != 0x7f || h[1] != 'E' || h[2] != 'L' || h[3] != 'F' || h[4] != 2
                        || h[5] != 1 || h[18] != 62 || h[19] != 0) {
                    continue;
                }
                try {
                    ElfFile elf = ElfFile.read(ByteSource.open(p));
                    int type = (int) elf.header().type().value();
                    if ((type == 2 || type == 3) && elf.dynamic().present()) {
                        out.add(p);
                    }
                } catch (RuntimeException e) {
                    // not readable as ELF: not part of this oracle
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** Canonical resolved paths and "not found:NAME" entries of ldd output. */
    static TreeSet<String> resolvedSet(String lddOut) {
        TreeSet<String> set = new TreeSet<>();
        for (String line : lddOut.split("\n")) {
            Matcher nf = NOT_FOUND.matcher(line);
            if (nf.matches()) {
                set.add("not found:" + nf.group(1));
                continue;
            }
            Matcher a = ARROW.matcher(line);
            Matcher s = SINGLE.matcher(line);
            String path = a.matches() ? a.group(2) : s.matches() ? s.group(1) : null;
            if (path != null && path.startsWith("/")) {
                set.add(canonical(path));
            }
        }
        return set;
    }

    static String canonical(String path) {
        try {
            return Path.of(path).toRealPath().toString();
        } catch (IOException e) {
            return path;
        }
    }

    static TreeSet<String> ourSet(LoadResult r) {
        TreeSet<String> set = new TreeSet<>();
        for (LoadedObject o : r.listing()) {
            switch (o.kind()) {
                case PROGRAM, VDSO -> {
                }
                case NOT_FOUND -> set.add("not found:" + o.name());
                default -> set.add(o.canonical().orElse(canonical(o.path())));
            }
        }
        return set;
    }

    @Test
    void everyDynamicX8664FileUnderUsrResolvesAsLddResolvesIt() throws IOException {
        Oracle.require(Files.isExecutable(Path.of("/usr/bin/ldd")) && Files.exists(Path.of("/lib64/ld-linux-x86-64.so.2")),
                "oracle ldd: ldd and the x86-64 glibc loader (an x86-64 Debian host; apt-get install libc-bin libc6)");
        List<Path> files = dynamicX8664Files(Path.of("/usr"));
        DynamicLoaderStage stage = new DynamicLoaderStage(new LoaderSession(LoaderFs.of(RootFs.host()),
                ElfObjects.reader()), CpuModel::host);
        int setAgree = 0;
        int textAgree = 0;
        List<String> setDisagreements = new ArrayList<>();
        List<String> textDisagreements = new ArrayList<>();
        for (Path p : files) {
            String f = p.toString();
            Run.Result real = Run.run(List.of("ldd", f));
            LoaderSettings s = new LoaderSettings(Optional.empty(), List.of(), false, false, "/", Optional.of(f), true);
            DynamicLoaderStage.Result ours = stage.run(f, s);
            String realText = real.out().replaceAll(" \\(0x[0-9a-f]+\\)", "");
            String ourText;
            TreeSet<String> ourSet;
            if (ours instanceof DynamicLoaderStage.Loaded l) {
                StringWriter sw = new StringWriter();
                PrintWriter pw = new PrintWriter(sw);
                LddText.lines(l.result(), pw);
                pw.flush();
                ourText = sw.toString();
                ourSet = ourSet(l.result());
            } else if (ours instanceof DynamicLoaderStage.NotDynamic nd) {
                // ldd prints "not a dynamic executable" on stderr and nothing on stdout
                boolean toStderr = nd.message().equals("not a dynamic executable");
                ourText = toStderr ? "" : "\t" + nd.message() + "\n";
                if (toStderr && !real.err().contains("not a dynamic executable")) {
                    ourText = "(ldd did not say: not a dynamic executable)";
                }
                ourSet = new TreeSet<>();
            } else {
                ourText = ours.toString();
                ourSet = new TreeSet<>(List.of("error"));
            }
            TreeSet<String> realSet = resolvedSet(real.out());
            if (realSet.equals(ourSet)) {
                setAgree++;
            } else {
                setDisagreements.add(f + "\n  ldd:     " + realSet + "\n  execray: " + ourSet);
            }
            if (realText.equals(ourText)) {
                textAgree++;
            } else {
                textDisagreements.add(f + "\n--- ldd\n" + realText + "--- execray\n" + ourText);
            }
        }
        setDisagreements.stream().limit(15).forEach(System.out::println);
        textDisagreements.stream().limit(5).forEach(System.out::println);
        System.out.println("oracle ldd (a) resolved paths vs ldd on /usr: " + setAgree + "/" + files.size() + " agree");
        System.out.println("oracle ldd (a) exact ldd text (addresses removed): " + textAgree + "/" + files.size()
                + " agree");
        System.out.println("  files parsed once each: " + stage.session().parses());
        assertThat(setDisagreements).isEmpty();
        // a Debian host with a JDK, gcc and binutils has thousands; a few hundred is the least that means anything
        Oracle.atLeast(files.size(), MIN_FILES, "dynamic x86-64 files under /usr");
    }

    private static final Pattern UNDEFINED = Pattern.compile("^undefined symbol: (.+?)\\t\\((.+)\\)$");

    /**
     * Symbol binding (item 2) over the same files: every reference {@code ldd -r} (LD_BIND_NOW, LD_WARN) reports
     * unbound, and only those, as symbol and referencing object.
     */
    @Test
    void everyUnboundReferenceIsTheOneLddRReports() throws IOException {
        Oracle.require(Files.isExecutable(Path.of("/usr/bin/ldd")) && Files.exists(Path.of("/lib64/ld-linux-x86-64.so.2")),
                "oracle ldd: ldd and the x86-64 glibc loader (an x86-64 Debian host; apt-get install libc-bin libc6)");
        List<Path> files = dynamicX8664Files(Path.of("/usr"));
        DynamicLoaderStage stage = new DynamicLoaderStage(new LoaderSession(LoaderFs.of(RootFs.host()),
                ElfObjects.reader()), CpuModel::host);
        int agree = 0;
        int withUnbound = 0;
        List<String> disagreements = new ArrayList<>();
        for (Path p : files) {
            String f = p.toString();
            Run.Result real = Run.run(List.of("ldd", "-r", f));
            TreeSet<String> realSet = new TreeSet<>();
            for (String line : (real.out() + real.err()).split("\n")) {
                Matcher m = UNDEFINED.matcher(line);
                if (m.matches()) {
                    realSet.add(m.group(1) + " (" + m.group(2) + ")");
                }
            }
            LoaderSettings s = new LoaderSettings(Optional.empty(), List.of(), true, false, "/", Optional.of(f), true);
            DynamicLoaderStage.Result ours = stage.run(f, s);
            TreeSet<String> ourSet = new TreeSet<>();
            if (ours instanceof DynamicLoaderStage.Loaded l) {
                for (LoaderMessage m : l.result().messages()) {
                    if (m.kind() == LoaderMessage.Kind.UNDEFINED_SYMBOL
                            || m.kind() == LoaderMessage.Kind.UNDEFINED_SYMBOL_AT_CALL) {
                        String line = m.line();
                        ourSet.add(line.substring(line.indexOf("undefined symbol: ") + 18) + " ("
                                + m.object().orElse("?") + ")");
                    }
                }
            }
            if (!realSet.isEmpty()) {
                withUnbound++;
            }
            if (realSet.equals(ourSet)) {
                agree++;
            } else {
                TreeSet<String> onlyReal = new TreeSet<>(realSet);
                onlyReal.removeAll(ourSet);
                TreeSet<String> onlyOurs = new TreeSet<>(ourSet);
                onlyOurs.removeAll(realSet);
                disagreements.add(f + "\n  only ldd -r:  " + clip(onlyReal) + "\n  only execray: " + clip(onlyOurs));
            }
        }
        disagreements.stream().limit(15).forEach(System.out::println);
        System.out.println("oracle ldd (a) unbound symbols vs ldd -r on /usr: " + agree + "/" + files.size()
                + " agree (" + withUnbound + " files have unbound references)");
        assertThat(disagreements).isEmpty();
        Oracle.atLeast(files.size(), MIN_FILES, "dynamic x86-64 files under /usr");
    }

    private static String clip(TreeSet<String> s) {
        String t = s.size() > 3 ? new ArrayList<>(s).subList(0, 3) + " and " + (s.size() - 3) + " more" : s.toString();
        return t.length() > 400 ? t.substring(0, 400) + "..." : t;
    }
}
