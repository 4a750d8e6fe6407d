package dev.execray.place;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code binfmt gen}'s choice of targets and the entries their registrations make. */
class QemuBinfmtTest {
    @Test
    void oneTargetByAnyOfItsNamesAllOrAllButTheHostsFamily() throws TargetException {
        assertThat(QemuBinfmt.select("arm64", Optional.empty())).extracting(QemuBinfmt.QemuTarget::name)
                .containsExactly("aarch64");
        assertThat(QemuBinfmt.select("all", Optional.empty())).isEqualTo(QemuBinfmt.targets());
        assertThat(QemuBinfmt.select("all", Optional.of("amd64"))).isEqualTo(QemuBinfmt.forHost(Arch.AMD64))
                .hasSizeLessThan(QemuBinfmt.targets().size());
        assertThat(QemuBinfmt.select("aarch64", Optional.of("nonsense"))).hasSize(1);
    }

    @Test
    void unknownNamesAreSaid() {
        assertThatThrownBy(() -> QemuBinfmt.select("vax", Optional.empty())).isInstanceOf(TargetException.class)
                .hasMessageStartingWith("qemu-user has no binfmt entry for 'vax'; known: [");
        assertThatThrownBy(() -> QemuBinfmt.select("all", Optional.of("vax"))).isInstanceOf(TargetException.class)
                .hasMessage("unknown host architecture 'vax'");
    }

    @Test
    void eachRegistrationIsAnEntryTheKernelAccepts() {
        for (QemuBinfmt.QemuTarget t : QemuBinfmt.targets()) {
            for (QemuBinfmt.Style s : QemuBinfmt.Style.values()) {
                BinfmtEntry e = QemuBinfmt.entry(t, s);
                assertThat(e.name()).isEqualTo("qemu-" + t.name());
                assertThat(QemuBinfmt.registration(t, s)).contains(":" + e.interpreter() + ":");
            }
        }
        assertThat(QemuBinfmt.Style.named("UPSTREAM")).isEqualTo(QemuBinfmt.Style.UPSTREAM);
        assertThat(QemuBinfmt.Style.named("anything")).isEqualTo(QemuBinfmt.Style.DEBIAN);
    }
}
