package dev.execray.binary.elf;

import dev.execray.binary.ByteSource;
import dev.execray.binary.FormatProblem;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** Reads notes from SHT_NOTE sections, or from PT_NOTE segments. */
final class NoteReader {
    /** No note descriptor execray reads is larger; bigger ones are kept only by their size. */
    private static final int MAX_DESC = 1 << 20;

    private NoteReader() {
    }

    static List<NoteGroup> read(ElfFile elf, List<FormatProblem> problems) {
        List<NoteGroup> out = new ArrayList<>();
        boolean core = elf.header().type().is(ElfType.CORE);
        if (!core) {
            for (SectionHeader sh : elf.sectionHeaders()) {
                if (sh.type().is(SectionType.NOTE)) {
                    out.add(group(elf, Optional.of(sh), sh.offset(), sh.size(), sh.addralign(), problems));
                }
            }
            if (!out.isEmpty()) {
                return Collections.unmodifiableList(out);
            }
        }
        for (ProgramHeader ph : elf.programHeaders()) {
            if (ph.type().is(SegmentType.NOTE)) {
                out.add(group(elf, Optional.empty(), ph.offset(), ph.filesz(), ph.align(), problems));
            }
        }
        return Collections.unmodifiableList(out);
    }

    private static NoteGroup group(ElfFile elf, Optional<SectionHeader> section, long offset, long length,
            long align, List<FormatProblem> problems) {
        ByteSource src = elf.source();
        String where = section.map(s -> "note section " + s.name()).orElse("note segment");
        List<Note> notes = new ArrayList<>();
        if (length == 0) {
            return new NoteGroup(section, offset, length, List.of());
        }
        if (!src.contains(offset, length)) {
            problems.add(new FormatProblem(where, offset, Long.toUnsignedString(length)
                    + " bytes do not lie within the file (size " + src.size() + ")"));
            return new NoteGroup(section, offset, length, List.of());
        }
        // gABI says 4 in ELF32 and 8 in ELF64; Linux also uses 4 in ELF64, and 0 or 1 mean 4
        long a = align < 4 ? 4 : align;
        if (a != 4 && a != 8) {
            problems.add(new FormatProblem(where, offset, "note alignment " + align + " is neither 4 nor 8"));
            return new NoteGroup(section, offset, length, List.of());
        }
        boolean core = elf.header().type().is(ElfType.CORE);
        long end = offset + length;
        long p = offset;
        while (p < end) {
            if (end - p < 12) {
                problems.add(new FormatProblem(where, p, "only " + (end - p)
                        + " bytes remain, not enough for a note header"));
                break;
            }
            long namesz = src.u32(p, "note");
            long descsz = src.u32(p + 4, "note");
            long type = src.u32(p + 8, "note");
            long nameAt = p + 12;
            long descAt = alignUp(nameAt + namesz, a);
            long next = alignUp(descAt + descsz, a);
            if (descAt > end || descsz > end - descAt || next < descAt) {
                problems.add(new FormatProblem(where, p, "note with namesz 0x" + Long.toHexString(namesz)
                        + " and descsz 0x" + Long.toHexString(descsz) + " runs past the end of its "
                        + (section.isPresent() ? "section" : "segment")));
                break;
            }
            String name = "";
            byte[] nameData = namesz <= MAX_DESC ? src.bytes(nameAt, (int) namesz, "note name") : new byte[0];
            if (namesz > 0) {
                int n = 0;
                while (n < namesz && src.u8(nameAt + n, "note name") != 0) {
                    n++;
                }
                name = dev.execray.binary.RawText.decode(src.bytes(nameAt, n, "note name"));
            }
            byte[] desc = descsz <= MAX_DESC ? src.bytes(descAt, (int) descsz, "note descriptor") : new byte[0];
            String typeName = NoteNames.typeName(name, type, namesz > 0, core);
            notes.add(new Note(p, name, type, typeName, descsz, desc, content(elf, name, type, desc), nameData));
            p = next;
        }
        return new NoteGroup(section, offset, length, Collections.unmodifiableList(notes));
    }

    private static long alignUp(long v, long a) {
        return (v + a - 1) & -a;
    }

    static NoteContent content(ElfFile elf, String name, long type, byte[] d) {
        boolean le = elf.byteOrder() == ByteOrder.LITTLE_ENDIAN;
        if (name.equals("GNU")) {
            switch ((int) type) {
                case Note.NT_GNU_BUILD_ID:
                    return new NoteContent.BuildId(hex(d));
                case Note.NT_GNU_ABI_TAG:
                    if (d.length >= 16) {
                        long os = u32(d, 0, le);
                        return new NoteContent.AbiTag(os, abiOsName(os), u32(d, 4, le), u32(d, 8, le), u32(d, 12, le));
                    }
                    break;
                case Note.NT_GNU_GOLD_VERSION:
                    return new NoteContent.GoldVersion(cString(d));
                case Note.NT_GNU_PROPERTY_TYPE_0:
                    return properties(d, elf.wordSize(), le);
                default:
                    break;
            }
        } else if (name.equals("CORE") && type == NT_FILE) {
            return mappedFiles(d, elf.wordSize(), le);
        } else if (name.equals("Go") && type == Note.NT_GO_BUILDID) {
            return new NoteContent.GoBuildId(cString(d));
        } else if (name.equals("FreeBSD") && type == 1 && d.length >= 4) {
            return new NoteContent.FreeBsdAbiTag(u32(d, 0, le));
        } else if (name.equals("NetBSD") && type == 1 && d.length >= 4) {
            return new NoteContent.NetBsdIdent(u32(d, 0, le));
        } else if (name.equals("OpenBSD") && type == 1 && d.length >= 4) {
            return new NoteContent.OpenBsdIdent(u32(d, 0, le));
        }
        return new NoteContent.Other();
    }

