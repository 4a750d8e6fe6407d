package dev.execray.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.BinaryFile;
import dev.execray.binary.ByteSource;
import dev.execray.testing.Run;
import dev.execray.truth.Oracle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mach-O hardening versus LLVM's own Mach-O readers: {@code llvm-objdump --macho --private-headers} (header flags,
 * segments, LC_CODE_SIGNATURE, LC_RPATH, cryptid) and {@code llvm-nm} (the symbols the canary, ARC and fortify
 * columns come from), over programs built here with clang-14 and ld64.lld-14 for arm64 and x86_64 in every
 * combination of stack protector, PIE, a __RESTRICT segment, an ad-hoc signature and imported *_chk / objc
 * functions; dylibs; header-flag variants (MH_ALLOW_STACK_EXECUTION, MH_NO_HEAP_EXECUTION, which ld64.lld cannot
 * set: patched into copies, which both readers then see); and the Go darwin fixtures.
 */
@Tag("oracle")
class MachOHardeningOracleTest {
    @TempDir
    Path tmp;

    @Test
    void everyColumnAgreesWithLlvmObjdumpAndNm() throws Exception {
        Oracle.require(Run.available("clang-14") && Run.available("ld64.lld-14"),
                "clang-14 and ld64.lld-14 (apt-get install clang-14 lld-14)");
        Oracle.require(Run.available("llvm-objdump") && Run.available("llvm-nm"), "llvm-objdump, llvm-nm (apt-get install llvm)");
        List<Path> files = build();
        for (String go : List.of("hello-darwin-arm64", "hello-darwin-amd64", "hello-darwin-arm64.stripped",
                "hello-darwin-amd64.stripped")) {
            files.add(Path.of("fixtures/out/go", go));
        }
        int compared = 0;
        Map<String, String> disagree = new TreeMap<>();
        Map<String, Integer> seen = new TreeMap<>();
        for (Path f : files) {
            Map<String, String> want = llvm(f);
            Hardening.MachO h = (Hardening.MachO) HardeningCheck.of(BinaryFile.read(ByteSource.open(f)),
                    FortifyCatalogue.GLIBC_2_36).orElseThrow();
            Map<String, String> ours = new TreeMap<>(Map.of("pie", h.pie().label(), "canary", "" + h.canary(),
                    "nxStack", "" + h.nxStack(), "nxHeap", "" + h.nxHeap(), "arc", "" + h.arc(),
                    "fortified", "" + h.fortified(), "restrict", "" + h.restrict(), "encrypted", "" + h.encrypted(),
                    "codeSignature", "" + h.codeSignature(), "rpath", String.join(":", h.rpath())));
            compared++;
            if (!ours.equals(want)) {
                disagree.put(f.getFileName().toString(), "llvm " + want + ", execray " + ours);
            }
            ours.forEach((k, v) -> {
                if (!v.equals("false") && !v.equals("0") && !v.isEmpty()) {
                    seen.merge(k + "=" + v, 1, Integer::sum);
                }
            });
        }
        System.out.println("Mach-O hardening vs llvm-objdump/llvm-nm: " + compared + " files x 10 columns; values seen "
                + seen + "; disagreements " + disagree);
        assertThat(compared).isGreaterThanOrEqualTo(40);
        // every column is exercised both ways somewhere in the corpus
        assertThat(seen.keySet()).contains("pie=yes", "pie=no", "pie=dso", "canary=true", "nxHeap=true", "arc=true",
                "fortified=2", "restrict=true", "codeSignature=true", "rpath=@loader_path/../lib:/opt/lib");
        assertThat(seen.getOrDefault("nxStack=true", 0)).isLessThan(compared);
        assertThat(disagree).isEmpty();
    }

