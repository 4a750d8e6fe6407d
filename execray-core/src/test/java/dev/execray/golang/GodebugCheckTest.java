package dev.execray.golang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.golang.GodebugCheck.Entry;
import dev.execray.golang.GodebugCheck.Status;
import org.junit.jupiter.api.Test;

class GodebugCheckTest {
    private static GodebugCheck.Report check(String s, String go) {
        return GodebugCheck.check(s, GoVersion.parse(go).orElseThrow());
    }

    @Test
    void knownRuntimeKeysWithGoodValuesPass() {
        GodebugCheck.Report r = check("madvdontneed=1,gctrace=1,schedtrace=1000,scheddetail=1", "1.22");
        assertThat(r.ok()).isTrue();
        assertThat(r.entries()).extracting(Entry::key).containsExactly("madvdontneed", "gctrace", "schedtrace", "scheddetail");
        assertThat(r.entries().get(0).meaning()).contains("MADV_DONTNEED");
    }

    @Test
    void loadstallIsUnknownAndComesWithRealNames() {
        GodebugCheck.Report r = check("madvdontneed=1,gctrace=1,loadstall=1", "1.22");
        assertThat(r.ok()).isFalse();
        Entry e = r.entries().get(2);
        assertThat(e.status()).isEqualTo(Status.UNKNOWN_KEY);
        assertThat(e.suggestions()).hasSize(3);
        assertThat(e.suggestions()).allSatisfy(s -> assertThat(GodebugCatalogue.lookup(s)).isPresent());
    }

    @Test
    void aTypoSuggestsTheKeyMeant() {
        assertThat(check("gctarce=1", "1.22").entries().get(0).suggestions()).first().isEqualTo("gctrace");
        assertThat(check("asyncpreempoff=1", "1.22").entries().get(0).suggestions()).first().isEqualTo("asyncpreemptoff");
    }

    @Test
    void valuesOutOfRangeAreReported() {
        assertThat(check("madvdontneed=2", "1.22").entries().get(0).status()).isEqualTo(Status.BAD_VALUE);
        assertThat(check("gctrace=yes", "1.22").entries().get(0).message()).contains("not an integer");
        assertThat(check("fips140=maybe", "1.24").entries().get(0).message()).contains("off|on|only");
        assertThat(check("profstackdepth=2048", "1.23").entries().get(0).status()).isEqualTo(Status.BAD_VALUE);
    }

    @Test
    void settingsAreCheckedAgainstTheRelease() {
        assertThat(check("panicnil=1", "1.20").entries().get(0).status()).isEqualTo(Status.NOT_YET);
        assertThat(check("panicnil=1", "1.21").entries().get(0).status()).isEqualTo(Status.OK);
        assertThat(check("x509sha1=1", "1.23").entries().get(0).status()).isEqualTo(Status.OK);
        assertThat(check("x509sha1=1", "1.24").entries().get(0).status()).isEqualTo(Status.REMOVED);
        assertThat(check("allocfreetrace=1", "1.22").entries().get(0).status()).isEqualTo(Status.REMOVED);
        assertThat(check("decoratemappings=0", "1.24").entries().get(0).message()).contains("Go 1.25");
    }

    @Test
    void backportedSettingsExistFromTheirPatchRelease() {
        assertThat(check("disablethp=1", "1.21.5").entries().get(0).status()).isEqualTo(Status.NOT_YET);
        assertThat(check("disablethp=1", "1.21.6").entries().get(0).status()).isEqualTo(Status.OK);
        assertThat(check("tlsmaxrsasize=4096", "1.20.8").entries().get(0).status()).isEqualTo(Status.OK);
        assertThat(check("tlsmaxrsasize=4096", "1.20.7").entries().get(0).message()).contains("1.20.8");
    }

    @Test
    void cgocheck2AbortsFromGo121() {
        assertThat(check("cgocheck=2", "1.20").ok()).isTrue();
        assertThat(check("cgocheck=2", "1.21").entries().get(0).message()).contains("GOEXPERIMENT=cgocheck2");
    }

    @Test
    void theLaterDuplicateWinsAndTheEarlierIsFlagged() {
        GodebugCheck.Report r = check("gctrace=1,gctrace=0", "1.22");
        assertThat(r.entries()).extracting(Entry::status).containsExactly(Status.OVERRIDDEN, Status.OK);
    }

    @Test
    void entriesWithoutEqualsAreIgnoredByTheRuntimeAndFlaggedHere() {
        Entry e = check("gctrace,", "1.22").entries().get(0);
        assertThat(e.status()).isEqualTo(Status.MALFORMED);
        assertThat(e.suggestions()).containsExactly("gctrace=1");
    }

    @Test
    void cpuOptionsAreInternalCpuFeatures() {
        assertThat(check("cpu.avx2=off,cpu.all=off", "1.22").ok()).isTrue();
        assertThat(check("cpu.avx3=off", "1.22").entries().get(0).status()).isEqualTo(Status.UNKNOWN_KEY);
        assertThat(check("cpu.avx2=0", "1.22").entries().get(0).status()).isEqualTo(Status.BAD_VALUE);
    }

    @Test
    void everyCatalogueEntryIsPresentInItsOwnRelease() {
        for (GodebugSetting s : GodebugCatalogue.all()) {
            assertThat(s.presentIn(s.since())).as(s.name()).isTrue();
            s.removed().ifPresent(r -> assertThat(s.presentIn(r)).as(s.name()).isFalse());
            assertThat(s.summary()).as(s.name()).isNotBlank();
        }
    }
}
