package dev.execray.binary.elf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.LlvmDiagnostics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ELF rules are LLVM's: llvm-readobj says nothing about the unmutated fixture and warns or refuses
 * every mutated one, except where llvm-readobj does not look at the broken structure at all.
 */
@Tag("oracle")
class ElfMutationsOracleTest {
    /** llvm-readobj reads notes through the note sections when there are any, so never meets the broken PT_NOTE. */
    private static final Set<String> NOT_READ_BY_LLVM_READOBJ = Set.of("pt-note-past-eof");

    @Test
    void llvmReadobjComplainsAboutEveryMutationAndNotAboutTheFixture(@TempDir Path dir) throws Exception {
        LlvmDiagnostics.requireLlvmReadobj();
        assertThat(LlvmDiagnostics.of(ElfMutations.base(), dir, "base")).isEmpty();
        List<String> silent = new ArrayList<>();
        int agreed = 0;
        for (ElfMutations.Mutation m : ElfMutations.all()) {
            if (LlvmDiagnostics.of(ElfMutations.mutated(m), dir, m.name()).isEmpty()) {
                silent.add(m.name());
            } else {
                agreed++;
            }
        }
        System.out.println("oracle llvm-readobj ELF mutations: " + agreed + "/" + ElfMutations.all().size()
                + " flagged by both; silent: " + silent);
        assertThat(silent).containsExactlyInAnyOrderElementsOf(NOT_READ_BY_LLVM_READOBJ);
        assertThat(agreed).isGreaterThanOrEqualTo(16);
    }
}
