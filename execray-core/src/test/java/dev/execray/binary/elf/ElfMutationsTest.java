package dev.execray.binary.elf;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import dev.execray.binary.FormatProblem;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each structural rule has a mutation that breaks it; removing the check makes its case fail. */
class ElfMutationsTest {
    static Stream<ElfMutations.Mutation> mutations() {
        return ElfMutations.all().stream();
    }

    @Test
    void theUnmutatedFixtureHasNoProblems() {
        assertThat(ElfFile.read(ByteSource.of(ElfMutations.base())).problems()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void eachMutationIsRecordedAsAProblemWithItsOffset(ElfMutations.Mutation m) {
        ElfFile e = ElfFile.read(ByteSource.of(ElfMutations.mutated(m)));
        List<FormatProblem> problems = e.problems();
        assertThat(problems).as(m.field() + " = " + m.value())
                .anySatisfy(p -> assertThat(p.message()).contains(m.expected()));
        // the header stays readable whatever else broke
        assertThat(e.header().machine().value()).isEqualTo(62);
    }

    @Test
    void aLargerProgramHeaderSizeIsReadWithTheStandardSizeAsReadelfDoes() {
        ElfFile e = ElfFile.read(ByteSource.of(ElfMutations.mutated(named("phentsize-larger"))));
        assertThat(e.interpreter()).contains("/lib/ld-test.so.1");
        assertThat(e.dynamic().needed()).containsExactly("libc.so.6", "libm.so.6");
        assertThat(e.linking()).isEqualTo(Linking.DYNAMIC);
    }

    @Test
    void aLargerSectionHeaderSizeKeepsTheSectionsAndTheirNames() {
        ElfFile e = ElfFile.read(ByteSource.of(ElfMutations.mutated(named("shentsize-larger"))));
        assertThat(e.sectionHeader(".dynsym")).isPresent();
        assertThat(e.dynamicSymbols()).extracting(Symbol::name).contains("puts", "cos");
    }

    @Test
    void aSectionNameTableOfTheWrongTypeStillNamesTheSections() {
        ElfFile e = ElfFile.read(ByteSource.of(ElfMutations.mutated(named("shstrtab-not-strtab"))));
        assertThat(e.sectionHeader(".dynamic")).isPresent();
    }

    @Test
    void problemsCarryTheOffsetOfTheBrokenHeader() {
        ElfFile e = ElfFile.read(ByteSource.of(ElfMutations.mutated(named("sh-link-out-of-range"))));
        int verneed = e.sectionHeader(".gnu.version_r").orElseThrow().index();
        assertThat(e.problems()).anySatisfy(p -> {
            assertThat(p.message()).contains("sh_link 99");
            assertThat(p.offset()).isEqualTo(e.header().shoff() + 64L * verneed);
        });
    }

    private static ElfMutations.Mutation named(String name) {
        return ElfMutations.all().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }
}
