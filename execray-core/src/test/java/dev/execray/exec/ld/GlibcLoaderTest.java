package dev.execray.exec.ld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.exec.ld.LoadedObject.Source;
import java.util.List;
import org.junit.jupiter.api.Test;

class GlibcLoaderTest {
    static final String LIBDIR = "/usr/lib/x86_64-linux-gnu/";

    @Test
    void plainProgramFindsLibcInTheDefaultDirectoriesAndListsTheLoaderWhereLibcNeedsIt() {
        World w = new World();
        LoadResult r = w.load("/app", new FakeObject().needs("libc.so.6"));
        assertThat(World.lddLines(r)).containsExactly("linux-vdso.so.1",
                "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2");
        assertThat(r.outcome()).isInstanceOf(LoadOutcome.Starts.class);
        assertThat(r.listing().get(2).how().get().source()).isEqualTo(Source.DEFAULT_PATH);
    }

    @Test
    void missingLibraryIsListedAsNotFoundEveryTimeItIsNeededAndStopsARealStart() {
        World w = new World();
        w.put("/opt/lib/libb.so", new FakeObject().needs("liba.so", "libc.so.6"));
        LoadResult r = w.load("/app", new FakeObject().needs("libb.so", "liba.so", "libc.so.6").rpath("/opt/lib"));
        assertThat(World.lddLines(r)).containsExactly("linux-vdso.so.1", "libb.so => /opt/lib/libb.so",
                "liba.so => not found", "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2",
                "liba.so => not found");
        assertThat(r.outcome()).isEqualTo(new LoadOutcome.FailsAtStart(127, List.of(
                "./app: error while loading shared libraries: liba.so: cannot open shared object file: "
                        + "No such file or directory")));
        assertThat(r.anythingMissing()).isTrue();
    }

    @Test
    void rpathIsInheritedByIndirectDependenciesButRunpathOnlyServesDirectOnes() {
        World w = new World();
        w.put("/opt/a/liba.so", new FakeObject().needs("libdeep.so"));
        w.put("/opt/a/libdeep.so", new FakeObject());
        LoadResult withRpath = w.load("/app", new FakeObject().needs("liba.so").rpath("/opt/a"));
        assertThat(World.lddLines(withRpath)).contains("libdeep.so => /opt/a/libdeep.so");

        World v = new World();
        v.put("/opt/a/liba.so", new FakeObject().needs("libdeep.so"));
        v.put("/opt/a/libdeep.so", new FakeObject());
        LoadResult withRunpath = v.load("/app", new FakeObject().needs("liba.so").runpath("/opt/a"));
        assertThat(World.lddLines(withRunpath)).contains("liba.so => /opt/a/liba.so", "libdeep.so => not found");
    }

    @Test
    void runpathOnTheLoadingObjectDisablesTheWholeRpathChain() {
        World w = new World();
        w.put("/opt/r/libx.so", new FakeObject().soname("libx.so"));
        w.put("/opt/u/libx.so", new FakeObject().soname("libx.so"));
        w.put("/opt/mid/libmid.so", new FakeObject().needs("libx.so").runpath("/opt/u"));
        LoadResult r = w.load("/app", new FakeObject().needs("libmid.so").rpath("/opt/mid:/opt/r"));
        assertThat(World.lddLines(r)).contains("libx.so => /opt/u/libx.so");
    }

    @Test
    void rpathBeatsLdLibraryPathWhichBeatsRunpath() {
        World w = new World();
        for (String d : List.of("/r", "/env", "/run")) {
            w.put(d + "/libq.so", new FakeObject());
        }
        w.settings = w.settings.withLdLibraryPath("/env");
        assertThat(World.lddLines(w.load("/app", new FakeObject().needs("libq.so").rpath("/r"))))
                .contains("libq.so => /r/libq.so");
        World v = new World();
        for (String d : List.of("/env", "/run")) {
            v.put(d + "/libq.so", new FakeObject());
        }
        v.settings = v.settings.withLdLibraryPath("/env");
        LoadResult r = v.load("/app", new FakeObject().needs("libq.so").runpath("/run"));
        assertThat(World.lddLines(r)).contains("libq.so => /env/libq.so");
        assertThat(r.listing().get(2).how().get().source()).isEqualTo(Source.LD_LIBRARY_PATH);
    }

    @Test
    void secureExecIgnoresLdLibraryPath() {
        World w = new World();
        w.put("/env/libq.so", new FakeObject());
        w.settings = w.settings.withLdLibraryPath("/env").withSecure(true);
        assertThat(World.lddLines(w.load("/app", new FakeObject().needs("libq.so")))).contains("libq.so => not found");
    }

