package dev.execray.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.execray.scan.FileRecord;
import dev.execray.scan.InputResult;
import dev.execray.scan.Policy;
import dev.execray.scan.ScanDiff;
import dev.execray.scan.VerdictRecord;
import dev.execray.scan.store.ScanRun;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** {@code execray scan} as text: per input its counts, reuse, newest glibc and failures; then changes and findings. */
public final class ScanText {
    private ScanText() {
    }

    /** {@code scan --import}: one fleet scan loaded into the store {@code db}. */
    public static String imported(ScanRun.Imported i, Path db) {
        return "fleet scan " + i.fleetScanId() + ": " + i.inputs() + " inputs imported as scan " + i.scanId() + " of "
                + db + "\n";
    }

    /** {@code scan --import --json}: the object of one fleet scan loaded. */
    public static ObjectNode importedJson(ScanRun.Imported i) {
        return Json.object().put("scan", i.scanId()).put("fleet_scan_id", i.fleetScanId()).put("inputs", i.inputs());
    }

    public static String render(long scanId, List<InputResult> results, List<ScanDiff.Change> changes,
            List<Policy.Finding> findings, Style style) {
        StringBuilder b = new StringBuilder();
        for (InputResult r : results) {
            long fails = r.files().stream().filter(f -> f.verdicts().stream().anyMatch(VerdictRecord::fails)).count();
            long programs = r.files().stream().filter(f -> !f.verdicts().isEmpty()).count();
            long elf = r.files().stream().filter(f -> f.format().equals("ELF")).count();
            long fullRelro = r.files().stream().filter(f -> f.hardening().map(h -> h instanceof
                    dev.execray.hardening.Hardening.Elf e && e.relro() == dev.execray.hardening.Relro.FULL).orElse(false))
                    .count();
            long go = r.files().stream().filter(f -> f.go().isPresent()).count();
            String glibc = r.files().stream().map(FileRecord::glibc).flatMap(Optional::stream)
                    .max(dev.execray.place.RootFacts::compareVersions).orElse("none");
            b.append(style.bold(r.name())).append(" (").append(r.kind()).append(", ").append(r.platform()).append(", ")
                    .append(r.millis()).append(" ms)\n");
            b.append("  ").append(r.files().size()).append(" files: ").append(elf).append(" ELF, ").append(go)
                    .append(" Go; ").append(programs - fails).append(" of ").append(programs)
                    .append(" programs would start on every place");
            b.append(fails == 0 ? "\n" : "; " + fails + " would not\n");
            b.append("  ").append(r.reuse().analysed()).append(" analysed, ").append(r.reuse().reused())
                    .append(" reused from earlier scans").append(r.reuse().wholeInput() ? " (the whole image, verdicts included)"
                            : r.reuse().notRead() > 0 ? " (" + r.reuse().notRead() + " not read again)" : "")
                    .append('\n');
            r.reuse().verdictOutcome().ifPresent(v -> b.append("  verdicts in the own root: ").append(v).append('\n'));
            b.append("  newest glibc needed: ").append(glibc).append("; full RELRO: ").append(fullRelro).append(" of ")
                    .append(elf).append('\n');
            for (FileRecord f : r.files()) {
                for (VerdictRecord v : f.verdicts()) {
                    if (v.fails()) {
                        b.append("  ").append(style.bad("\u2717")).append(' ').append(f.path()).append(" on ")
                                .append(v.place()).append(": ").append(v.reason()).append('\n');
                    }
                }
            }
            r.errors().forEach(e -> b.append("  error: ").append(e).append('\n'));
        }
        for (ScanDiff.Change c : changes) {
            b.append(c.regression() ? style.bad("- ") : "  ").append(c.text()).append('\n');
        }
        for (Policy.Finding f : findings) {
            b.append(style.bad("\u2717 ")).append(f.rule()).append(": ").append(f.message()).append('\n');
        }
        if (scanId > 0) {
            b.append("stored as scan ").append(scanId).append('\n');
        }
        return b.toString();
    }
}
