package dev.execray.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import dev.execray.cli.Main;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The matrix page as a browser shows it: headless Chromium (Debian's chromium package) loads the page from
 * disk with the network off, its DOM has one row per file and one coloured cell per place with the trace
 * behind a disclosure, and its screenshot (kept as target/matrix-report.png) really has the three colours.
 */
class MatrixHtmlChromiumTest {
    @TempDir
    Path tmp;

    private static Optional<String> chromium() {
        return Stream.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome")
                .filter(p -> Files.isExecutable(Path.of(p))).findFirst();
    }

    private static String run(List<String> cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    @Test
    void chromiumShowsTheColouredMatrixWithEveryCellsTrace() throws Exception {
        Optional<String> chrome = chromium();
        assumeThat(chrome).as("Debian's chromium package (installed by .ci/run)").isPresent();
        Path page = tmp.resolve("report.html");
        StringWriter out = new StringWriter();
        int code = Main.run(new PrintWriter(out), new PrintWriter(new StringWriter()), "matrix", "--html", page.toString(),
                "fixtures/out/c/hello-x86_64-pie", "fixtures/out/c/hello-musl", "fixtures/out/go/hello-linux-amd64-v3",
                "--targets", "debian-12,alpine-3.20,distroless-static");
        assertThat(code).isEqualTo(1);
        String html = Files.readString(page);
        assertThat(html).doesNotContain("<script", "http://", "https://fonts", "<link", "src=");

        List<String> flags = List.of(chrome.get(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-extensions",
                "--no-first-run", "--proxy-server=127.0.0.1:9", "--user-data-dir=" + tmp.resolve("profile"));
        List<String> dump = new java.util.ArrayList<>(flags);
        dump.addAll(List.of("--dump-dom", page.toUri().toString()));
        String dom = run(dump);
        assertThat(dom).contains("<table class=\"matrix\">");
        assertThat(count(dom, "<th class=\"file\">")).isEqualTo(3);
        assertThat(count(dom, "<td class=\"runs\"")).isPositive();
        assertThat(count(dom, "<td class=\"fails\"")).isPositive();
        assertThat(count(dom, "<td class=\"depends\"")).isPositive();
        assertThat(count(dom, "<details>")).isEqualTo(9);
        assertThat(dom).contains("ld-musl-x86_64.so.1").contains("x86-64-v3");

        Path shot = Path.of("target", "matrix-report.png").toAbsolutePath();
        Files.createDirectories(shot.getParent());
        Files.deleteIfExists(shot);
        List<String> screenshot = new java.util.ArrayList<>(flags);
        screenshot.addAll(List.of("--hide-scrollbars", "--window-size=1400,900", "--screenshot=" + shot,
                page.toUri().toString()));
        run(screenshot);
        assertThat(shot).exists();
        BufferedImage img = ImageIO.read(shot.toFile());
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 2) {
            for (int x = 0; x < img.getWidth(); x += 2) {
                colours.add(img.getRGB(x, y) & 0xffffff);
            }
        }
        assertThat(colours).as("green, amber and red cells rendered").contains(0xd9f2d9, 0xfff1c2, 0xf8d0d0);
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
