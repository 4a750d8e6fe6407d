package dev.execray.scan;

import java.util.List;

/**
 * A Go binary's build info.
 *
 * @param recovered the header was stripped and the module list was recovered from the binary's data
 * @param modules   dependencies, with their {@code h1:} sums where recorded
 */
public record GoInfo(String goVersion, boolean recovered, String mainPath, String mainVersion, List<Module> modules) {
    public GoInfo {
        modules = List.copyOf(modules);
    }

    public record Module(String path, String version, String sum) {
    }
}
