package dev.execray.runtime.maps;

import dev.execray.runtime.trace.LineReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads /proc/PID/maps and /proc/PID/smaps (either; smaps is recognised by its field lines) in the
 * format of the kernel's fs/proc/task_mmu.c. Fields are read by key, not position, since the set
 * varies by kernel version. Lines that are neither are reported with their number and skipped, so a
 * damaged copy still yields every mapping that is intact.
 */
public final class MapsParser {
    /** More than the kernel's default vm.max_map_count (65530) allows, many times over. */
    public static final int MAX_MAPPINGS = 4_000_000;
    static final int KEPT_PROBLEMS = 100;

    private MapsParser() {
    }

    public static MapsSnapshot parse(String source, InputStream in) throws IOException {
        State st = new State();
        LineReader.read(in, (number, buf, start, end, truncated) -> {
            String line = new String(buf, start, end - start, StandardCharsets.UTF_8);
            if (truncated) {
                st.problem(number, "line longer than " + LineReader.MAX_LINE + " bytes", line);
                return;
            }
            st.line(number, line);
        });
        st.finish();
        return new MapsSnapshot(source, st.smaps, Collections.unmodifiableList(st.mappings), st.problemCount,
                List.copyOf(st.problems));
    }

    public static MapsSnapshot parse(String source, String text) {
        try {
            return parse(source, new java.io.ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static final class State {
        final List<Mapping> mappings = new ArrayList<>();
        final List<MapsSnapshot.Problem> problems = new ArrayList<>();
        long problemCount;
        boolean smaps;
        Header pending;
        Map<String, Long> fields = new LinkedHashMap<>();
        List<String> flags = List.of();

        void line(long number, String line) {
            if (line.isEmpty()) {
                return;
            }
            int sp = line.indexOf(' ');
            String first = sp < 0 ? line : line.substring(0, sp);
            if (first.indexOf('-') > 0 && !first.endsWith(":")) {
                Header h;
                try {
                    h = header(number, line);
                } catch (IllegalArgumentException e) {
                    problem(number, e.getMessage(), line);
                    return;
                }
                finish();
                pending = h;
                return;
            }
            if (first.endsWith(":") && first.length() > 1) {
                if (pending == null) {
                    problem(number, "smaps field before any mapping", line);
                    return;
                }
                smaps = true;
                field(number, first.substring(0, first.length() - 1), sp < 0 ? "" : line.substring(sp + 1), line);
                return;
            }
            problem(number, "neither a mapping nor an smaps field", line);
        }

        void field(long number, String key, String value, String line) {
            if (key.equals("VmFlags")) {
                List<String> f = new ArrayList<>();
                for (String t : value.trim().split(" +")) {
                    if (!t.isEmpty()) {
                        f.add(t);
                    }
                }
                flags = List.copyOf(f);
                return;
            }
            String v = value.trim();
            if (v.endsWith(" kB")) {
                try {
                    fields.put(key, Long.parseLong(v.substring(0, v.length() - 3).trim()));
                } catch (NumberFormatException e) {
                    problem(number, "field value is not a number of kB", line);
                }
                return;
            }
            // THPeligible, ProtectionKey and any future unitless field: checked, not kept
            try {
                Long.parseLong(v);
            } catch (NumberFormatException e) {
                problem(number, "field value is neither \"N kB\" nor a number", line);
            }
        }

        void finish() {
            if (pending == null) {
                return;
            }
            if (mappings.size() >= MAX_MAPPINGS) {
                problem(pending.line, "more than " + MAX_MAPPINGS + " mappings; the rest are ignored", "");
            } else {
                Header h = pending;
                mappings.add(new Mapping(h.line, h.start, h.end, h.perms, h.offset, h.major, h.minor, h.inode, h.name,
                        MappingKind.of(h.name), h.name.endsWith(" (deleted)") && h.name.startsWith("/"),
                        Collections.unmodifiableMap(fields), flags));
            }
            pending = null;
            fields = new LinkedHashMap<>();
            flags = List.of();
        }

        void problem(long number, String message, String line) {
            problemCount++;
            if (problems.size() < KEPT_PROBLEMS) {
                String text = line.length() > 160 ? line.substring(0, 160) + "..." : line;
                problems.add(new MapsSnapshot.Problem(number, message, text));
            }
        }
    }

    private record Header(long line, long start, long end, Perms perms, long offset, int major, int minor, long inode,
            String name) {
    }

    /** start-end perms offset major:minor inode [padding name] */
    static Header header(long number, String line) {
        int p = 0;
        int dash = line.indexOf('-');
        long start = hex(line, p, dash, "start address");
        int sp = line.indexOf(' ', dash);
        if (sp < 0) {
            throw new IllegalArgumentException("no permissions after the address range");
        }
        long end = hex(line, dash + 1, sp, "end address");
        if (Long.compareUnsigned(end, start) < 0) {
            throw new IllegalArgumentException("end address below start address");
        }
        p = sp + 1;
        if (line.length() < p + 5 || line.charAt(p + 4) != ' ') {
            throw new IllegalArgumentException("permissions must be 4 characters followed by a space");
        }
        Perms perms = Perms.parse(line.substring(p, p + 4));
        p += 5;
        sp = line.indexOf(' ', p);
        if (sp < 0) {
            throw new IllegalArgumentException("no device after the offset");
        }
        long offset = hex(line, p, sp, "offset");
        p = sp + 1;
        sp = line.indexOf(' ', p);
        if (sp < 0) {
            throw new IllegalArgumentException("no inode after the device");
        }
        int colon = line.indexOf(':', p);
        if (colon < 0 || colon > sp) {
            throw new IllegalArgumentException("device must be major:minor");
        }
        long major = hex(line, p, colon, "device major");
        long minor = hex(line, colon + 1, sp, "device minor");
        if (major > 0xfff || minor > 0xfffff) {
            throw new IllegalArgumentException("device number out of range");
        }
        p = sp + 1;
        int q = p;
        while (q < line.length() && line.charAt(q) >= '0' && line.charAt(q) <= '9') {
            q++;
        }
        if (q == p || q - p > 19) {
            throw new IllegalArgumentException("inode must be a decimal number");
        }
        long inode = Long.parseUnsignedLong(line.substring(p, q));
        String name = "";
        if (q < line.length()) {
            if (line.charAt(q) != ' ') {
                throw new IllegalArgumentException("inode must be followed by a space");
            }
            int n = q;
            while (n < line.length() && line.charAt(n) == ' ') {
                n++;
            }
            name = line.substring(n);
        }
        return new Header(number, start, end, perms, offset, (int) major, (int) minor, inode, name);
    }

    private static long hex(String s, int from, int to, String what) {
        if (from < 0 || to <= from || to - from > 16) {
            throw new IllegalArgumentException(what + " must be 1 to 16 hex digits");
        }
        long v = 0;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                throw new IllegalArgumentException(what + " must be hex digits");
            }
            v = (v << 4) | d;
        }
        return v;
    }
}
