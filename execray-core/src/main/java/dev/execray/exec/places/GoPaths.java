package dev.execray.exec.places;

import java.util.ArrayList;
import java.util.List;

/** Go's path/filepath.Join and Clean for '/'-separated paths (and for '\' with {@link #joinWindows}). */
public final class GoPaths {
    private GoPaths() {
    }

    public static String join(String dir, String name) {
        if (dir.isEmpty()) {
            return clean(name);
        }
        return clean(dir + "/" + name);
    }

    /** Lexical cleaning: repeated separators, "." and "dir/.." removed; "" becomes ".". */
    static String clean(String p) {
        if (p.isEmpty()) {
            return ".";
        }
        boolean abs = p.startsWith("/");
        List<String> out = new ArrayList<>();
        for (String part : p.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (!out.isEmpty() && !out.get(out.size() - 1).equals("..")) {
                    out.remove(out.size() - 1);
                } else if (!abs) {
                    out.add("..");
                }
                continue;
            }
            out.add(part);
        }
        String s = String.join("/", out);
        if (abs) {
            return "/" + s;
        }
        return s.isEmpty() ? "." : s;
    }
}
