package dev.execray.binary.macho;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.LlvmDiagnostics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Mach-O rules are LLVM's: llvm-readobj refuses every mutated file and accepts the unmutated ones. */
@Tag("oracle")
class MachOMutationsOracleTest {
    @Test
    void llvmReadobjRefusesEveryMutationAndAcceptsTheFixture(@TempDir Path dir) throws Exception {
        LlvmDiagnostics.requireLlvmReadobj();
        assertThat(LlvmDiagnostics.of(MachOMutations.base(), dir, "base")).isEmpty();
        assertThat(LlvmDiagnostics.of(MachOMutations.fat(MachOMutations.base()), dir, "fat")).isEmpty();
        List<String> silent = new ArrayList<>();
        int agreed = 0;
        for (MachOMutations.Mutation m : MachOMutations.all()) {
            if (LlvmDiagnostics.of(MachOMutations.mutated(m), dir, m.name()).isEmpty()) {
                silent.add(m.name());
            } else {
                agreed++;
            }
        }
        System.out.println("oracle llvm-readobj Mach-O mutations: " + agreed + "/" + MachOMutations.all().size()
                + " refused by both; silent: " + silent);
        assertThat(silent).isEmpty();
        assertThat(agreed).isGreaterThanOrEqualTo(17);
    }
}
