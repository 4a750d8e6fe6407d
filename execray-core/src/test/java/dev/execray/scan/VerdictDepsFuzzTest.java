package dev.execray.scan;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Any stamps and own reads, as a damaged or foreign store could hold them: compared, never thrown. A store's
 * {@code verdict_deps.stamp} and {@code files.own_reads} are read back as they are.
 */
class VerdictDepsFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void anyStoredStampsAreCompared(FuzzedDataProvider in) {
        Map<String, String> old = new HashMap<>();
        Map<String, String> now = new HashMap<>();
        Map<String, List<String>> own = new HashMap<>();
        int n = in.consumeInt(0, 8);
        for (int i = 0; i < n; i++) {
            String path = in.consumeString(8);
            old.put(path, in.consumeString(40));
            if (in.consumeBoolean()) {
                now.put(path, in.consumeBoolean() ? old.get(path) : in.consumeString(40));
            }
            if (in.consumeBoolean()) {
                own.put(in.consumeString(8), List.of(path, in.consumeString(8)));
            }
        }
        VerdictDeps.Outcome o = VerdictDeps.compare(old, own, now);
        if (o instanceof VerdictDeps.Holds h && !h.invalid().isEmpty()) {
            // only files with a recorded own read are ever judged again alone
            if (!own.keySet().containsAll(h.invalid())) {
                throw new IllegalStateException("a file without own reads was singled out: " + h);
            }
        }
        VerdictDeps.unchanged(old, now);
    }
}
