package dev.execray.exec.ld;

import java.util.List;
import java.util.Optional;

/**
 * How the program is started, as far as the dynamic loader cares: the environment it reads
 * (LD_LIBRARY_PATH, LD_PRELOAD, LD_BIND_NOW), whether the kernel marked the exec secure (set-user-ID,
 * set-group-ID, file capabilities: AT_SECURE), the working directory relative names resolve against, the
 * name the program was invoked as (argv[0], which starts every glibc error message), and whether ld.so was
 * run on it directly as {@code ldd} does (then {@code $ORIGIN} of the program is the directory of the name
 * given, not of the resolved file).
 */
public record LoaderSettings(Optional<String> ldLibraryPath, List<String> preload, boolean bindNow, boolean secure,
                             String workingDirectory, Optional<String> argv0, boolean explicitLoaderInvocation) {

    public LoaderSettings {
        preload = List.copyOf(preload);
        if (!workingDirectory.startsWith("/")) {
            throw new IllegalArgumentException("working directory must be absolute: " + workingDirectory);
        }
    }

    /** A plain exec from {@code /} with an empty loader environment. */
    public static LoaderSettings defaults() {
        return new LoaderSettings(Optional.empty(), List.of(), false, false, "/", Optional.empty(), false);
    }

    public LoaderSettings withLdLibraryPath(String p) {
        return new LoaderSettings(Optional.of(p), preload, bindNow, secure, workingDirectory, argv0,
                explicitLoaderInvocation);
    }

    public LoaderSettings withSecure(boolean s) {
        return new LoaderSettings(ldLibraryPath, preload, bindNow, s, workingDirectory, argv0,
                explicitLoaderInvocation);
    }

    public LoaderSettings withWorkingDirectory(String wd) {
        return new LoaderSettings(ldLibraryPath, preload, bindNow, secure, wd, argv0, explicitLoaderInvocation);
    }

    public LoaderSettings withArgv0(String a) {
        return new LoaderSettings(ldLibraryPath, preload, bindNow, secure, workingDirectory, Optional.of(a),
                explicitLoaderInvocation);
    }

    public LoaderSettings withExplicitLoaderInvocation(boolean e) {
        return new LoaderSettings(ldLibraryPath, preload, bindNow, secure, workingDirectory, argv0, e);
    }

    public LoaderSettings withPreload(List<String> p) {
        return new LoaderSettings(ldLibraryPath, p, bindNow, secure, workingDirectory, argv0,
                explicitLoaderInvocation);
    }

    public LoaderSettings withBindNow(boolean b) {
        return new LoaderSettings(ldLibraryPath, preload, b, secure, workingDirectory, argv0,
                explicitLoaderInvocation);
    }

    /** {@code path} made absolute against the working directory, as the kernel and loader see it. */
    String absolute(String path) {
        if (path.startsWith("/")) {
            return path;
        }
        return workingDirectory.endsWith("/") ? workingDirectory + path : workingDirectory + "/" + path;
    }
}
