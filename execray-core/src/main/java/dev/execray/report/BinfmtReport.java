package dev.execray.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.exec.ExecResult;
import dev.execray.exec.kernel.BinfmtMatcher;
import dev.execray.place.BinfmtEntry;
import dev.execray.place.BinfmtFlag;
import dev.execray.place.BinfmtRegistration;
import dev.execray.place.BinfmtRegistry;
import dev.execray.place.QemuBinfmt;
import dev.execray.rootfs.Resolution;
import java.util.List;
import java.util.Optional;

/** Renders binfmt_misc registries and entries. */
public final class BinfmtReport {
    private BinfmtReport() {
    }

    public static String registry(BinfmtRegistry r, Style style) {
        StringBuilder b = new StringBuilder();
        b.append(r.source()).append(": ").append(r.entries().size()).append(" entr")
                .append(r.entries().size() == 1 ? "y" : "ies").append(r.enabled() ? "" : style.bad(", registry DISABLED"))
                .append(" (tried in this order)\n");
        int w = 4;
        for (BinfmtEntry e : r.entries()) {
            w = Math.max(w, e.name().length());
        }
        int i = 1;
        for (BinfmtEntry e : r.entries()) {
            String what = e.kind() == BinfmtEntry.Kind.EXTENSION ? "extension ." + e.magic().utf8()
                    : "magic " + e.magic().toReadable() + (e.offset() != 0 ? " @" + e.offset() : "")
                            + (e.mask().isPresent() ? " mask " + e.mask().get().toHex() : "");
            String flags = BinfmtFlag.letters(e.flags());
            b.append(String.format("  %2d %-" + w + "s  %-8s  %-4s  %s%n", i++, e.name(),
                    e.enabled() ? "enabled" : "disabled", flags.isEmpty() ? "-" : flags, e.interpreter()));
            b.append("     ").append(style.dim(what)).append('\n');
        }
        for (BinfmtRegistry.Problem p : r.problems()) {
            b.append("  ").append(style.bad(p.errnoName())).append(' ').append(p.where()).append(": ").append(p.reason())
                    .append('\n');
        }
        return b.toString();
    }

    public static ObjectNode entryJson(BinfmtEntry e) {
        ObjectNode o = Json.object();
        o.put("name", e.name());
        o.put("type", e.kind() == BinfmtEntry.Kind.MAGIC ? "magic" : "extension");
        o.put("enabled", e.enabled());
        if (e.kind() == BinfmtEntry.Kind.MAGIC) {
            o.put("offset", e.offset());
            o.put("magic", e.magic().toHex());
            if (e.mask().isPresent()) {
                o.put("mask", e.mask().get().toHex());
            } else {
                o.putNull("mask");
            }
        } else {
            o.put("extension", e.magic().utf8());
        }
        o.put("interpreter", e.interpreter());
        o.put("flags", BinfmtFlag.letters(e.flags()));
        o.put("registration", e.toRegistration());
        return o;
    }

    /** {@code binfmt match}: the entry chosen for {@code file}, those passed over, and the exec it starts. */
    public static ObjectNode matchJson(String file, BinfmtMatcher.Match m, Optional<ExecResult> exec) {
        ObjectNode o = Json.object();
        o.put("file", file);
        if (m.entry().isPresent()) {
            o.set("entry", entryJson(m.entry().get()));
        } else {
            o.putNull("entry");
        }
        ArrayNode po = o.putArray("passedOver");
        m.passedOver().forEach(po::add);
        exec.ifPresent(r -> o.set("exec", ExplainReport.json(r)));
        return o;
    }

    public static String matchText(String file, BinfmtMatcher.Match m, BinfmtRegistry registry,
            Optional<ExecResult> exec, Style style) {
        StringBuilder b = new StringBuilder();
        b.append(m.entry().map(e -> file + ": binfmt_misc entry " + e.name() + " → " + e.interpreter())
                .orElse(file + ": no binfmt_misc entry matches (" + registry.source() + ")")).append('\n');
        m.passedOver().forEach(p -> b.append("  ").append(p).append('\n'));
        exec.ifPresent(r -> b.append('\n').append(ExplainReport.text(r, style)));
        return b.toString();
    }

