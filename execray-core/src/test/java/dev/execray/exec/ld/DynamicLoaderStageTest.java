package dev.execray.exec.ld;

import static org.assertj.core.api.Assertions.assertThat;

import dev.execray.binary.BinaryFormatException;
import dev.execray.place.ldconfig.CpuModel;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DynamicLoaderStageTest {
    final TempRoot root = new TempRoot();
    final Map<String, DynamicObject> objects = new HashMap<>();

    void put(String path, FakeObject o) {
        root.file(path, TempRoot.elfHeader(2, ByteOrder.LITTLE_ENDIAN, 62, o.identity.type()));
        objects.put(path, o);
    }

    DynamicLoaderStage stage() {
        return new DynamicLoaderStage(new LoaderSession(root.fs(), (bytes, path) -> {
            DynamicObject o = objects.get(path);
            if (o == null) {
                throw new BinaryFormatException("test", 0, "not an object: " + path);
            }
            return o;
        }), CpuModel::baseline);
    }

    FakeObject program(String... needed) {
        FakeObject p = new FakeObject().needs(needed);
        p.interpreter = java.util.Optional.of("/lib64/ld-linux-x86-64.so.2");
        return p;
    }

    @Test
    void aCorruptLdSoCacheIsIgnoredWithANoteAndTheDefaultPathStillWorks() {
        put("/lib64/ld-linux-x86-64.so.2", new FakeObject().soname("ld-linux-x86-64.so.2"));
        put("/usr/lib64/libz.so.1", new FakeObject().soname("libz.so.1"));
        root.text("/etc/ld.so.cache", "glibc-ld.so.cache1.1 but then nothing sensible at all, not 48 bytes");
        put("/app", program("libz.so.1"));
        DynamicLoaderStage.Result r = stage().run("/app", LoaderSettings.defaults());
        DynamicLoaderStage.Loaded l = (DynamicLoaderStage.Loaded) r;
        assertThat(l.result().outcome()).isInstanceOf(LoadOutcome.Starts.class);
        assertThat(l.setup().notes()).anyMatch(n -> n.startsWith("ld.so.cache not used: /etc/ld.so.cache"));
        assertThat(l.result().listing()).extracting(LoadedObject::path).contains("/usr/lib64/libz.so.1");
    }

    @Test
    void aMissingInterpreterIsModelledWithTheDefaultsAndSaidSo() {
        put("/usr/lib64/libz.so.1", new FakeObject().soname("libz.so.1"));
        put("/app", program("libz.so.1"));
        DynamicLoaderStage.Loaded l = (DynamicLoaderStage.Loaded) stage().run("/app", LoaderSettings.defaults());
        assertThat(l.setup().notes()).anyMatch(n -> n.contains("/lib64/ld-linux-x86-64.so.2 is not in the root"));
        assertThat(l.result().listing()).extracting(LoadedObject::path).contains("/usr/lib64/libz.so.1");
    }

    @Test
    void filesThatNeedNoLoaderSaySoAsLddDoes() {
        FakeObject stat = new FakeObject();
        stat.dynamic = false;
        put("/static", stat);
        assertThat(stage().run("/static", LoaderSettings.defaults()))
                .isEqualTo(new DynamicLoaderStage.NotDynamic("not a dynamic executable"));
        // without DT_NEEDED the file is still bound (ldd -r reports its undefined symbols); ldd lists one line
        FakeObject plugin = new FakeObject().uses(SymbolIndex.Use.PLT, "host_function");
        put("/plugin.so", plugin);
        DynamicLoaderStage.Loaded l = (DynamicLoaderStage.Loaded) stage().run("/plugin.so", LoaderSettings.defaults());
        assertThat(l.result().outcome()).isInstanceOf(LoadOutcome.FailsAtFirstCall.class);
        java.io.StringWriter sw = new java.io.StringWriter();
        dev.execray.report.LddText.lines(l.result(), new java.io.PrintWriter(sw, true));
        assertThat(sw.toString()).isEqualTo("\tstatically linked\n");
        root.text("/script", "#!/bin/sh\n");
        assertThat(stage().run("/script", LoaderSettings.defaults())).isInstanceOf(DynamicLoaderStage.Unloadable.class);
        assertThat(stage().run("/nowhere", LoaderSettings.defaults())).isInstanceOf(DynamicLoaderStage.Unloadable.class);
    }

    @Test
    void aLibraryInAnLdSoConfDirectoryButNotInTheCacheSaysRunLdconfig() {
        put("/lib64/ld-linux-x86-64.so.2", new FakeObject().soname("ld-linux-x86-64.so.2"));
        root.text("/etc/ld.so.conf", "include /etc/ld.so.conf.d/*.conf\n");
        root.text("/etc/ld.so.conf.d/vendor.conf", "# vendor\n/opt/vendor/lib\n");
        put("/opt/vendor/lib/libvendor.so.1", new FakeObject().soname("libvendor.so.1"));
        put("/app", program("libvendor.so.1"));
        DynamicLoaderStage.Loaded l = (DynamicLoaderStage.Loaded) stage().run("/app", LoaderSettings.defaults());
        assertThat(l.result().anythingMissing()).isTrue();
        assertThat(l.setup().notes()).contains("libvendor.so.1 is in /opt/vendor/lib (listed in "
                + "/etc/ld.so.conf.d/vendor.conf line 2) but not in /etc/ld.so.cache: run ldconfig -r " + root.describe());
    }
}
