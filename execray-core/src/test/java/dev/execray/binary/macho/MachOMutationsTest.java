package dev.execray.binary.macho;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.ByteSource;
import dev.execray.binary.FormatProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each Mach-O structural rule has a mutation that breaks it; removing the check makes its case fail. */
class MachOMutationsTest {
    static Stream<MachOMutations.Mutation> mutations() {
        return MachOMutations.all().stream();
    }

    /** Every problem of a thin or universal file, its slices' included. */
    static List<FormatProblem> problems(byte[] f) {
        List<FormatProblem> out = new ArrayList<>();
        if ((f[0] & 0xff) == 0xca) {
            FatMachOFile fat = FatMachOFile.read(ByteSource.of(f));
            out.addAll(fat.problems());
            for (FatMachOFile.Slice s : fat.slices()) {
                s.problem().ifPresent(out::add);
                s.file().ifPresent(m -> out.addAll(m.problems()));
            }
        } else {
            MachOFile m = MachOFile.read(ByteSource.of(f));
            out.addAll(m.problems());
            out.addAll(m.symbols().problems());
        }
        return out;
    }

    @Test
    void theUnmutatedFilesHaveNoProblems() {
        assertThat(problems(MachOMutations.base())).isEmpty();
        assertThat(problems(MachOMutations.fat(MachOMutations.base()))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("mutations")
    void eachMutationIsRecordedAsAProblem(MachOMutations.Mutation m) {
        assertThat(problems(MachOMutations.mutated(m))).as(m.field() + " = " + m.value())
                .anySatisfy(p -> assertThat(p.message()).contains(m.expected()));
    }

    @Test
    void theCommandsStayReadableBesideTheProblems() {
        MachOFile m = MachOFile.read(ByteSource.of(MachOMutations.mutated(named("duplicate-main"))));
        assertThat(m.neededLibraries()).containsExactly("/usr/lib/libSystem.B.dylib");
        assertThat(m.segments()).extracting(LoadCommand.Segment::segname).containsExactly("__TEXT");
    }

    @Test
    void aProblemInsideASliceIsReportedAtItsFileOffset() {
        byte[] thin = MachOMutations.mutated(named("dylib-name-in-fixed-part"));
        long inThin = problems(thin).get(0).offset();
        byte[] fat = MachOMutations.fat(thin);
        assertThat(problems(fat)).extracting(FormatProblem::offset).containsExactly(0x1000 + inThin);
        assertThat(inThin).isEqualTo(MachOMutations.cmd(thin, MachOBuilder.LC_LOAD_DYLIB) + 8);
    }

    private static MachOMutations.Mutation named(String name) {
        return MachOMutations.all().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    }
}
