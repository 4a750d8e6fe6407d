package dev.execray.golang;

import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.binary.FileFormat;
import dev.execray.binary.ImageSection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The answers users want about one Go binary, each with where it came from when that is not the build info
 * itself. Values that cannot be known are empty, never guessed silently.
 */
public record GoSummary(String goVersion, GoBuildInfo.Provenance provenance, String goos, String goarch,
        Optional<Boolean> cgo, boolean dynamicallyLinked, Optional<String> interpreter, List<String> libraries,
        Linking linking, boolean stripped, boolean pie, boolean race, Optional<String> archLevel,
        Optional<String> goBuildId, Optional<String> gnuBuildId, Optional<String> vcs, Optional<String> vcsRevision,
        Optional<String> vcsTime, Optional<Boolean> vcsModified, boolean trimpath, Optional<String> defaultGodebug,
        Optional<GoRelease> release, String mainPath, String mainModuleVersion, List<String> notes) {
    /** The note that carries a narrowed release range; renderers show the range in the answer line. */
    public static final String NARROWED = "Go version not found; narrowed to ";


    /** Who linked the binary. */
    public enum Linking {
        INTERNAL("internal (Go linker)"),
        EXTERNAL("external (system linker)"),
        UNKNOWN("unknown");

        private final String label;

        Linking(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** " (recovered)" when the facts did not come from the build-info blob. */
    public String recoveredMark() {
        return provenance == GoBuildInfo.Provenance.RECOVERED ? " (recovered, not read)" : "";
    }

    private static final String[] ARCH_LEVEL_KEYS = {"GOAMD64", "GOARM", "GOARM64", "GO386", "GOMIPS", "GOMIPS64",
        "GOPPC64", "GORISCV64", "GOWASM"};

    public static GoSummary of(ExecutableImage image, GoBuildInfo bi) {
        ModuleInfo m = bi.modules();
        List<String> notes = new ArrayList<>(bi.notes());
        String goos = m.setting("GOOS").map(GoStrconv::toText).orElseGet(() -> {
            notes.add("GOOS and GOARCH inferred from the file (no build settings before Go 1.18)");
            return osOf(image);
        });
        String goarch = m.setting("GOARCH").map(GoStrconv::toText).orElseGet(() -> archOf(image));
        Optional<Boolean> cgo = m.setting("CGO_ENABLED").map(v -> v.equals("1"));
        boolean dynamic = image.interpreter().isPresent() || !image.neededLibraries().isEmpty();
        if (cgo.isEmpty() && image.format() == FileFormat.ELF) {
            // runtime/cgo leaves _cgo_init-style names in the symbol strings; without build settings that is the tell
            cgo = Optional.of(image.source().indexOf(GoStrconv.toBytes("_cgo_init"), 0) >= 0);
            notes.add("cgo inferred from runtime/cgo symbols (no CGO_ENABLED build setting)");
        }
        String ldflags = m.setting("-ldflags").map(GoStrconv::toText).orElse("");
        Linking linking = linking(image, ldflags);
        boolean hasDwarf = image.section(".debug_info").isPresent() || image.section(".zdebug_info").isPresent()
                || image.section("__debug_info").isPresent() || image.section("__zdebug_info").isPresent();
        boolean stripped = !image.hasSymbolTable() && !hasDwarf;
        boolean pie = image.positionIndependent() || m.setting("-buildmode").map(v -> v.equals("pie")).orElse(false);
        boolean race = m.setting("-race").map(v -> v.equals("true")).orElse(false);
        Optional<String> level = Optional.empty();
        for (String k : ARCH_LEVEL_KEYS) {
            Optional<String> v = m.setting(k);
            if (v.isPresent()) {
                level = Optional.of(k + "=" + GoStrconv.toText(v.get()));
                break;
            }
        }
        Optional<GoVersion> gv = bi.version();
        return new GoSummary(GoStrconv.toText(bi.goVersion()), bi.provenance(), goos, goarch, cgo, dynamic,
                image.interpreter(), image.neededLibraries(), linking, stripped, pie, race, level, goBuildId(image),
                gnuBuildId(image), m.setting("vcs").map(GoStrconv::toText),
                m.setting("vcs.revision").map(GoStrconv::toText), m.setting("vcs.time").map(GoStrconv::toText),
                m.setting("vcs.modified").map(v -> v.equals("true")),
                m.setting("-trimpath").map(v -> v.equals("true")).orElse(false),
                m.setting("DefaultGODEBUG").map(GoStrconv::toText), gv.flatMap(GoRelease::of),
                GoStrconv.toText(m.path()), GoStrconv.toText(m.main().version()), List.copyOf(notes));
    }

    /** GOARCH from the machine name of any of the format readers ("Advanced Micro Devices X86-64", "AMD64 ..."). */
    static String archOf(ExecutableImage image) {
        String m = image.machine().toLowerCase(java.util.Locale.ROOT);
        boolean le = image.byteOrder() == java.nio.ByteOrder.LITTLE_ENDIAN;
        boolean w64 = image.pointerSize() == 8;
        if (m.contains("x86-64") || m.contains("x86_64") || m.contains("amd64")) {
            return "amd64";
        } else if (m.contains("aarch64") || m.contains("arm64")) {
            return "arm64";
        } else if (m.contains("386") || m.contains("i686")) {
            return "386";
        } else if (m.contains("arm")) {
            return "arm";
        } else if (m.contains("s/390") || m.contains("s390")) {
            return "s390x";
        } else if (m.contains("risc-v") || m.contains("riscv")) {
            return "riscv64";
        } else if (m.contains("loongarch")) {
            return "loong64";
        } else if (m.contains("powerpc") || m.contains("ppc")) {
            return w64 ? (le ? "ppc64le" : "ppc64") : "ppc";
        } else if (m.contains("mips")) {
            return (w64 ? "mips64" : "mips") + (le ? "le" : "");
        }
        return "unknown";
    }

    /** GOOS when the build settings do not say (before Go 1.18): the format, and for ELF its OS notes. */
    static String osOf(ExecutableImage image) {
        return switch (image.format()) {
            case PE -> "windows";
            case MACHO -> "darwin";
            // e_ident[EI_OSABI] 9 is FreeBSD, which Go's linker sets; NetBSD and OpenBSD carry notes instead
            case ELF -> image.source().u8(7, "e_ident[EI_OSABI]") == 9 ? "freebsd"
                    : image.section(".note.netbsd.ident").isPresent() ? "netbsd"
                    : image.section(".note.openbsd.ident").isPresent() ? "openbsd"
                    : image.interpreter().map(i -> i.contains("freebsd") || i.contains("/libexec/ld-elf"))
                            .orElse(false) ? "freebsd" : "linux";
            default -> "unknown";
        };
    }

    /**
     * The Go linker never writes .init or .eh_frame_hdr, a system linker (gcc/clang via -linkmode=external)
     * does; -ldflags naming the link mode settles it when present.
     */
    private static Linking linking(ExecutableImage image, String ldflags) {
        if (ldflags.contains("-linkmode=external") || ldflags.contains("-linkmode external")) {
            return Linking.EXTERNAL;
        }
        if (ldflags.contains("-linkmode=internal") || ldflags.contains("-linkmode internal")) {
            return Linking.INTERNAL;
        }
        if (image.sections().isEmpty()) {
            return Linking.UNKNOWN;
        }
        return switch (image.format()) {
            case ELF -> image.section(".init").isPresent() || image.section(".eh_frame_hdr").isPresent()
                    ? Linking.EXTERNAL : Linking.INTERNAL;
            case MACHO -> image.section("__unwind_info").isPresent() ? Linking.EXTERNAL : Linking.INTERNAL;
            case PE -> image.section(".CRT").isPresent() || image.section(".tls").isPresent()
                    ? Linking.EXTERNAL : Linking.INTERNAL;
            default -> Linking.UNKNOWN;
        };
    }

    /**
     * The Go build ID: ELF note "Go" type 4 in .note.go.buildid; elsewhere the linker writes
     * {@code \xff Go build ID: "..."\n \xff} at the start of the text (cmd/internal/buildid).
     */
    static Optional<String> goBuildId(ExecutableImage image) {
        ByteSource src = image.source();
        Optional<ImageSection> note = image.section(".note.go.buildid");
        if (note.isPresent() && note.get().fileSize() >= 16) {
            ByteSource o = src.withOrder(image.byteOrder());
            long off = note.get().fileOffset();
            long namesz = o.u32(off, "note namesz");
            long descsz = o.u32(off + 4, "note descsz");
            if (namesz == 4 && descsz > 0 && descsz < 1024 && src.contains(off + 16, descsz)) {
                return Optional.of(GoStrconv.toText(GoStrconv.bytes(src.bytes(off + 16, (int) descsz, "Go build ID"))));
            }
        }
        byte[] marker = GoStrconv.toBytes("\u00ff Go build ID: \"");
        long limit = Math.min(src.size(), 64 * 1024);
        for (ImageSection s : image.sections()) {
            if ((s.name().equals(".text") || s.name().equals("__text")) && s.fileSize() > 0) {
                limit = Math.min(src.size(), s.fileOffset() + 32 * 1024);
            }
        }
        long i = src.indexOf(marker, 0);
        if (i >= 0 && i < limit) {
            long start = i + marker.length;
            long end = src.indexOf(new byte[] {'"'}, start);
            if (end > start && end - start < 1024) {
                return Optional.of(GoStrconv.toText(GoStrconv.bytes(src.bytes(start, (int) (end - start), "Go build ID"))));
            }
        }
        return Optional.empty();
    }

    /** The GNU build ID (ELF .note.gnu.build-id), as lower-case hex. */
    static Optional<String> gnuBuildId(ExecutableImage image) {
        Optional<ImageSection> note = image.section(".note.gnu.build-id");
        if (note.isEmpty() || note.get().fileSize() < 16) {
            return Optional.empty();
        }
        ByteSource o = image.source().withOrder(image.byteOrder());
        long off = note.get().fileOffset();
        long namesz = o.u32(off, "note namesz");
        long descsz = o.u32(off + 4, "note descsz");
        long desc = off + 12 + ((namesz + 3) & ~3L);
        if (descsz == 0 || descsz > 64 || !o.contains(desc, descsz)) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        for (byte b : o.bytes(desc, (int) descsz, "GNU build ID")) {
            sb.append(String.format("%02x", b & 0xff));
        }
        return Optional.of(sb.toString());
    }
}
