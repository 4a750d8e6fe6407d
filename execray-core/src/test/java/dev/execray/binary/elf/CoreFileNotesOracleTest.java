package dev.execray.binary.elf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import dev.execray.binary.ForeignExecutables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * NT_FILE in core files made on this machine: a 64-bit and a 32-bit process (gcc, gcc -m32) are dumped with gcore
 * while they sleep, and each core's mapped-files note is compared with llvm-readobj-14 --notes (page size, then each
 * mapping's start, end, offset and file name). readelf 2.40 here cannot be the oracle for it: it prints "Cannot
 * decode 64-bit note in 32-bit build" for every 64-bit core (a defect fixed in binutils 2.44).
 */
@Tag("oracle")
class CoreFileNotesOracleTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern FIELD = Pattern.compile("^\\s*(Page Size|Start|End|Offset|Filename): (.*)$");

    @Test
    void mappedFilesAgreeWithLlvmReadobj(@TempDir Path dir) throws Exception {
        for (String tool : List.of("gcc", "gdb", "llvm-readobj-14")) { // gdb provides gcore (which has no --version)
            assertThat(ForeignExecutables.available(tool)).as(tool + " is not installed: apt-get install gcc gdb llvm-14")
                    .isTrue();
        }
        Path src = Files.writeString(dir.resolve("sleeper.c"), "#include <unistd.h>\nint main(void) { sleep(60); return 0; }\n");
        int cores = 0;
        int mappings = 0;
        for (String bits : List.of("64", "32")) {
            Path exe = dir.resolve("sleeper" + bits);
            ForeignExecutables.run(List.of("gcc", "-m" + bits, "-o", exe.toString(), src.toString()), TIMEOUT);
            assertThat(exe).as("gcc -m" + bits + " (32-bit needs gcc-multilib)").exists();
            Process p = new ProcessBuilder(exe.toString()).start();
            try {
                Thread.sleep(300);
                if (bits.equals("32") && !p.isAlive() && p.exitValue() != 0) {
                    // a kernel without 32-bit x86 (CONFIG_IA32_EMULATION off, ia32_emulation=0, or a hypervisor that
                    // refuses it) answers ENOEXEC, and Java then hands the file to /bin/sh, which gives up: there is
                    // no process to dump. A fact of this machine, said in the output; the 64-bit core still counts.
                    System.out.println("oracle llvm-readobj NT_FILE: no 32-bit core on this machine: the 32-bit"
                            + " program did not start (exit status " + p.exitValue() + "; the kernel refuses 32-bit x86)");
                    continue;
                }
                Path core = dir.resolve("core" + bits);
                ForeignExecutables.run(List.of("gcore", "-o", core.toString(), Long.toString(p.pid())), TIMEOUT);
                core = dir.resolve("core" + bits + "." + p.pid());
                assertThat(core).exists();
                List<String> expected = llvm(core);
                List<String> actual = ours(core);
                assertThat(actual).as(core.toString()).isEqualTo(expected);
                cores++;
                mappings += (int) actual.stream().filter(l -> l.startsWith("Filename")).count();
            } finally {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        }
        System.out.println("oracle llvm-readobj NT_FILE: " + cores + " cores, " + mappings + " mappings agree");
        assertThat(mappings).isGreaterThanOrEqualTo(10);
    }

    private static List<String> llvm(Path core) {
        List<String> out = new ArrayList<>();
        boolean inFile = false;
        for (String line : ForeignExecutables.run(List.of("llvm-readobj-14", "--notes", core.toString()), TIMEOUT)
                .lines().toList()) {
            if (line.contains("Type: ")) {
                inFile = line.contains("NT_FILE");
                continue;
            }
            Matcher m = FIELD.matcher(line);
            if (inFile && m.matches()) {
                String v = m.group(2);
                out.add(m.group(1) + " " + (m.group(1).equals("Filename") ? v : Long.toUnsignedString(Long.decode(v))));
            }
        }
        return out;
    }

    private static List<String> ours(Path core) throws Exception {
        ElfFile elf = ElfFile.read(ByteSource.of(Files.readAllBytes(core)));
        List<String> out = new ArrayList<>();
        for (Note n : elf.notes()) {
            if (n.content() instanceof NoteContent.MappedFiles m) {
                assertThat(m.corrupt()).isFalse();
                out.add("Page Size " + m.pageSize());
                for (NoteContent.MappedFile f : m.files()) {
                    out.add("Start " + Long.toUnsignedString(f.start()));
                    out.add("End " + Long.toUnsignedString(f.end()));
                    out.add("Offset " + Long.toUnsignedString(f.pageOffset()));
                    out.add("Filename " + f.path());
                }
            }
        }
        return out;
    }
}
