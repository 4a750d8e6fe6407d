package dev.execray.golang;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * A Go binary's function table read from its pclntab: the functions sorted by entry address, and where and
 * how the table was found.
 *
 * @param location how the table was found ("section .gopclntab", "magic search at 0x..., confirmed by moduledata")
 */
public record FunctionTable(PclntabVersion version, long fileOffset, long address, int pointerSize, int pcQuantum,
        long textStart, String location, List<GoFunction> functions, List<String> notes) {

    /** Distinct package paths of all functions, sorted. */
    public List<String> packages() {
        TreeSet<String> s = new TreeSet<>();
        for (GoFunction f : functions) {
            String p = f.packagePath();
            if (!p.isEmpty() && !p.startsWith("go:") && !p.equals("type") && !p.startsWith("type:")) {
                s.add(p);
            }
        }
        return List.copyOf(s);
    }

    /**
     * Package initialisation functions ("pkg.init", "pkg.init.N") in text order; {@link InitOrder} gives the
     * order the runtime runs them in.
     */
    public List<GoFunction> initFunctions() {
        List<GoFunction> out = new ArrayList<>();
        for (GoFunction f : functions) {
            String n = f.name();
            int i = n.lastIndexOf(".init");
            if (i > 0 && !n.contains("(") && (n.endsWith(".init") || n.substring(i + 5).matches("\\.\\d+"))
                    && n.substring(0, i).equals(f.packagePath())) {
                out.add(f);
            }
        }
        return out;
    }
}
