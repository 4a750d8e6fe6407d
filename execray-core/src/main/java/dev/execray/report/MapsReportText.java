package dev.execray.report;

import dev.execray.runtime.maps.AttributedMapping;
import dev.execray.runtime.maps.MappedObject;
import dev.execray.runtime.maps.MapsDiff;
import dev.execray.runtime.maps.MapsReport;

/** `execray runtime maps` as text: per object totals, then (with --mappings) each mapping with its segment. */
public final class MapsReportText {
    private MapsReportText() {
    }

    public static String render(MapsReport r, boolean mappings, int topObjects) {
        StringBuilder sb = new StringBuilder();
        String what = String.format("maps: %s: %,d mappings, %s mapped%s", r.source(), r.mappingCount(),
                RuntimeText.kib(r.totalSizeKiB()), r.smaps() ? String.format(", RSS %s, PSS %s", RuntimeText.kib(r.totalRssKiB()),
                        RuntimeText.kib(r.totalPssKiB())) : " (maps only: --smaps for RSS and PSS)");
        sb.append(RuntimeText.verdict(what, r.findings())).append("\n\n");
        sb.append(String.format("  %-10s %10s %10s %10s %4s  %s%n", "kind", "size", "RSS", "PSS", "maps", "object"));
        int n = 0;
        for (MappedObject o : r.objects()) {
            if (n++ == topObjects) {
                sb.append(String.format("  ... %d more objects (--all lists them)%n", r.objects().size() - topObjects));
                break;
            }
            sb.append(String.format("  %-10s %10s %10s %10s %4d  %s%s%s%n", o.kind().name().toLowerCase(), RuntimeText.kib(o.sizeKiB()),
                    r.smaps() ? RuntimeText.kib(o.rssKiB()) : "-", r.smaps() ? RuntimeText.kib(o.pssKiB()) : "-", o.mappings(),
                    o.name(), o.writableExecutableMappings() > 0 ? "  [W+X]" : "",
                    o.problem().map(p -> "  (" + p + ")").orElse("")));
        }
        if (mappings) {
            sb.append('\n');
            for (AttributedMapping a : r.mappings()) {
                sb.append(String.format("  %-33s %s %9s  %s%n", a.mapping().range(), a.mapping().perms(),
                        RuntimeText.kib(a.mapping().size() / 1024), describe(a)));
            }
        }
        RuntimeText.findings(sb, r.findings());
        if (!r.problems().isEmpty()) {
            sb.append("\n  unreadable lines (").append(r.problemCount()).append("):\n");
            r.problems().stream().limit(10).forEach(p -> sb.append("    ").append(p).append('\n'));
        }
        return sb.toString();
    }

    static String describe(AttributedMapping a) {
        String seg = a.segment().map(s -> String.format("PT_LOAD[%d] %s off 0x%x vaddr 0x%x", s.index(), s.flagString(),
                s.offset(), s.vaddr())).orElse("");
        String role = a.role().equals("PT_LOAD") ? "" : a.role();
        return a.object() + (seg.isEmpty() ? "" : "  " + seg) + (role.isEmpty() ? "" : "  " + role);
    }

    public static String renderDiff(MapsDiff d, int top) {
        StringBuilder sb = new StringBuilder();
        long changed = d.objects().stream().filter(o -> o.change() != MapsDiff.Change.SAME).count();
        sb.append(String.format("%s maps: %s -> %s: %d object(s) changed, size %+,d KiB, RSS %+,d KiB, PSS %+,d KiB%n%n",
                changed == 0 ? "\u2713" : "\u0394", d.before(), d.after(), changed, d.sizeDeltaKiB(), d.rssDeltaKiB(),
                d.pssDeltaKiB()));
        sb.append(String.format("  %-8s %12s %12s %12s  %s%n", "change", "size", "RSS", "PSS", "object"));
        int n = 0;
        for (MapsDiff.ObjectChange o : d.objects()) {
            if (o.change() == MapsDiff.Change.SAME) {
                continue;
            }
            if (n++ == top) {
                sb.append("  ...\n");
                break;
            }
            sb.append(String.format("  %-8s %+12d %+12d %+12d  %s%n", o.change().name().toLowerCase(), o.sizeDeltaKiB(),
                    o.rssDeltaKiB(), o.pssDeltaKiB(), o.name()));
        }
        sb.append(String.format("%n  %d mapping(s) added, %d removed%n", d.addedMappings().size(), d.removedMappings().size()));
        return sb.toString();
    }
}