    /** The oracle's view of one file: header flags and load commands from llvm-objdump, symbols from llvm-nm. */
    private static Map<String, String> llvm(Path f) {
        Run.Result od = Run.run(List.of("llvm-objdump", "--macho", "--private-headers", f.toString()));
        assertThat(od.exit()).as(od.err()).isZero();
        String type = "";
        List<String> flags = List.of();
        boolean restrict = false;
        boolean sig = false;
        boolean encrypted = false;
        List<String> rpaths = new ArrayList<>();
        String[] lines = od.out().split("\n");
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith("MH_MAGIC")) {
                String[] w = l.split("\\s+");
                type = w[4];
                flags = List.of(w).subList(7, w.length); // MH_NO_HEAP_EXECUTION keeps its prefix there
            } else if (l.equals("segname __RESTRICT")) {
                restrict = true;
            } else if (l.equals("cmd LC_CODE_SIGNATURE")) {
                sig = true;
            } else if (l.startsWith("cryptid ") && !l.equals("cryptid 0")) {
                encrypted = true;
            } else if (l.equals("cmd LC_RPATH")) {
                for (int j = i + 1; j < lines.length && j < i + 4; j++) {
                    String p = lines[j].strip();
                    if (p.startsWith("path ")) {
                        rpaths.add(p.substring(5).replaceFirst(" \\(offset \\d+\\)$", ""));
                        break;
                    }
                }
            }
        }
        Run.Result nm = Run.run(List.of("llvm-nm", "-j", f.toString()));
        List<String> syms = List.of(nm.out().split("\n"));
        Run.Result nmu = Run.run(List.of("llvm-nm", "-u", "-j", f.toString()));
        long chk = List.of(nmu.out().split("\n")).stream().distinct()
                .filter(s -> s.startsWith("___") && s.endsWith("_chk") && !s.startsWith("___stack_chk")).count();
        String pie = switch (type) {
            case "EXECUTE" -> flags.contains("PIE") ? "yes" : "no";
            case "DYLIB", "BUNDLE" -> "dso";
            case "OBJECT" -> "rel";
            default -> "other";
        };
        return new TreeMap<>(Map.of("pie", pie,
                "canary", "" + (syms.contains("___stack_chk_guard") || syms.contains("___stack_chk_fail")),
                "nxStack", "" + !flags.contains("ALLOW_STACK_EXECUTION"), "nxHeap",
                "" + (flags.contains("NO_HEAP_EXECUTION") || flags.contains("MH_NO_HEAP_EXECUTION")),
                "arc", "" + syms.contains("_objc_release"), "fortified", "" + chk, "restrict", "" + restrict,
                "encrypted", "" + encrypted, "codeSignature", "" + sig, "rpath", String.join(":", rpaths)));
    }

    private List<Path> build() throws Exception {
        Path d = Files.createDirectories(tmp.resolve("m"));
        Files.writeString(d.resolve("prog.c"), """
                void *__memcpy_chk(void *, const void *, unsigned long, unsigned long);
                char *__strcpy_chk(char *, const char *, unsigned long);
                void objc_release(void *);
                int use(char *p);
                int main(int argc, char **argv) {
                    char buf[64];
                    __memcpy_chk(buf, argv[0], 8, sizeof buf);
                    __strcpy_chk(buf, "x", 64);
                    objc_release(0);
                    return use(buf);
                }
                """);
        Files.writeString(d.resolve("plain.c"), "int use(char *p);\nint main(void) { char b[8]; return use(b); }\n");
        Files.writeString(d.resolve("empty"), "");
        List<Path> out = new ArrayList<>();
        for (String arch : List.of("arm64", "x86_64")) {
            String target = arch + "-apple-macos11";
            for (String sp : List.of("-fstack-protector-all", "-fno-stack-protector")) {
                for (String src : List.of("prog", "plain")) {
                    Path o = d.resolve(src + "-" + arch + sp + ".o");
                    run("clang-14", "-target", target, "-fno-builtin", sp, "-O1", "-c", d.resolve(src + ".c").toString(),
                            "-o", o.toString());
                    for (int variant = 0; variant < 8; variant++) {
                        List<String> cmd = new ArrayList<>(List.of("ld64.lld-14", "-arch", arch, "-platform_version",
                                "macos", "11.0", "13.1", "-undefined", "dynamic_lookup"));
                        if ((variant & 1) != 0) {
                            cmd.add("-no_pie");
                        }
                        if ((variant & 2) != 0) {
                            cmd.addAll(List.of("-sectcreate", "__RESTRICT", "__restrict", d.resolve("empty").toString()));
                        }
                        if ((variant & 4) != 0) {
                            cmd.add(arch.equals("arm64") ? "-no_adhoc_codesign" : "-adhoc_codesign");
                            cmd.addAll(List.of("-rpath", "@loader_path/../lib", "-rpath", "/opt/lib"));
                        }
                        Path exe = d.resolve(src + "-" + arch + sp + "-" + variant);
                        cmd.addAll(List.of("-o", exe.toString(), o.toString()));
                        run(cmd.toArray(String[]::new));
                        out.add(exe);
                    }
                }
                Path dylib = d.resolve("lib-" + arch + sp + ".dylib");
                run("ld64.lld-14", "-arch", arch, "-platform_version", "macos", "11.0", "13.1", "-dylib", "-undefined",
                        "dynamic_lookup", "-install_name", "@rpath/lib.dylib", "-o", dylib.toString(),
                        d.resolve("prog-" + arch + sp + ".o").toString());
                out.add(dylib);
                out.add(d.resolve("prog-" + arch + sp + ".o"));
            }
        }
        // header flags ld64.lld cannot set: MH_ALLOW_STACK_EXECUTION 0x20000, MH_NO_HEAP_EXECUTION 0x1000000
        for (Path p : List.copyOf(out.subList(0, 4))) {
            for (int flag : new int[] {0x20000, 0x1000000, 0x1020000}) {
                byte[] b = Files.readAllBytes(p);
                ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
                bb.putInt(24, bb.getInt(24) | flag);
                Path q = d.resolve(p.getFileName() + "-flags" + Integer.toHexString(flag));
                Files.write(q, b);
                out.add(q);
            }
        }
        return out;
    }

    private static void run(String... cmd) {
        Run.Result r = Run.run(List.of(cmd));
        assertThat(r.exit()).as(String.join(" ", cmd) + ": " + r.err()).isZero();
    }
}
