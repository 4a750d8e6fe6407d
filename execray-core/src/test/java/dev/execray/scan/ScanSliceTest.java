package dev.execray.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.execray.rootfs.image.TestImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An input scanned in slices and merged is the input scanned whole: same files in the same order, same verdicts
 * (each slice resolves libraries in the whole merged root), whiteouts and replaced files as the whole scan sees them.
 */
class ScanSliceTest {
    @TempDir
    Path tmp;

    /** A glibc root, then a layer that deletes a program, makes a directory opaque and replaces a script by a binary. */
    private static TestImage layered() throws Exception {
        byte[] tru = Files.readAllBytes(Path.of("/usr/bin/true"));
        TestImage img = new TestImage();
        img.layer().dir("usr").dir("usr/bin").dir("usr/lib").dir("usr/lib/x86_64-linux-gnu").dir("lib64").dir("etc")
                .dir("opt").symlink("bin", "usr/bin").symlink("lib", "usr/lib")
                .file("lib64/ld-linux-x86-64.so.2", Files.readAllBytes(Path.of("/lib64/ld-linux-x86-64.so.2")), 0755)
                .file("usr/lib/x86_64-linux-gnu/libc.so.6", Files.readAllBytes(Path.of("/lib/x86_64-linux-gnu/libc.so.6")),
                        0755)
                .file("usr/bin/true", tru, 0755)
                .file("usr/bin/ls", Files.readAllBytes(Path.of("/usr/bin/ls")), 0755)
                .file("usr/bin/cat", Files.readAllBytes(Path.of("/usr/bin/cat")), 0755)
                .file("usr/bin/run.sh", "#!/bin/sh\necho hi\n".getBytes(), 0755)
                .file("opt/old", tru, 0755);
        img.layer().whiteout("usr/bin", "cat").file("usr/bin/run.sh", tru, 0700)
                .file("opt/.wh..wh..opq", "").file("opt/new.sh", "#!/usr/bin/python9\n".getBytes(), 0755);
        return img;
    }

    private static InputResult timeless(InputResult r) {
        return new InputResult(r.name(), r.kind(), r.base(), r.root(), r.platform(), r.places(), r.files(), r.errors(),
                r.notes(), 0, r.reuse());
    }

    @Test
    void slicesMergedEqualTheWholeScan() throws Exception {
        for (Path image : List.of(layered().writeDockerSave(tmp.resolve("img.tar")),
                layered().writeOciLayout(tmp.resolve("img-oci")))) {
            ScanInput in = new ScanInput.Image(image, Optional.empty());
            try (ScanService s = new ScanService(ScanOptions.defaults().withThreads(1))) {
                InputResult whole = s.scan(in);
                assertThat(whole.errors()).isEmpty();
                assertThat(whole.files()).extracting(FileRecord::path)
                        .contains("/usr/bin/true", "/usr/bin/run.sh", "/opt/new.sh").doesNotContain("/usr/bin/cat", "/opt/old");
                assertThat(whole.files()).filteredOn(f -> f.path().equals("/usr/bin/run.sh"))
                        .singleElement().satisfies(f -> assertThat(f.format()).isEqualTo("ELF"));
                for (int parts = 1; parts <= 4; parts++) {
                    List<SliceResult> slices = new ArrayList<>();
                    for (int p = parts - 1; p >= 0; p--) { // any order
                        slices.add(s.scanSlice(in, new FileSlice(p, parts)));
                    }
                    int sum = slices.stream().mapToInt(x -> x.result().files().size()).sum();
                    assertThat(sum).as("each file in one slice").isEqualTo(whole.files().size());
                    if (parts == 2) {
                        assertThat(slices).allSatisfy(x -> assertThat(x.result().files()).isNotEmpty());
                    }
                    assertThat(timeless(SliceResult.merge(slices))).as(parts + " slices").isEqualTo(timeless(whole));
                }
            }
        }
    }

    @Test
    void anUnreadableImageIsTheSameErrorInEverySliceAndOnceInTheMerge() throws Exception {
        Path junk = tmp.resolve("junk.tar");
        Files.writeString(junk, "not a tar at all");
        ScanInput in = new ScanInput.Image(junk, Optional.empty());
        try (ScanService s = new ScanService(ScanOptions.defaults())) {
            InputResult whole = s.scan(in);
            InputResult merged = SliceResult.merge(List.of(s.scanSlice(in, new FileSlice(0, 2)),
                    s.scanSlice(in, new FileSlice(1, 2))));
            assertThat(timeless(merged)).isEqualTo(timeless(whole));
            assertThat(merged.errors()).hasSize(1);
        }
    }

    @Test
    void slicesThatAreNotOneSplitAreRefused() throws Exception {
        Path tar = layered().writeDockerSave(tmp.resolve("img.tar"));
        ScanInput in = new ScanInput.Image(tar, Optional.empty());
        try (ScanService s = new ScanService(ScanOptions.defaults())) {
            SliceResult a = s.scanSlice(in, new FileSlice(0, 2));
            SliceResult b = s.scanSlice(in, new FileSlice(1, 2));
            assertThatThrownBy(() -> SliceResult.merge(List.of(a))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> SliceResult.merge(List.of(a, a))).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> SliceResult.merge(List.of(a, b, s.scanSlice(in, new FileSlice(2, 3)))))
                    .isInstanceOf(IllegalArgumentException.class);
            // two slices claiming one file: a deal that went wrong is an error, never a duplicated row
            SliceResult b2 = new SliceResult(b.slice(), a.result(), a.ordinals());
            assertThatThrownBy(() -> SliceResult.merge(List.of(a, b2))).hasMessageContaining("in two slices");
        }
        assertThatThrownBy(() -> new FileSlice(2, 2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FileSlice(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theDealBalancesBytesAndIsTheSameForEverySlice() {
        List<Long> sizes = List.of(5_000_000L, 100L, 4_000_000L, 5_000_000L, 3_000_000L, 4_000_000L, 100L, 3_000_000L);
        boolean[] a = new FileSlice(0, 2).select(sizes, 0);
        boolean[] b = new FileSlice(1, 2).select(sizes, 0);
        long la = 0;
        long lb = 0;
        for (int i = 0; i < sizes.size(); i++) {
            assertThat(a[i]).isNotEqualTo(b[i]);
            la += a[i] ? sizes.get(i) : 0;
            lb += b[i] ? sizes.get(i) : 0;
        }
        assertThat(la).isEqualTo(lb); // largest first, each to the lighter slice
        // slice 0 hashing the image besides: it gets fewer files to examine
        boolean[] a2 = new FileSlice(0, 2).select(sizes, 8_000_000L);
        boolean[] b2 = new FileSlice(1, 2).select(sizes, 8_000_000L);
        long la2 = 0;
        long lb2 = 0;
        for (int i = 0; i < sizes.size(); i++) {
            assertThat(a2[i]).isNotEqualTo(b2[i]);
            la2 += a2[i] ? sizes.get(i) : 0;
            lb2 += b2[i] ? sizes.get(i) : 0;
        }
        assertThat(la2 + 8_000_000L - lb2).isBetween(-5_000_000L, 5_000_000L);
        assertThat(la2).isLessThan(lb2);
    }
}