    /** {@code binfmt parse}: one registration string, accepted (the entry) or rejected (the errno and why). */
    public static ObjectNode registrationJson(String input, BinfmtRegistration.Result r) {
        if (r instanceof BinfmtRegistration.Accepted a) {
            ObjectNode o = entryJson(a.entry());
            o.put("input", input);
            o.put("accepted", true);
            return o;
        }
        BinfmtRegistration.Rejected rej = (BinfmtRegistration.Rejected) r;
        ObjectNode o = Json.object();
        o.put("input", input);
        o.put("accepted", false);
        o.put("errno", rej.errno().name());
        o.put("errnoNumber", rej.errno().number());
        o.put("message", rej.errno().strerror());
        o.put("reason", rej.reason());
        o.put("position", rej.position());
        return o;
    }

    public static String registrationText(String input, BinfmtRegistration.Result r) {
        StringBuilder b = new StringBuilder();
        if (r instanceof BinfmtRegistration.Accepted a) {
            b.append("✓ ").append(a.entry().toRegistration()).append('\n');
            for (String l : a.entry().toStatusFile().split("\n")) {
                b.append("    ").append(l).append('\n');
            }
            return b.toString();
        }
        BinfmtRegistration.Rejected rej = (BinfmtRegistration.Rejected) r;
        b.append("✗ ").append(input).append('\n');
        b.append("  ").append(rej.errno().name()).append(" (").append(rej.errno().strerror()).append(") at byte ")
                .append(rej.position()).append(": ").append(rej.reason()).append('\n');
        b.append("  echo '...' > /proc/sys/fs/binfmt_misc/register would fail: write error: ")
                .append(rej.errno().strerror()).append('\n');
        return b.toString();
    }

    /** {@code binfmt parse}: every string's answer, one after the other. */
    public static String registrationsText(List<String> inputs, List<BinfmtRegistration.Result> results) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < inputs.size(); i++) {
            b.append(registrationText(inputs.get(i), results.get(i)));
        }
        return b.toString();
    }

    /** {@code binfmt parse --json}: the "registrations" array. */
    public static ArrayNode registrationsJson(List<String> inputs, List<BinfmtRegistration.Result> results) {
        ArrayNode a = Json.object().arrayNode();
        for (int i = 0; i < inputs.size(); i++) {
            a.add(registrationJson(inputs.get(i), results.get(i)));
        }
        return a;
    }

    /** A file {@code binfmt match} cannot find: the one wording of an unreadable input, plus why when it adds to it. */
    public static String notFound(String file, Resolution.Failed f) {
        String detail = f.detail().equals("does not exist") ? "" : " (" + f.detail() + ")";
        return InputError.of(file, f.errno()).text() + detail;
    }

    /**
     * {@code binfmt gen}: each target's registration line, or with {@code binfmtsFormat} binfmt-support's format
     * file under a comment naming it.
     */
    public static String qemuText(List<QemuBinfmt.QemuTarget> targets, QemuBinfmt.Style style, boolean binfmtsFormat) {
        StringBuilder b = new StringBuilder();
        for (QemuBinfmt.QemuTarget t : targets) {
            if (binfmtsFormat) {
                b.append("# /usr/share/binfmts/qemu-").append(t.name()).append('\n').append(QemuBinfmt.binfmtsFile(t));
            } else {
                b.append(QemuBinfmt.registration(t, style)).append('\n');
            }
        }
        return b.toString();
    }

    /** {@code binfmt gen --json}: the "registrations" array. */
    public static ArrayNode qemuJson(List<QemuBinfmt.QemuTarget> targets, QemuBinfmt.Style style) {
        ArrayNode a = Json.object().arrayNode();
        targets.forEach(t -> a.add(qemuJson(t.name(), QemuBinfmt.entry(t, style), QemuBinfmt.registration(t, style))));
        return a;
    }

    /** {@code binfmt gen --json}: qemu-user-static's entry for one CPU, with its registration line. */
    public static ObjectNode qemuJson(String qemu, BinfmtEntry e, String registration) {
        ObjectNode o = entryJson(e);
        o.put("qemu", qemu);
        o.put("registration", registration);
        return o;
    }

    public static ObjectNode registryJson(BinfmtRegistry r) {
        ObjectNode o = Json.object();
        o.put("source", r.source());
        o.put("enabled", r.enabled());
        ArrayNode es = o.putArray("entries");
        r.entries().forEach(e -> es.add(entryJson(e)));
        ArrayNode ps = o.putArray("problems");
        for (BinfmtRegistry.Problem p : r.problems()) {
            ObjectNode po = ps.addObject();
            po.put("where", p.where());
            po.put("errno", p.errnoName());
            po.put("reason", p.reason());
        }
        return o;
    }
}
