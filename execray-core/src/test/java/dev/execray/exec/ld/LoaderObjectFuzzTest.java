package dev.execray.exec.ld;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.place.ldconfig.LoaderArch;
import java.util.List;
import java.util.Optional;

/** Any bytes as a library: the loader's view either refuses cleanly or answers every question in bounds. */
class LoaderObjectFuzzTest {
    private static final List<SymbolName> NAMES = List.of(SymbolName.of("puts"), SymbolName.of("xr_add"),
            SymbolName.of("main"), SymbolName.of(""));

    @FuzzTest(maxDuration = "30s")
    void anyBytesAsALibrary(byte[] input) {
        HeaderCheck.glibc(input, input.length, LoaderArch.X86_64);
        HeaderCheck.musl(input, input.length, LoaderArch.AARCH64);
        DynamicObject o;
        try {
            o = ElfObjects.reader().read(ByteSource.of(input), "fuzz");
        } catch (BinaryFormatException e) {
            return;
        }
        o.needed();
        o.soname();
        o.rpath();
        o.runpath();
        o.isDynamic();
        o.bindNow();
        List<DynamicObject.VersionRequirement> req = o.versionRequirements();
        o.versionDefinitions();
        SymbolIndex s = o.symbols();
        for (SymbolIndex.Reference r : s.references()) {
            s.useOf(r);
            r.name();
        }
        for (SymbolName n : NAMES) {
            s.lookupGlibc(n, Optional.empty());
            s.lookupMusl(n, true);
            for (DynamicObject.VersionRequirement v : req) {
                s.lookupGlibc(n, Optional.of(new SymbolIndex.VersionRef(v.version(), v.hash(), false, v.file(), v.index())));
            }
        }
        o.problems();
    }
}