    @Test
    void originExpandsToTheProgramsDirectoryAndLibToTheLoadersValue() {
        World w = new World();
        w.put("/opt/app/lib/libssl.so.3", new FakeObject().needs("libhelper.so").runpath("$ORIGIN"));
        w.put("/opt/app/lib/libhelper.so", new FakeObject());
        w.put("/opt/app/lib/x86_64-linux-gnu/libz.so", new FakeObject());
        LoadResult r = w.load("/opt/app/bin/app",
                new FakeObject().needs("libssl.so.3", "libz.so").runpath("$ORIGIN/../lib:${ORIGIN}/../$LIB/.."));
        assertThat(World.lddLines(r)).contains("libssl.so.3 => /opt/app/bin/../lib/libssl.so.3",
                "libhelper.so => /opt/app/bin/../lib/libhelper.so");
        assertThat(r.listing().get(2).how().get().element()).isEqualTo("$ORIGIN/../lib");
        assertThat(World.lddLines(r)).contains("libz.so => not found");
    }

    @Test
    void originInANeededNameIsExpandedBeforeTheLookup() {
        World w = new World();
        w.put("/opt/p/libplug.so", new FakeObject());
        LoadResult r = w.load("/opt/p/app", new FakeObject().needs("$ORIGIN/libplug.so"));
        assertThat(World.lddLines(r)).contains("/opt/p/libplug.so");
        assertThat(r.listing().get(2).how().get().source()).isEqualTo(Source.PATH_NAME);
    }

    @Test
    void wrongClassAndWrongMachineEarlierOnThePathAreSkipped() {
        World w = new World();
        w.foreign("/first/libw.so", 1, 3);
        w.foreign("/second/libw.so", 2, 183);
        w.put("/third/libw.so", new FakeObject());
        LoadResult r = w.load("/app", new FakeObject().needs("libw.so").rpath("/first:/second:/third"));
        assertThat(World.lddLines(r)).contains("libw.so => /third/libw.so");
        List<LoadedObject.Attempt> tried = r.listing().get(2).how().get().attempts();
        assertThat(tried).extracting(LoadedObject.Attempt::outcome).containsExactly(
                "wrong ELF class (32-bit), skipped", "wrong machine (e_machine 183), skipped", "found");
    }

    @Test
    void onlyAWrongClassCandidateGivesTheWrongElfClassMessage() {
        World w = new World();
        w.foreign("/first/libw.so", 1, 3);
        LoadResult r = w.load("/app", new FakeObject().needs("libw.so").rpath("/first"));
        assertThat(r.outcome()).isEqualTo(new LoadOutcome.FailsAtStart(127, List.of(
                "./app: error while loading shared libraries: libw.so: wrong ELF class: ELFCLASS32")));
    }

    @Test
    void aDirectoryOnThePathStopsTheLoaderAndADanglingLinkIsPassedOver() {
        World w = new World();
        w.root.dir("/d1/libz.so");
        w.put("/d2/libz.so", new FakeObject());
        LoadResult r = w.load("/app", new FakeObject().needs("libz.so").rpath("/d1:/d2"));
        assertThat(r.outcome()).isEqualTo(new LoadOutcome.FailsAtStart(127, List.of(
                "./app: error while loading shared libraries: /d1/libz.so: cannot read file data: Error 21")));

        World v = new World();
        v.root.link("/d1/libz.so", "/nowhere/libz.so");
        v.put("/d2/libz.so", new FakeObject());
        assertThat(World.lddLines(v.load("/app", new FakeObject().needs("libz.so").rpath("/d1:/d2"))))
                .contains("libz.so => /d2/libz.so");
    }

    @Test
    void aShortFileOnThePathIsFatal() {
        World w = new World();
        w.root.text("/d1/libz.so", "hi\n");
        LoadResult r = w.load("/app", new FakeObject().needs("libz.so").rpath("/d1"));
        assertThat(((LoadOutcome.FailsAtStart) r.outcome()).lines()).containsExactly(
                "./app: error while loading shared libraries: /d1/libz.so: file too short");
    }

    @Test
    void aLibraryAlreadyLoadedIsMatchedBySoname() {
        World w = new World();
        w.put("/opt/x/libfoo.so.1.2", new FakeObject().soname("libfoo.so.1"));
        w.put("/opt/y/libuser.so", new FakeObject().needs("libfoo.so.1"));
        LoadResult r = w.load("/app", new FakeObject().needs("/opt/x/libfoo.so.1.2", "libuser.so").rpath("/opt/y"));
        assertThat(World.lddLines(r)).containsExactly("linux-vdso.so.1", "/opt/x/libfoo.so.1.2",
                "libuser.so => /opt/y/libuser.so");
        LoadedObject user = r.listing().get(3);
        assertThat(user.dependencies().get(0).resolution()).isInstanceOf(LoadedObject.AlreadyLoaded.class);
    }

