package dev.execray.golang;

import dev.execray.golang.GodebugSetting.Owner;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every GODEBUG key Go has read from 1.13 on: the runtime's own (runtime/runtime1.go {@code dbgvars},
 * documented in runtime/extern.go) and the compatibility settings of the standard library and the go command
 * (internal/godebugs/table.go since 1.21, with its history in doc/godebug.md). Each entry names its source.
 *
 * <p>Release lines before 1.13 are outside execray's range, so keys older than that are recorded as present
 * "since 1.13". "Changed"/"old" follow internal/godebugs.Info.Changed/Old; "removed" follows its Removed list
 * and the doc/godebug.md history.
 */
public final class GodebugCatalogue {
    private static final GoVersion BASE = GoVersion.of(1, 13);
    private static final GodebugValues BOOL = GodebugValues.choices("0", "1");
    private static final GodebugValues NONNEG = GodebugValues.integer(0, Long.MAX_VALUE);
    private static final GodebugValues INT32 = GodebugValues.integer(Integer.MIN_VALUE, Integer.MAX_VALUE);

    private static final Map<String, GodebugSetting> BY_NAME = new LinkedHashMap<>();

    static {
        // ---- runtime keys: runtime/runtime1.go dbgvars, meanings from runtime/extern.go ----
        // go1.19 runtime1.go (Debian golang-1.19-src) lists allocfreetrace..adaptivestackstart; newer from the
        // dbgvars of later trees (golang/go runtime1.go, Go 1.25 era).
        rt("adaptivestackstart", v(19), BOOL, "1 (default since 1.19) starts goroutines with the average stack size seen so far; 0 uses the minimum");
        rt("allocfreetrace", BASE, BOOL, "1 profiles every allocation and prints a stack trace at each allocation and free")
                .removed(v(22)); // dropped from dbgvars in 1.22 (replaced by traceallocfree in 1.23)
        rt("asyncpreemptoff", v(14), BOOL, "1 disables signal-based asynchronous goroutine preemption (added with it in 1.14)");
        rt("cgocheck", BASE, GodebugValues.choices("0", "1", "2"),
                "0 disables the checks on Go pointers passed to C; 1 (default) cheap checks; 2 (before 1.21) expensive checks");
        rt("checkfinalizers", v(25), BOOL, "1 makes the GC check finalizers and cleanups for common mistakes (1.25)");
        rt("clobberfree", BASE, BOOL, "1 makes the GC overwrite the memory of freed objects with bad content");
        rt("dontfreezetheworld", v(21), BOOL, "1 keeps goroutines running while a fatal panic prints its traceback (1.21)");
        rt("disablethp", v(22), BOOL, "1 disables transparent huge pages for the Go heap on Linux")
                .backports(GoVersion.of(1, 21, 6)); // doc/godebug.md "Go 1.22": available starting with Go 1.21.6
        rt("efence", BASE, BOOL, "1 allocates every object on its own page and never recycles addresses");
        rt("gccheckmark", BASE, BOOL, "1 verifies the concurrent mark phase with a second stop-the-world mark");
        rt("gcpacertrace", BASE, BOOL, "1 prints the internal state of the GC pacer at each collection");
        rt("gcshrinkstackoff", BASE, BOOL, "1 stops the GC from shrinking goroutine stacks");
        rt("gcstoptheworld", BASE, GodebugValues.choices("0", "1", "2"),
                "1 makes every GC stop the world; 2 also disables concurrent sweeping");
        rt("gctrace", BASE, NONNEG, "1 prints one line per GC to stderr: heap sizes before and after, pause and CPU times");
        rt("harddecommit", v(16), BOOL, "1 also removes protections from memory returned to the OS (Linux; scavenger debugging)");
        rt("inittrace", v(16), BOOL, "1 prints one line per package init: time and allocations (1.16)");
        rt("invalidptr", BASE, BOOL, "1 (default) crashes on an invalid pointer in a pointer-typed location; 0 disables the check");
        rt("madvdontneed", BASE, BOOL,
                "Linux: 1 returns memory with MADV_DONTNEED (default since 1.16, RSS drops at once); 0 uses MADV_FREE");
        rt("memprofilerate", BASE, NONNEG, "sets runtime.MemProfileRate; 0 disables memory profiling");
        rt("profstackdepth", v(23), GodebugValues.integer(0, 1024), "maximum stack depth of pprof profiles, default 128 (1.23)");
        rt("runtimecontentionstacks", v(22), BOOL, "1 reports full stacks for contention on runtime-internal locks")
                .removed(v(25)); // doc/godebug.md "Go 1.25": removed
        rt("sbrk", BASE, BOOL, "1 replaces allocator and GC with a trivial allocator that never frees");
        rt("scavtrace", BASE, BOOL, "1 prints one line per GC cycle about the scavenger returning memory to the OS");
        rt("scheddetail", BASE, BOOL, "1 (with schedtrace=X) prints detailed scheduler, P, M and goroutine state every X ms");
        rt("schedtrace", BASE, NONNEG, "X prints one line of scheduler state to stderr every X milliseconds");
        rt("traceadvanceperiod", v(22), NONNEG, "nanoseconds between execution-trace generations (new tracer, 1.22)");
        rt("traceallocfree", v(23), BOOL, "1 records every heap allocation and free in execution traces (1.23)");
        rt("tracebackancestors", BASE, NONNEG, "N adds the creation stacks of up to N ancestor goroutines to tracebacks");
        rt("tracecheckstackownership", v(23), BOOL, "1 checks stack ownership while tracing (runtime debugging)");
        rt("tracefpunwindoff", v(21), BOOL, "1 makes the execution tracer unwind stacks without frame pointers (1.21)");
        // runtime keys that are also compatibility settings (internal/godebugs table, Package "runtime")
        rt("panicnil", v(21), BOOL, "1 allows panic(nil) again (1.21 made it a run-time error)").changed(21, "1");
        rt("containermaxprocs", v(25), BOOL, "0 ignores cgroup CPU limits when choosing the default GOMAXPROCS (1.25)")
                .changed(25, "0");
        rt("updatemaxprocs", v(25), BOOL, "0 stops the runtime from updating GOMAXPROCS when CPU limits change (1.25)")
                .changed(25, "0");
        rt("decoratemappings", v(25), BOOL, "0 stops naming anonymous mappings \"[anon: Go: ...]\" in /proc/self/maps (1.25)")
                .changed(25, "0");
        rt("tracebacklabels", v(26), BOOL, "1 prints goroutine pprof labels in tracebacks (1.26)").changed(27, "0");
        rt("dataindependenttiming", v(24), BOOL, "1 turns on the CPU's data-independent-timing mode for the whole program (arm64)");
        rt("asynctimerchan", v(23), GodebugValues.choices("0", "1", "2"),
                "1 restores asynchronous (buffered) timer channels of Go 1.22 and earlier").changed(23, "1").removed(v(27));

        // ---- standard library and go command: internal/godebugs/table.go + doc/godebug.md "GODEBUG History" ----
        pkg("netdns", "net", BASE, GodebugValues.pattern("(go|cgo)?(\\+?[12])?|(go|cgo)", "go, cgo, 1, 2 or go+1 style"),
                "chooses the DNS resolver: go (pure Go) or cgo (libc); 1 or 2 print its decisions");
        pkg("http2client", "net/http", BASE, BOOL, "0 disables HTTP/2 in the HTTP client");
        pkg("http2server", "net/http", BASE, BOOL, "0 disables HTTP/2 in the HTTP server");
        pkg("http2debug", "net/http", BASE, GodebugValues.choices("0", "1", "2"), "1 or 2 log HTTP/2 frames and state");
        tool("gocachehash", BASE, BOOL, "1 prints the inputs hashed for the go build cache");
        tool("gocachetest", BASE, BOOL, "1 prints why test results are or are not cached");
        tool("gocacheverify", BASE, BOOL, "1 rebuilds everything and checks it against the build cache");
        pkg("tls13", "crypto/tls", BASE, BOOL, "0 disabled TLS 1.3 (Go 1.13 only)").removed(v(14)); // go1.14 notes: removed
        pkg("x509ignoreCN", "crypto/x509", v(15), BOOL, "0 treated the Common Name as a host name again")
                .removed(v(17)); // go1.15 notes add it, go1.17 notes remove it
        pkg("x509sha1", "crypto/x509", v(18), BOOL, "1 accepted SHA-1 signed certificates").removed(v(24));
        pkg("execerrdot", "os/exec", v(19), BOOL, "0 lets exec.LookPath return programs found in the current directory");
        pkg("netedns0", "net", v(23), BOOL, "0 stops sending EDNS0 headers on DNS requests")
                .changed(19, "0").backports(GoVersion.of(1, 21, 12), GoVersion.of(1, 22, 5));
        pkg("tarinsecurepath", "archive/tar", v(20), BOOL, "0 makes tar.Reader reject insecure paths");
        pkg("zipinsecurepath", "archive/zip", v(20), BOOL, "0 makes zip.NewReader reject insecure paths");
        pkg("randautoseed", "math/rand", v(20), BOOL, "0 restores the fixed seed of the global math/rand source");
        pkg("x509usefallbackroots", "crypto/x509", v(20), BOOL, "1 uses fallback roots even when system roots exist");
        tool("installgoroot", v(20), GodebugValues.choices("all"), "all installs and uses .a files for the standard library");
        pkg("multipartmaxheaders", "mime/multipart", v(21), NONNEG, "maximum number of MIME headers in a multipart form")
                .backports(GoVersion.of(1, 19, 8), GoVersion.of(1, 20, 3));
        pkg("multipartmaxparts", "mime/multipart", v(21), NONNEG, "maximum number of parts in a multipart form")
                .backports(GoVersion.of(1, 19, 8), GoVersion.of(1, 20, 3));
        pkg("jstmpllitinterp", "html/template", v(21), BOOL,
                "1 allowed actions inside JS template literals (no effect since 1.23)")
                .backports(GoVersion.of(1, 19, 8), GoVersion.of(1, 20, 3));
        pkg("multipathtcp", "net", v(21), GodebugValues.choices("0", "1", "2", "3"),
                "MPTCP by default: 0 off, 1 dialers and listeners, 2 listeners (default since 1.24), 3 dialers")
                .changed(24, "0");
        pkg("tlsmaxrsasize", "crypto/tls", v(22), NONNEG, "largest RSA key accepted in TLS handshakes, default 8192")
                .backports(GoVersion.of(1, 19, 13), GoVersion.of(1, 20, 8), GoVersion.of(1, 21, 1));
        pkg("httplaxcontentlength", "net/http", v(22), BOOL, "1 accepts an empty Content-Length header again").changed(22, "1");
        pkg("httpmuxgo121", "net/http", v(22), BOOL, "1 restores the Go 1.21 ServeMux patterns").changed(22, "1");
        pkg("gotypesalias", "go/types", v(22), BOOL, "0 makes go/types not produce Alias types").changed(23, "0").removed(v(27));
        pkg("tls10server", "crypto/tls", v(22), BOOL, "1 accepts TLS 1.0 and 1.1 by default again").changed(22, "1").removed(v(27));
        pkg("tlsrsakex", "crypto/tls", v(22), BOOL, "1 restores RSA key-exchange cipher suites").changed(22, "1").removed(v(27));
        pkg("tlsunsafeekm", "crypto/tls", v(22), BOOL, "1 allows ExportKeyingMaterial without EMS or TLS 1.3")
                .changed(22, "1").removed(v(27));
        pkg("x509usepolicies", "crypto/x509", v(22), BOOL, "0 marshals PolicyIdentifiers instead of Policies").changed(24, "0");
        pkg("winsymlink", "os", v(23), BOOL, "0 treats mount points as symlinks again (Windows)").changed(23, "0");
        pkg("winreadlinkvolume", "os", v(23), BOOL, "0 makes Readlink normalise volumes to drive letters (Windows)")
                .changed(23, "0");
        pkg("tlskyber", "crypto/tls", v(23), BOOL, "0 disabled X25519Kyber768Draft00").changed(23, "0").removed(v(24));
        pkg("x509negativeserial", "crypto/x509", v(23), BOOL, "1 accepts certificates with negative serial numbers")
                .changed(23, "1");
        pkg("tls3des", "crypto/tls", v(23), BOOL, "1 restores the 3DES cipher suites").changed(23, "1").removed(v(27));
        pkg("x509keypairleaf", "crypto/tls", v(23), BOOL, "0 stops X509KeyPair from filling Certificate.Leaf")
                .changed(23, "0").removed(v(27));
        pkg("httpservecontentkeepheaders", "net/http", v(23), BOOL, "1 keeps caching headers on ServeContent errors")
                .changed(23, "1");
        pkg("fips140", "crypto/fips140", v(24), GodebugValues.choices("off", "on", "only"),
                "FIPS 140-3 mode of the Go Cryptographic Module; fixed at start-up");
        pkg("randseednop", "math/rand", v(24), BOOL, "0 makes math/rand.Seed work again").changed(24, "0");
        tool("gotestjsonbuildtext", v(24), BOOL, "1 prints build errors of go test -json as text").changed(24, "1");
        pkg("rsa1024min", "crypto/rsa", v(24), BOOL, "0 allows RSA keys shorter than 1024 bits").changed(24, "0");
        pkg("tlsmlkem", "crypto/tls", v(24), BOOL, "0 disables the X25519MLKEM768 key exchange").changed(24, "0");
        pkg("x509rsacrt", "crypto/x509", v(24), BOOL, "0 ignores the CRT values of PKCS#1 keys").changed(24, "0");
        tool("embedfollowsymlinks", v(25), BOOL, "1 lets //go:embed follow symlinks to regular files");
        pkg("tlssha1", "crypto/tls", v(25), BOOL, "1 allows SHA-1 signatures in TLS 1.2").changed(25, "1");
        pkg("x509sha256skid", "crypto/x509", v(25), BOOL, "0 fills missing SubjectKeyId with SHA-1").changed(25, "0");
        tool("allowmultiplevcs", v(25), BOOL, "1 stamps VCS information even when several VCS are found")
                .backports(GoVersion.of(1, 23, 11), GoVersion.of(1, 24, 5));
        pkg("httpcookiemaxnum", "net/http", v(26), NONNEG, "maximum number of cookies parsed, default 3000; 0 no limit")
                .changed(24, "0").backports(GoVersion.of(1, 24, 8), GoVersion.of(1, 25, 2));
        pkg("urlstrictcolons", "net/url", v(26), BOOL, "0 accepts colons outside IPv6 brackets in host names")
                .changed(26, "0");
        pkg("cryptocustomrand", "crypto", v(26), BOOL, "1 lets crypto functions use a caller's io.Reader for randomness")
                .changed(26, "1");
        pkg("tlssecpmlkem", "crypto/tls", v(26), BOOL, "0 disables the SecP256r1MLKEM768 key exchanges").changed(26, "0");
        // In the Go 1.27-dev table (golang/go internal/godebugs) without a doc/godebug.md section; the release
        // that introduced them is taken from the nearest "Changed" value.
        pkg("urlmaxqueryparams", "net/url", v(26), NONNEG, "maximum number of URL query parameters parsed")
                .changed(24, "0");
        pkg("htmlmetacontenturlescape", "html/template", v(26), BOOL, "0 stops escaping URLs in meta content attributes");
        pkg("x509sslcertoverrideplatform", "crypto/x509", v(27), BOOL, "SSL_CERT_FILE/SSL_CERT_DIR override platform roots")
                .changed(27, "0");
    }

