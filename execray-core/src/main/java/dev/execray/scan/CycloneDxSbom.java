package dev.execray.scan;

import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.GeneratorException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Dependency;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.Property;

/**
 * A CycloneDX 1.6 JSON SBOM of scan results, built through the CycloneDX library (never by hand): each file with its
 * SHA-256, each Go module with its pkg:golang PURL and its h1: hash, the Go toolchain, and dependencies (program →
 * shared library found in the same scan, program → Go modules). Only this class touches the CycloneDX classes, so
 * other commands never load them.
 */
public final class CycloneDxSbom {
    public static final Version VERSION = Version.VERSION_16;

    private CycloneDxSbom() {
    }

    public static String json(List<InputResult> inputs) {
        Bom bom = new Bom();
        bom.setSerialNumber("urn:uuid:" + UUID.randomUUID());
        Metadata md = new Metadata();
        md.setTimestamp(new Date());
        bom.setMetadata(md);
        Map<String, Component> components = new LinkedHashMap<>();
        Map<String, String> bySoname = new LinkedHashMap<>();
        for (InputResult r : inputs) {
            for (FileRecord f : r.files()) {
                f.soname().ifPresent(s -> bySoname.putIfAbsent(s, ref(r, f)));
            }
        }
        List<Dependency> deps = new ArrayList<>();
        for (InputResult r : inputs) {
            for (FileRecord f : r.files()) {
                Component c = new Component();
                c.setType(f.soname().isPresent() ? Component.Type.LIBRARY : f.verdicts().isEmpty() ? Component.Type.FILE
                        : Component.Type.APPLICATION);
                c.setName(f.path());
                c.setBomRef(ref(r, f));
                c.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, f.sha256())));
                List<Property> props = new ArrayList<>();
                props.add(property("execray:format", f.format()));
                if (!f.arch().isEmpty()) {
                    props.add(property("execray:arch", f.arch()));
                }
                f.glibc().ifPresent(g -> props.add(property("execray:glibc", g)));
                props.add(property("execray:input", r.name()));
                c.setProperties(props);
                components.putIfAbsent(c.getBomRef(), c);
                Dependency d = new Dependency(c.getBomRef());
                for (String lib : f.needed()) {
                    String to = bySoname.get(lib);
                    if (to != null && !to.equals(c.getBomRef())) {
                        d.addDependency(new Dependency(to));
                    }
                }
                if (f.owner().isPresent()) {
                    OsPackage op = f.owner().get();
                    Component pc = components.computeIfAbsent(op.purl(), k -> {
                        Component x = new Component();
                        x.setType(Component.Type.LIBRARY);
                        x.setName(op.name());
                        x.setVersion(op.version());
                        x.setPurl(op.purl());
                        x.setBomRef(op.purl());
                        return x;
                    });
                    d.addDependency(new Dependency(pc.getBomRef()));
                }
                if (f.go().isPresent()) {
                    GoInfo g = f.go().get();
                    String tool = "pkg:golang/golang.org/toolchain@" + g.goVersion().replaceFirst("^go", "v0.0.1-go")
                            + "?goos=linux";
                    Component tc = components.computeIfAbsent(tool, k -> {
                        Component t = new Component();
                        t.setType(Component.Type.LIBRARY);
                        t.setName("go");
                        t.setVersion(g.goVersion());
                        t.setBomRef(k);
                        t.setDescription("the Go toolchain and standard library the program was built with");
                        return t;
                    });
                    d.addDependency(new Dependency(tc.getBomRef()));
                    for (GoInfo.Module m : g.modules()) {
                        String purl = "pkg:golang/" + m.path() + "@" + m.version();
                        Component mc = components.computeIfAbsent(purl, k -> {
                            Component x = new Component();
                            x.setType(Component.Type.LIBRARY);
                            x.setName(m.path());
                            x.setVersion(m.version());
                            x.setPurl(purl);
                            x.setBomRef(purl);
                            h1(m.sum()).ifPresent(h -> x.setHashes(List.of(new Hash(Hash.Algorithm.SHA_256, h))));
                            if (g.recovered()) {
                                x.setProperties(List.of(property("execray:recovered", "true")));
                            }
                            return x;
                        });
                        d.addDependency(new Dependency(mc.getBomRef()));
                    }
                }
                deps.add(d);
            }
        }
        bom.setComponents(new ArrayList<>(components.values()));
        bom.setDependencies(deps);
        try {
            return BomGeneratorFactory.createJson(VERSION, bom).toJsonString();
        } catch (GeneratorException e) {
            throw new IllegalStateException("CycloneDX generation failed", e);
        }
    }

    private static String ref(InputResult r, FileRecord f) {
        return "file:" + r.name() + ":" + f.path();
    }

    private static Property property(String name, String value) {
        Property p = new Property();
        p.setName(name);
        p.setValue(value);
        return p;
    }

    /** An h1: module hash is base64 of a SHA-256: CycloneDX wants it in hex. */
    static java.util.Optional<String> h1(String sum) {
        if (!sum.startsWith("h1:")) {
            return java.util.Optional.empty();
        }
        try {
            byte[] b = Base64.getDecoder().decode(sum.substring(3));
            return b.length == 32 ? java.util.Optional.of(HexFormat.of().formatHex(b)) : java.util.Optional.empty();
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
