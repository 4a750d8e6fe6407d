package dev.execray.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A tar writer at the byte level, for what tar libraries will not write: sparse entries in each of the formats GNU
 * tar has used (old GNU 'S' headers, PAX 0.0, 0.1 and 1.0), symlinks with any target, names that leave the root,
 * hard links to nothing. Each header is a ustar header with a correct checksum.
 */
public final class RawTar {
    /** A sparse file's data runs: {offset, length} pairs, each run filled with the given content byte pattern. */
    public record Run(long offset, byte[] data) {
    }

    public enum SparseFormat { OLD_GNU, PAX_0_0, PAX_0_1, PAX_1_0 }

    private final OutputStream out;

    public RawTar(OutputStream out) {
        this.out = out;
    }

    public static byte[] header(String name, long size, char type, String link, boolean gnuMagic) {
        byte[] h = new byte[512];
        put(h, 0, 100, name);
        octal(h, 100, 8, 0755);
        octal(h, 108, 8, 0);
        octal(h, 116, 8, 0);
        octal(h, 124, 12, size);
        octal(h, 136, 12, 1_700_000_000L);
        h[156] = (byte) type;
        put(h, 157, 100, link);
        if (gnuMagic) {
            put(h, 257, 8, "ustar  ");
        } else {
            put(h, 257, 6, "ustar");
            put(h, 263, 2, "00");
        }
        return h;
    }

    /** Fills in the checksum; call after every other field is set. */
    public static byte[] sum(byte[] h) {
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long s = 0;
        for (byte b : h) {
            s += b & 0xff;
        }
        String o = String.format("%06o", s);
        put(h, 148, 7, o);
        h[154] = 0;
        h[155] = ' ';
        return h;
    }

    private static void put(byte[] h, int at, int len, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, at, Math.min(len, b.length));
    }

    private static void octal(byte[] h, int at, int len, long v) {
        put(h, at, len - 1, String.format("%0" + (len - 1) + "o", v));
    }

    private void pad(long written) throws IOException {
        int rem = (int) (written % 512);
        if (rem != 0) {
            out.write(new byte[512 - rem]);
        }
    }

    public void entry(String name, char type, String link, byte[] data) throws IOException {
        if (name.length() > 99 || link.length() > 99) {
            pax(List.of("path=" + name, "linkpath=" + link));
        }
        out.write(sum(header(name.length() > 99 ? "long" : name, data.length, type, link.length() > 99 ? "long" : link, false)));
        out.write(data);
        pad(data.length);
    }

    public void file(String name, byte[] data) throws IOException {
        entry(name, '0', "", data);
    }

    public void symlink(String name, String target) throws IOException {
        entry(name, '2', target, new byte[0]);
    }

    public void hardlink(String name, String target) throws IOException {
        entry(name, '1', target, new byte[0]);
    }

    private void pax(List<String> records) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (String r : records) {
            int len = r.getBytes(StandardCharsets.UTF_8).length + 2;
            int total = len + String.valueOf(len).length();
            if (String.valueOf(total).length() != String.valueOf(len).length()) {
                total++;
            }
            b.writeBytes((total + " " + r + "\n").getBytes(StandardCharsets.UTF_8));
        }
        byte[] data = b.toByteArray();
        out.write(sum(header("PaxHeaders/x", data.length, 'x', "", false)));
        out.write(data);
        pad(data.length);
    }

    /** A sparse regular file of {@code realSize} bytes whose data are the runs, in the given format. */
    public void sparse(String name, long realSize, List<Run> given, SparseFormat format) throws IOException {
        // GNU tar ends every sparse map with an empty run at the real size, so that a trailing hole is explicit;
        // commons-compress needs it (without it a trailing hole reads as a truncated archive)
        List<Run> runs = new ArrayList<>(given);
        runs.add(new Run(realSize, new byte[0]));
        long stored = runs.stream().mapToLong(r -> r.data().length).sum();
        switch (format) {
            case PAX_1_0 -> {
                pax(List.of("GNU.sparse.major=1", "GNU.sparse.minor=0", "GNU.sparse.name=" + name,
                        "GNU.sparse.realsize=" + realSize));
                StringBuilder map = new StringBuilder().append(runs.size()).append('\n');
                runs.forEach(r -> map.append(r.offset()).append('\n').append(r.data().length).append('\n'));
                byte[] m = map.toString().getBytes(StandardCharsets.US_ASCII);
                long mapBlock = (m.length + 511) / 512 * 512;
                out.write(sum(header("GNUSparseFile.0/" + shortName(name), mapBlock + stored, '0', "", false)));
                out.write(m);
                pad(m.length);
            }
            case PAX_0_1 -> {
                List<String> map = new ArrayList<>();
                runs.forEach(r -> {
                    map.add(String.valueOf(r.offset()));
                    map.add(String.valueOf(r.data().length));
                });
                pax(List.of("path=" + name, "GNU.sparse.size=" + realSize, "GNU.sparse.numblocks=" + runs.size(),
                        "GNU.sparse.map=" + String.join(",", map)));
                out.write(sum(header("sparse01", stored, '0', "", false)));
            }
            case PAX_0_0 -> {
                List<String> recs = new ArrayList<>(List.of("path=" + name, "GNU.sparse.size=" + realSize,
                        "GNU.sparse.numblocks=" + runs.size()));
                runs.forEach(r -> {
                    recs.add("GNU.sparse.offset=" + r.offset());
                    recs.add("GNU.sparse.numbytes=" + r.data().length);
                });
                pax(recs);
                out.write(sum(header("sparse00", stored, '0', "", false)));
            }
            case OLD_GNU -> {
                if (runs.size() > 4) {
                    throw new IllegalArgumentException("old GNU headers here hold at most 4 runs");
                }
                byte[] h = header(name, stored, 'S', "", true);
                for (int i = 0; i < runs.size(); i++) {
                    octal(h, 386 + i * 24, 12, runs.get(i).offset());
                    octal(h, 386 + i * 24 + 12, 12, runs.get(i).data().length);
                }
                octal(h, 483, 12, realSize);
                out.write(sum(h));
            }
        }
        for (Run r : runs) {
            out.write(r.data());
        }
        pad(stored);
    }

    private static String shortName(String name) {
        int s = name.lastIndexOf('/');
        return s < 0 ? name : name.substring(s + 1);
    }

    /** The two zero blocks that end an archive. */
    public void finish() throws IOException {
        out.write(new byte[1024]);
        out.flush();
    }
}
