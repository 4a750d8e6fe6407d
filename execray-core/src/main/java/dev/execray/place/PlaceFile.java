package dev.execray.place;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A place described in a file (schema {@value #SCHEMA}): the same facts as a named profile, so a user can
 * describe their own kernel, distribution or OS. {@code execray targets --json NAME} writes one to start from;
 * {@code --targets file:PLACE.json} reads it. Unknown fields are refused, so a typo is not silently ignored.
 */
public final class PlaceFile {
    public static final String SCHEMA = "execray-place/1";
    /** A place file is a few KiB; a bound keeps a hostile one from costing memory. */
    static final long MAX_BYTES = 1 << 20;

    private static final List<String> FIELDS = List.of("schema", "name", "description", "os", "arch", "pageSize",
            "kernel", "libc", "libcVersion", "osVersion", "minX86Level", "emulates", "binfmt", "standardLibraries",
            "sources", "notes");

    private PlaceFile() {
    }

    public static ObjectNode write(TargetProfile p) {
        ObjectNode o = new ObjectMapper().createObjectNode();
        o.put("schema", SCHEMA);
        o.put("name", p.name());
        o.put("description", p.description());
        o.put("os", p.os().goos());
        o.put("arch", p.arch().goarch());
        o.put("pageSize", p.pageSize());
        o.put("kernel", p.kernel().map(Object::toString).orElse(null));
        o.put("libc", p.hasLibc() ? p.libc().name().toLowerCase(java.util.Locale.ROOT) : null);
        o.put("libcVersion", p.libcVersion().orElse(null));
        o.put("osVersion", p.osVersion().orElse(null));
        o.put("minX86Level", p.minX86Level());
        ArrayNode em = o.putArray("emulates");
        p.emulates().forEach(e -> em.add(e.goarch()));
        ArrayNode bf = o.putArray("binfmt");
        p.binfmtLines().forEach(bf::add);
        ArrayNode libs = o.putArray("standardLibraries");
        p.standardLibraries().forEach(libs::add);
        ArrayNode src = o.putArray("sources");
        p.sources().forEach(src::add);
        ArrayNode notes = o.putArray("notes");
        p.notes().forEach(notes::add);
        return o;
    }

    public static TargetProfile read(Path file) throws TargetException {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new TargetException(file + ": a place file is at most 1 MiB");
            }
            ObjectMapper m = new ObjectMapper();
            m.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(16)
                    .maxStringLength(65536).build());
            return parse(file.toString(), m.readTree(file.toFile()));
        } catch (IOException e) {
            throw new TargetException(file + ": not a place file: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    static TargetProfile parse(String where, JsonNode n) throws TargetException {
        if (n == null || !n.isObject()) {
            throw new TargetException(where + ": a place file is one JSON object");
        }
        for (var it = n.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!FIELDS.contains(f)) {
                throw new TargetException(where + ": unknown field '" + f + "' (known: " + String.join(", ", FIELDS) + ")");
            }
        }
        if (!SCHEMA.equals(text(n, "schema").orElse(""))) {
            throw new TargetException(where + ": \"schema\" must be \"" + SCHEMA + "\"");
        }
        String name = required(where, n, "name");
        Os os = Os.parse(required(where, n, "os")).orElseThrow(() -> new TargetException(where + ": unknown os"));
        Arch arch = Arch.parse(required(where, n, "arch"))
                .orElseThrow(() -> new TargetException(where + ": unknown arch"));
        int page = n.path("pageSize").isMissingNode() || n.path("pageSize").isNull() ? arch.defaultPageSize()
                : n.path("pageSize").asInt(-1);
        if (os == Os.LINUX && !arch.pageSizes().contains(page)) {
            throw new TargetException(where + ": pageSize " + page + " is not one a " + arch.goarch() + " kernel has "
                    + arch.pageSizes());
        }
        Optional<KernelVersion> kernel = Optional.empty();
        if (text(n, "kernel").isPresent()) {
            kernel = Optional.of(KernelVersion.parse(text(n, "kernel").get())
                    .orElseThrow(() -> new TargetException(where + ": kernel is not a version like 6.1")));
        }
        Optional<String> libcName = text(n, "libc");
        Libc libc;
        if (os != Os.LINUX) {
            libc = os == Os.WINDOWS ? Libc.MSVCRT : Libc.BSD;
        } else {
            libc = libcName.isEmpty() ? Libc.GLIBC : switch (libcName.get()) {
                case "glibc" -> Libc.GLIBC;
                case "musl" -> Libc.MUSL;
                default -> throw new TargetException(where + ": libc must be glibc, musl or null");
            };
        }
        List<Arch> emulates = new ArrayList<>();
        for (String a : strings(where, n, "emulates")) {
            emulates.add(Arch.parse(a).orElseThrow(() -> new TargetException(where + ": unknown arch in emulates: " + a)));
        }
        KernelVersion k = kernel.orElse(KernelVersion.ASSUMED);
        for (String line : strings(where, n, "binfmt")) {
            if (BinfmtRegistration.parse(line, k) instanceof BinfmtRegistration.Rejected r) {
                throw new TargetException(where + ": binfmt entry '" + line + "' would be refused by the kernel: "
                        + r.errno().name() + ", " + r.reason());
            }
        }
        return new TargetProfile(name, text(n, "description").orElse(name + " (from " + where + ")"), os, arch, page,
                kernel, libc, os != Os.LINUX || libcName.isPresent(), text(n, "libcVersion"), text(n, "osVersion"),
                n.path("minX86Level").asInt(1), emulates, strings(where, n, "binfmt"),
                strings(where, n, "standardLibraries"), strings(where, n, "sources"), strings(where, n, "notes"));
    }

    private static Optional<String> text(JsonNode n, String f) {
        JsonNode v = n.get(f);
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    private static String required(String where, JsonNode n, String f) throws TargetException {
        return text(n, f).filter(s -> !s.isBlank())
                .orElseThrow(() -> new TargetException(where + ": \"" + f + "\" is required"));
    }

    private static List<String> strings(String where, JsonNode n, String f) throws TargetException {
        JsonNode v = n.get(f);
        if (v == null || v.isNull()) {
            return List.of();
        }
        if (!v.isArray()) {
            throw new TargetException(where + ": \"" + f + "\" must be an array of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw new TargetException(where + ": \"" + f + "\" must be an array of strings");
            }
            out.add(e.asText());
        }
        return out;
    }
}