    private GodebugCatalogue() {
    }

    private static GoVersion v(int minor) {
        return GoVersion.of(1, minor);
    }

    /** Fluent construction of one table row. */
    private static final class Row {
        String name;
        Owner owner;
        String pkg;
        GoVersion since;
        List<GoVersion> backports = List.of();
        GoVersion removed;
        GoVersion changed;
        String old;
        GodebugValues values;
        String summary;

        Row removed(GoVersion r) {
            removed = r;
            return put();
        }

        Row changed(int minor, String oldValue) {
            changed = v(minor);
            old = oldValue;
            return put();
        }

        Row backports(GoVersion... b) {
            backports = List.of(b);
            return put();
        }

        Row put() {
            BY_NAME.put(name, new GodebugSetting(name, owner, pkg, since, backports, Optional.ofNullable(removed),
                    Optional.ofNullable(changed), Optional.ofNullable(old), values, summary));
            return this;
        }
    }

    private static Row row(String name, Owner owner, String pkg, GoVersion since, GodebugValues values, String summary) {
        Row r = new Row();
        r.name = name;
        r.owner = owner;
        r.pkg = pkg;
        r.since = since;
        r.values = values;
        r.summary = summary;
        return r.put();
    }

    private static Row rt(String name, GoVersion since, GodebugValues values, String summary) {
        return row(name, Owner.RUNTIME, "runtime", since, values, summary);
    }