    /** NT_FILE ("FILE"), a CORE note. */
    static final long NT_FILE = 0x46494c45L;

    /**
     * NT_FILE: count and page size (words), count {start, end, file offset in pages} word triples, then count
     * NUL-terminated paths. The count is checked against the descriptor's size before anything is allocated by it.
     */
    static NoteContent.MappedFiles mappedFiles(byte[] d, int word, boolean le) {
        if (d.length < 2 * word) {
            return new NoteContent.MappedFiles(0, List.of(), true);
        }
        long count = word(d, 0, word, le);
        long pageSize = word(d, word, word, le);
        long fit = (d.length - 2L * word) / (3L * word);
        boolean corrupt = Long.compareUnsigned(count, fit) > 0;
        int n = (int) (corrupt ? fit : count);
        List<NoteContent.MappedFile> files = new ArrayList<>(n);
        int names = 2 * word + 3 * word * n;
        for (int i = 0; i < n; i++) {
            int at = 2 * word + 3 * word * i;
            int end = names;
            while (end < d.length && d[end] != 0) {
                end++;
            }
            if (end >= d.length) {
                corrupt = true; // the name runs past the descriptor
                break;
            }
            files.add(new NoteContent.MappedFile(word(d, at, word, le), word(d, at + word, word, le),
                    word(d, at + 2 * word, word, le), dev.execray.binary.RawText.decode(d, names, end - names)));
            names = end + 1;
        }
        return new NoteContent.MappedFiles(pageSize, Collections.unmodifiableList(files), corrupt);
    }

    private static long word(byte[] d, int i, int word, boolean le) {
        if (word == 4) {
            return u32(d, i, le);
        }
        long lo = u32(d, le ? i : i + 4, le);
        long hi = u32(d, le ? i + 4 : i, le);
        return hi << 32 | lo;
    }

    /** GNU property list: type, datasz, data padded to the word size; a malformed list keeps what came before. */
    static NoteContent.GnuProperties properties(byte[] d, int word, boolean le) {
        List<GnuProperty> props = new ArrayList<>();
        if (d.length < 8 || d.length % word != 0) {
            return new NoteContent.GnuProperties(List.of(),
                    Optional.of(new NoteContent.GnuProperties.Corruption.BadSize(d.length)));
        }
        int p = 0;
        Optional<NoteContent.GnuProperties.Corruption> corrupt = Optional.empty();
        while (p < d.length) {
            if (d.length - p < 8) {
                corrupt = Optional.of(new NoteContent.GnuProperties.Corruption.Truncated(d.length));
                break;
            }
            long type = u32(d, p, le);
            long size = u32(d, p + 4, le);
            p += 8;
            if (size > d.length - p) {
                corrupt = Optional.of(new NoteContent.GnuProperties.Corruption.DataOverrun(type, size));
                props.add(new GnuProperty(type, new byte[0], le));
                break;
            }
            props.add(new GnuProperty(type, java.util.Arrays.copyOfRange(d, p, p + (int) size), le));
            p += (int) ((size + word - 1) & -word);
        }
        return new NoteContent.GnuProperties(Collections.unmodifiableList(props), corrupt);
    }

    static String abiOsName(long os) {
        return switch ((int) os) {
            case 0 -> "Linux";
            case 1 -> "Hurd";
            case 2 -> "Solaris";
            case 3 -> "FreeBSD";
            case 4 -> "NetBSD";
            case 5 -> "Syllable";
            case 6 -> "NaCl";
            default -> "Unknown";
        };
    }

    static long u32(byte[] d, int i, boolean le) {
        return le ? (d[i] & 0xffL) | (d[i + 1] & 0xffL) << 8 | (d[i + 2] & 0xffL) << 16 | (d[i + 3] & 0xffL) << 24
                : (d[i + 3] & 0xffL) | (d[i + 2] & 0xffL) << 8 | (d[i + 1] & 0xffL) << 16 | (d[i] & 0xffL) << 24;
    }

    private static String cString(byte[] d) {
        int n = 0;
        while (n < d.length && d[n] != 0) {
            n++;
        }
        return dev.execray.binary.RawText.decode(d, 0, n);
    }

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    static String hex(byte[] d) {
        char[] c = new char[d.length * 2];
        for (int i = 0; i < d.length; i++) {
            c[2 * i] = HEX[(d[i] >> 4) & 0xf];
            c[2 * i + 1] = HEX[d[i] & 0xf];
        }
        return new String(c);
    }
}
