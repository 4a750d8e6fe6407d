package dev.execray.runtime.maps;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Two snapshots of one process (or two processes) compared object by object, and mapping by mapping. */
public record MapsDiff(
        String before,
        String after,
        long sizeDeltaKiB,
        long rssDeltaKiB,
        long pssDeltaKiB,
        List<ObjectChange> objects,
        List<Mapping> addedMappings,
        List<Mapping> removedMappings) {

    public enum Change { ADDED, REMOVED, CHANGED, SAME }

    /** One object's totals before and after. */
    public record ObjectChange(String name, Change change, int mappingsBefore, int mappingsAfter, long sizeBeforeKiB,
            long sizeAfterKiB, long rssBeforeKiB, long rssAfterKiB, long pssBeforeKiB, long pssAfterKiB) {

        public long sizeDeltaKiB() {
            return sizeAfterKiB - sizeBeforeKiB;
        }

        public long rssDeltaKiB() {
            return rssAfterKiB - rssBeforeKiB;
        }

        public long pssDeltaKiB() {
            return pssAfterKiB - pssBeforeKiB;
        }
    }

    public static MapsDiff of(MapsReport a, MapsReport b) {
        Map<String, MappedObject> before = new LinkedHashMap<>();
        a.objects().forEach(o -> before.put(o.name(), o));
        Map<String, MappedObject> after = new LinkedHashMap<>();
        b.objects().forEach(o -> after.put(o.name(), o));
        List<ObjectChange> changes = new ArrayList<>();
        for (MappedObject o : a.objects()) {
            MappedObject n = after.get(o.name());
            if (n == null) {
                changes.add(new ObjectChange(o.name(), Change.REMOVED, o.mappings(), 0, o.sizeKiB(), 0, o.rssKiB(), 0, o.pssKiB(), 0));
            } else {
                boolean same = o.mappings() == n.mappings() && o.sizeKiB() == n.sizeKiB() && o.rssKiB() == n.rssKiB()
                        && o.pssKiB() == n.pssKiB();
                changes.add(new ObjectChange(o.name(), same ? Change.SAME : Change.CHANGED, o.mappings(), n.mappings(),
                        o.sizeKiB(), n.sizeKiB(), o.rssKiB(), n.rssKiB(), o.pssKiB(), n.pssKiB()));
            }
        }
        for (MappedObject n : b.objects()) {
            if (!before.containsKey(n.name())) {
                changes.add(new ObjectChange(n.name(), Change.ADDED, 0, n.mappings(), 0, n.sizeKiB(), 0, n.rssKiB(), 0, n.pssKiB()));
            }
        }
        changes.sort(Comparator.comparingLong((ObjectChange c) -> -Math.abs(c.pssDeltaKiB()))
                .thenComparingLong(c -> -Math.abs(c.rssDeltaKiB()))
                .thenComparingLong(c -> -Math.abs(c.sizeDeltaKiB()))
                .thenComparing(ObjectChange::name));
        Map<String, Mapping> am = new LinkedHashMap<>();
        a.mappings().forEach(m -> am.put(key(m.mapping()), m.mapping()));
        Map<String, Mapping> bm = new LinkedHashMap<>();
        b.mappings().forEach(m -> bm.put(key(m.mapping()), m.mapping()));
        List<Mapping> added = bm.entrySet().stream().filter(e -> !am.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        List<Mapping> removed = am.entrySet().stream().filter(e -> !bm.containsKey(e.getKey())).map(Map.Entry::getValue).toList();
        return new MapsDiff(a.source(), b.source(), b.totalSizeKiB() - a.totalSizeKiB(), b.totalRssKiB() - a.totalRssKiB(),
                b.totalPssKiB() - a.totalPssKiB(), List.copyOf(changes), added, removed);
    }

    private static String key(Mapping m) {
        return m.range() + " " + m.perms() + " " + m.name();
    }
}