    private static Row pkg(String name, String pkg, GoVersion since, GodebugValues values, String summary) {
        return row(name, Owner.PACKAGE, pkg, since, values, summary);
    }

    private static Row tool(String name, GoVersion since, GodebugValues values, String summary) {
        return row(name, Owner.GO_COMMAND, "cmd/go", since, values, summary);
    }

    public static List<GodebugSetting> all() {
        return List.copyOf(BY_NAME.values());
    }

    public static Optional<GodebugSetting> lookup(String name) {
        return Optional.ofNullable(BY_NAME.get(name));
    }

    /** The {@code max} known keys closest to {@code name} by edit distance, nearest first: always some, so a user sees real names. */
    public static List<String> nearest(String name, int max) {
        List<Map.Entry<String, Integer>> scored = new ArrayList<>();
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        for (String k : BY_NAME.keySet()) {
            int d = editDistance(lower, k);
            if (lower.length() >= 3 && (k.startsWith(lower) || lower.startsWith(k))) {
                d = Math.min(d, 1);
            }
            scored.add(Map.entry(k, d));
        }
        scored.sort(Comparator.<Map.Entry<String, Integer>>comparingInt(Map.Entry::getValue)
                .thenComparing(Map.Entry::getKey));
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Integer> e : scored) {
            if (out.size() == max) {
                break;
            }
            out.add(e.getKey());
        }
        return Collections.unmodifiableList(out);
    }

    /** Optimal-string-alignment distance: insertions, deletions, substitutions and adjacent swaps. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