    @Test
    void aDependencyCycleEnds() {
        World w = new World();
        w.put("/c/liba.so", new FakeObject().soname("liba.so").needs("libb.so").rpath("/c"));
        w.put("/c/libb.so", new FakeObject().soname("libb.so").needs("liba.so").rpath("/c"));
        LoadResult r = w.load("/app", new FakeObject().needs("liba.so").rpath("/c"));
        assertThat(World.lddLines(r)).containsExactly("linux-vdso.so.1", "liba.so => /c/liba.so",
                "libb.so => /c/libb.so");
    }

    @Test
    void aTenThousandDeepChainLoadsInOrder() {
        World w = new World();
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            FakeObject o = new FakeObject().soname("lib" + i + ".so");
            if (i + 1 < n) {
                o.needs("lib" + (i + 1) + ".so");
            }
            w.put("/deep/lib" + i + ".so", o);
        }
        LoadResult r = w.load("/app", new FakeObject().needs("lib0.so").rpath("/deep"));
        assertThat(r.listing()).hasSize(n + 2);
        assertThat(r.listing().get(n + 1).path()).isEqualTo("/deep/lib9999.so");
        // every library searched its loader chain for an RPATH: inherited from the program 10,000 levels up
        assertThat(r.listing().get(n + 1).how().get().source()).isEqualTo(Source.RPATH);
    }

    @Test
    void missingVersionIsReportedAsTheLoaderPrintsIt() {
        World w = new World();
        LoadResult r = w.load("/app", new FakeObject().needs("libc.so.6")
                .requires("libc.so.6", "GLIBC_2.2.5", "puts").requires("libc.so.6", "GLIBC_2.38", "strlcpy"));
        assertThat(r.outcome()).isEqualTo(new LoadOutcome.FailsAtStart(1, List.of(
                "./app: /lib/x86_64-linux-gnu/libc.so.6: version `GLIBC_2.38' not found (required by ./app)")));
        assertThat(r.newestGlibc().get().versionName()).isEqualTo("GLIBC_2.38");
        assertThat(r.newestGlibc().get().symbol()).contains("strlcpy");
    }

    @Test
    void undefinedSymbolIsFatalWhenBoundAtStartAndOnlyAtFirstCallWhenLazy() {
        World w = new World();
        LoadResult eager = w.load("/app", new FakeObject().needs("libc.so.6").uses(SymbolIndex.Use.EAGER, "nosuch"));
        assertThat(eager.outcome()).isEqualTo(new LoadOutcome.FailsAtStart(127, List.of(
                "./app: symbol lookup error: ./app: undefined symbol: nosuch")));
        World v = new World();
        LoadResult lazy = v.load("/app", new FakeObject().needs("libc.so.6").uses(SymbolIndex.Use.PLT, "nosuch"));
        assertThat(lazy.outcome()).isInstanceOf(LoadOutcome.FailsAtFirstCall.class);
        World b = new World();
        FakeObject now = new FakeObject().needs("libc.so.6").uses(SymbolIndex.Use.PLT, "nosuch");
        now.bindNow = true;
        assertThat(b.load("/app", now).outcome()).isInstanceOf(LoadOutcome.FailsAtStart.class);
    }

    @Test
    void preloadFromTheRootIsLoadedFirstAndAMissingOneOnlyWarns() {
        World w = new World();
        w.put("/usr/lib/x86_64-linux-gnu/libhook.so", new FakeObject());
        w.preload = List.of("libhook.so", "libgone.so");
        LoadResult r = w.load("/app", new FakeObject().needs("libc.so.6"));
        assertThat(World.lddLines(r)).containsExactly("linux-vdso.so.1",
                "libhook.so => /lib/x86_64-linux-gnu/libhook.so", "libc.so.6 => /lib/x86_64-linux-gnu/libc.so.6",
                "/lib64/ld-linux-x86-64.so.2");
        assertThat(r.messages()).anyMatch(m -> m.line().equals(
                "ERROR: ld.so: object 'libgone.so' from /etc/ld.so.preload cannot be preloaded "
                        + "(cannot open shared object file): ignored."));
        assertThat(r.outcome()).isInstanceOf(LoadOutcome.Starts.class);
    }

    @Test
    void eachLibraryIsParsedOncePerSession() {
        World w = new World();
        w.put("/opt/lib/libshared.so", new FakeObject());
        w.put("/opt/lib/liba.so", new FakeObject().needs("libshared.so"));
        w.load("/app", new FakeObject().needs("liba.so", "libshared.so").rpath("/opt/lib"));
        assertThat(w.root.opens("/opt/lib/libshared.so")).isEqualTo(1);
    }
}
