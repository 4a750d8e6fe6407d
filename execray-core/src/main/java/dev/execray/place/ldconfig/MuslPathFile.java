package dev.execray.place.ldconfig;

import java.util.ArrayList;
import java.util.List;

/**
 * musl's {@code /etc/ld-musl-ARCH.path} ({@code ldso/dynlink.c} {@code load_library}, {@code path_open}):
 * directories separated by {@code :} or newlines, nothing else special (no comments; blanks are part of a
 * name). Where the file lives depends on the loader's own path: its directory's parent, plus
 * {@code etc/ld-musl-ARCH.path}.
 */
public final class MuslPathFile {
    /** The default system path when the file does not exist. */
    public static final List<String> DEFAULT_PATH = List.of("/lib", "/usr/local/lib", "/usr/lib");

    private MuslPathFile() {
    }

    /** The path elements, in order, empty elements dropped as path_open skips them. */
    public static List<String> parse(String content) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = content.length();
        while (i < n) {
            while (i < n && (content.charAt(i) == ':' || content.charAt(i) == '\n')) {
                i++;
            }
            int start = i;
            while (i < n && content.charAt(i) != ':' && content.charAt(i) != '\n') {
                i++;
            }
            if (i > start) {
                out.add(content.substring(start, i));
            }
        }
        return out;
    }

    /**
     * Where musl looks for its path file given the loader's path (PT_INTERP): the loader's path without its
     * last two components, then {@code /etc/ld-musl-ARCH.path}. {@code /lib/ld-musl-x86_64.so.1} gives
     * {@code /etc/ld-musl-x86_64.path}; a relative loader name gives a path relative to the root.
     */
    public static String location(String loaderPath, String ldsoArch) {
        String prefix = "";
        if (loaderPath.startsWith("/")) {
            int t = -1;
            int z = -1;
            for (int i = 0; i < loaderPath.length(); i++) {
                if (loaderPath.charAt(i) == '/') {
                    z = t;
                    t = i;
                }
            }
            prefix = loaderPath.substring(0, Math.max(z, 0));
        }
        return prefix + "/etc/ld-musl-" + ldsoArch + ".path";
    }
}
