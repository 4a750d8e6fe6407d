package dev.execray.exec.ld;

import dev.execray.binary.elf.ElfType;
import dev.execray.place.ldconfig.CpuModel;
import dev.execray.place.ldconfig.GlibcLoaderFacts;
import dev.execray.place.ldconfig.GlibcVersion;
import dev.execray.place.ldconfig.InterpreterProbe;
import dev.execray.place.ldconfig.LdSoCache;
import dev.execray.place.ldconfig.LoaderArch;
import dev.execray.place.ldconfig.LoaderFs;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A small root of fake ELF objects and a glibc loader over it, for tests. */
final class World {
    static final String INTERP = "/lib64/ld-linux-x86-64.so.2";
    static final List<String> DEBIAN_DIRS = List.of("/lib/x86_64-linux-gnu/", "/usr/lib/x86_64-linux-gnu/", "/lib/",
            "/usr/lib/");

    final TempRoot root = new TempRoot();
    final Map<String, DynamicObject> objects = new HashMap<>();
    LoaderSettings settings = LoaderSettings.defaults().withArgv0("./app");
    Optional<LdSoCache> cache = Optional.empty();
    GlibcVersion glibc = new GlibcVersion(2, 37);
    List<String> preload = List.of();
    LoaderSession session;

    World() {
        FakeObject ld = new FakeObject().soname("ld-linux-x86-64.so.2").defines("GLIBC_2.3", "__tls_get_addr");
        put("/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2", ld);
        root.link("/lib64/ld-linux-x86-64.so.2", "/usr/lib/x86_64-linux-gnu/ld-linux-x86-64.so.2");
        root.link("/lib", "usr/lib");
        FakeObject libc = new FakeObject().soname("libc.so.6").needs("ld-linux-x86-64.so.2")
                .defines("GLIBC_2.2.5", "puts", "malloc").defines("GLIBC_2.34", "__libc_start_main")
                .defines("GLIBC_PRIVATE");
        put("/usr/lib/x86_64-linux-gnu/libc.so.6", libc);
    }

    World put(String path, FakeObject o) {
        root.file(path, TempRoot.elfHeader(o.identity.elfClass(), o.identity.data() == 1 ? ByteOrder.LITTLE_ENDIAN
                : ByteOrder.BIG_ENDIAN, o.identity.machine(), o.identity.type()));
        objects.put(path, o);
        return this;
    }

    /** A file of another class or machine: only its header matters. */
    World foreign(String path, int elfClass, int machine) {
        root.file(path, TempRoot.elfHeader(elfClass, ByteOrder.LITTLE_ENDIAN, machine, (int) ElfType.DYN.value()));
        return this;
    }

    GlibcLoaderFacts facts() {
        InterpreterProbe probe = new InterpreterProbe(INTERP, InterpreterProbe.Flavour.GLIBC, DEBIAN_DIRS,
                Optional.of("lib/x86_64-linux-gnu"), Optional.of(glibc), Optional.of("/etc/ld.so.cache"),
                Optional.empty(), Optional.empty(), Optional.empty());
        return GlibcLoaderFacts.of(LoaderArch.X86_64, INTERP, probe, CpuModel.baseline(LoaderArch.X86_64));
    }

    LoadResult load(String programPath, FakeObject program) {
        program.interpreter = Optional.of(INTERP);
        program.identity = new ElfIdentity(2, 1, 1, 0, 0, true, (int) ElfType.DYN.value(), 62, 0, 1, 56);
        put(programPath, program);
        session = new LoaderSession(root.fs(), (bytes, path) -> {
            DynamicObject o = objects.get(path);
            if (o == null) {
                throw new dev.execray.binary.BinaryFormatException("test", 0, "no fake object at " + path);
            }
            return o;
        });
        LoaderFs.Found pf = (LoaderFs.Found) root.fs().lookup(programPath);
        LoaderFs.Found lf = (LoaderFs.Found) root.fs().lookup(INTERP);
        GlibcLoader loader = new GlibcLoader(session, facts(), cache, settings, preload);
        return loader.load(settings.argv0().orElse(programPath), pf, program, Optional.of(lf),
                Optional.ofNullable(objects.get(lf.canonical())));
    }

    /** ldd's lines without addresses. */
    static List<String> lddLines(LoadResult r) {
        return r.listing().stream().skip(1).map(o -> switch (o.kind()) {
            case NOT_FOUND -> o.name() + " => not found";
            default -> o.name().equals(o.path()) ? o.name() : o.name() + " => " + o.path();
        }).toList();
    }
}
