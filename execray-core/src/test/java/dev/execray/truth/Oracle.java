package dev.execray.truth;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * What an oracle test does when it cannot compare: under {@code mvn -Poracle} it FAILS, naming what to
 * install or how to run, so a CI run without the prerequisites is red rather than silently green;
 * elsewhere (an IDE running one test) it is skipped, visibly, through an assumption.
 *
 * <p>"Under -Poracle" is detected without a pom property: tests tagged {@code oracle} run under Surefire
 * only when the oracle profile includes that group (the default build excludes it), and Surefire's forked
 * JVM always carries {@code surefire.test.class.path}. {@code -Dexecray.oracle.strict=true|false}
 * overrides the detection.
 */
public final class Oracle {
    private Oracle() {
    }

    /** Whether a missing prerequisite must fail the run. */
    public static boolean strict() {
        String forced = System.getProperty("execray.oracle.strict");
        if (forced != null) {
            return Boolean.parseBoolean(forced);
        }
        return System.getProperty("surefire.test.class.path") != null
                || System.getProperty("surefire.real.class.path") != null;
    }

    /**
     * Requires a prerequisite.
     *
     * @param ok   whether it is there
     * @param what what is missing and how to get it, e.g. "readelf (apt-get install binutils)"
     */
    public static void require(boolean ok, String what) {
        if (ok) {
            return;
        }
        String message = "oracle prerequisite missing: " + what;
        if (strict()) {
            fail(message + " — under -Poracle a missing prerequisite fails the run instead of passing silently");
        }
        Assumptions.abort(message + " (skipped outside -Poracle)");
    }

    /** Requires that the process runs as root, for what only root may do (chroot, mount, binfmt_misc). */
    public static void requireRoot(String why) {
        require(isRoot(), "root: " + why + " (run mvn -B verify -Poracle as root, as CI does)");
    }

    public static boolean isRoot() {
        return "root".equals(System.getProperty("user.name")) || uid() == 0;
    }

    private static long uid() {
        try {
            Object v = java.nio.file.Files.getAttribute(java.nio.file.Path.of("/proc/self"), "unix:uid");
            return v instanceof Integer i ? i : -1;
        } catch (java.io.IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return -1;
        }
    }

    /** Whether a program is on PATH (or is an executable path). */
    public static boolean onPath(String tool) {
        if (tool.contains("/")) {
            return java.nio.file.Files.isExecutable(java.nio.file.Path.of(tool));
        }
        String path = System.getenv("PATH");
        for (String dir : (path == null ? "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin" : path + ":/usr/sbin:/sbin")
                .split(":")) {
            if (!dir.isEmpty() && java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Asserts that an oracle compared at least {@code min} cases, so an empty corpus cannot pass. */
    public static void atLeast(long compared, long min, String what) {
        if (compared < min) {
            fail("oracle compared only " + compared + " " + what + ", fewer than the " + min
                    + " it must compare to mean anything");
        }
    }
}
