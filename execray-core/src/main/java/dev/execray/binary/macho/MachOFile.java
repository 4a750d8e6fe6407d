package dev.execray.binary.macho;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.binary.FileFormat;
import dev.execray.binary.FormatProblem;
import dev.execray.binary.ImageSection;
import dev.execray.binary.ImageSegment;
import dev.execray.binary.Lazy;
import dev.execray.binary.PartialList;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A thin Mach-O file, or one slice of a universal file (whose offsets are relative to the slice).
 * The header and load commands are read at once; the symbol table on first use.
 *
 * <p>Load commands are walked by {@code cmdsize} within {@code sizeofcmds}: a command too small to
 * hold its own header (a zero cmdsize would loop forever) or reaching past the commands' area ends
 * the walk with a recorded problem; the commands before it stay readable. A command whose body does
 * not fit its kind is kept as {@link LoadCommand.Other}, with a problem recorded.
 */
public final class MachOFile implements ExecutableImage {
    private final ByteSource source;
    private final MachHeader header;
    private final List<LoadCommand> loadCommands;
    private final List<FormatProblem> problems;
    /** Where this image starts in the file it was read from: non-zero for a slice of a universal file. */
    private final long base;
    private final Lazy<PartialList<MachSymbol>> symbols = new Lazy<>();

    private MachOFile(ByteSource source, MachHeader header, List<LoadCommand> loadCommands,
            List<FormatProblem> problems, long base) {
        this.source = source;
        this.base = base;
        this.header = header;
        this.loadCommands = List.copyOf(loadCommands);
        this.problems = problems.stream().map(p -> atFileOffset(p, base)).toList();
    }

    /** A problem found at an offset inside the image, moved to its offset in the file (the schema's promise). */
    private static FormatProblem atFileOffset(FormatProblem p, long base) {
        return base == 0 ? p : new FormatProblem(p.structure(), p.offset() + base, p.detail());
    }

    public static MachOFile read(ByteSource src) {
        return read(src, 0);
    }

    /**
     * Reads the image in {@code src}, which starts at offset {@code base} of its file: the problems' offsets
     * are given in the file, so that a slice's problem points at the same byte a hex dump of the file shows.
     */
    public static MachOFile read(ByteSource src, long base) {
        long be = src.withOrder(ByteOrder.BIG_ENDIAN).u32(0, "Mach-O header");
        ByteSource s;
        boolean is64;
        if (be == MachHeader.MH_MAGIC || be == MachHeader.MH_MAGIC_64) {
            s = src.withOrder(ByteOrder.BIG_ENDIAN);
            is64 = be == MachHeader.MH_MAGIC_64;
        } else if (be == 0xcefaedfeL || be == 0xcffaedfeL) {
            s = src.withOrder(ByteOrder.LITTLE_ENDIAN);
            is64 = be == 0xcffaedfeL;
        } else {
            throw new BinaryFormatException("Mach-O header", 0, String.format("not a Mach-O magic: 0x%08x", be));
        }
        String what = "Mach-O header";
        s.check(0, is64 ? 32 : 28, what);
        MachHeader h = new MachHeader(s.u32(0, what), s.s32(4, what), s.s32(8, what), s.u32(12, what),
                s.u32(16, what), s.u32(20, what), s.u32(24, what), is64 ? s.u32(28, what) : 0, is64);
        List<FormatProblem> problems = new ArrayList<>();
        List<LoadCommand> commands = readLoadCommands(s, h, problems);
        return new MachOFile(s, h, commands, problems, base);
    }

    private static List<LoadCommand> readLoadCommands(ByteSource s, MachHeader h, List<FormatProblem> problems) {
        List<LoadCommand> out = new ArrayList<>();
        List<Long> offsets = new ArrayList<>();
        long start = h.size();
        long sizeofcmds = h.sizeofcmds();
        try {
            s.check(start, sizeofcmds, "load commands (sizeofcmds " + sizeofcmds + ")");
            // every command is at least 8 bytes: this bounds ncmds before any allocation
            if (h.ncmds() > sizeofcmds / 8) {
                throw new BinaryFormatException("Mach-O header", 16, "ncmds " + h.ncmds()
                        + " commands cannot fit in sizeofcmds " + sizeofcmds);
            }
        } catch (BinaryFormatException e) {
            problems.add(FormatProblem.of(e));
            return out;
        }
        long end = start + sizeofcmds;
        long at = start;
        int align = h.is64() ? 8 : 4;
        for (long i = 0; i < h.ncmds(); i++) {
            String what = "load command " + i;
            if (at + 8 > end) {
                problems.add(new FormatProblem(what, at, "starts past the end of the load commands (sizeofcmds "
                        + sizeofcmds + ")"));
                break;
            }
            long cmd = s.u32(at, what);
            long cmdsize = s.u32(at + 4, what);
            if (cmdsize < 8) {
                problems.add(new FormatProblem(what, at, "cmdsize " + cmdsize + " is smaller than a command header"
                        + " (" + LoadCommandType.describe(cmd) + ")"));
                break;
            }
            if (cmdsize > end - at) {
                problems.add(new FormatProblem(what, at, "cmdsize " + cmdsize + " runs past the end of the load"
                        + " commands (sizeofcmds " + sizeofcmds + ")"));
                break;
            }
            if (cmdsize % align != 0) {
                problems.add(new FormatProblem(what, at, "cmdsize " + cmdsize + " is not a multiple of " + align));
            }
            ByteSource body = s.slice(at, cmdsize, what);
            try {
                out.add(LoadCommandReader.read(body, cmd, cmdsize));
            } catch (BinaryFormatException e) {
                problems.add(new FormatProblem(e.structure(), at + e.offset(), e.detail()));
                out.add(new LoadCommand.Other(cmd, cmdsize));
            }
            offsets.add(at);
            at += cmdsize;
        }
        MachOChecks.check(s, h, out, offsets, problems);
        return out;
    }

    // ---- the header and commands ---------------------------------------------------------------

    public MachHeader header() {
        return header;
    }

    public List<LoadCommand> loadCommands() {
        return loadCommands;
    }

    /** Malformations met in the load commands; the commands before them (and intact ones after) are kept. */
    public List<FormatProblem> problems() {
        return problems;
    }

    public <T extends LoadCommand> List<T> commands(Class<T> kind) {
        List<T> out = new ArrayList<>();
        for (LoadCommand c : loadCommands) {
            if (kind.isInstance(c)) {
                out.add(kind.cast(c));
            }
        }
        return out;
    }

    public <T extends LoadCommand> Optional<T> command(Class<T> kind) {
        return loadCommands.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    public List<LoadCommand.Segment> segments() {
        return commands(LoadCommand.Segment.class);
    }

    /** The dylibs this image loads, in load order (LC_ID_DYLIB, its own name, excluded). */
    public List<LoadCommand.Dylib> dylibs() {
        return commands(LoadCommand.Dylib.class).stream().filter(d -> !d.kind().equals("id")).toList();
    }

    /** LC_ID_DYLIB: the install name of a dynamic library. */
    public Optional<LoadCommand.Dylib> installName() {
        return commands(LoadCommand.Dylib.class).stream().filter(d -> d.kind().equals("id")).findFirst();
    }

    public List<String> rpaths() {
        return commands(LoadCommand.Rpath.class).stream().map(LoadCommand.Rpath::path).toList();
    }

    public Optional<String> uuid() {
        return command(LoadCommand.Uuid.class).map(LoadCommand.Uuid::uuid);
    }

    /** The LC_CODE_SIGNATURE command: where the signature blob lies (it is not verified here). */
    public Optional<LoadCommand.LinkeditData> codeSignature() {
        return commands(LoadCommand.LinkeditData.class).stream()
                .filter(c -> c.cmd() == LoadCommandType.CODE_SIGNATURE.value()).findFirst();
    }

    /** The minimum OS: platform and version from LC_BUILD_VERSION, else from LC_VERSION_MIN_*. */
    public Optional<MinimumOs> minimumOs() {
        Optional<LoadCommand.BuildVersion> bv = command(LoadCommand.BuildVersion.class);
        if (bv.isPresent()) {
            LoadCommand.BuildVersion b = bv.get();
            return Optional.of(new MinimumOs(b.platformName(), b.minos(), b.sdk(), LoadCommandType.BUILD_VERSION));
        }
        return command(LoadCommand.VersionMin.class).map(v -> new MinimumOs(v.platformName(), v.version(), v.sdk(),
                LoadCommandType.of(v.cmd()).orElse(LoadCommandType.VERSION_MIN_MACOSX)));
    }

    /** A platform and its minimum version and SDK, with the command that said so. */
    public record MinimumOs(String platform, long version, long sdk, LoadCommandType from) {
        public String versionText() {
            return MachVersion.os(version);
        }

        public String sdkText() {
            return MachVersion.os(sdk);
        }
    }

    public boolean isEncrypted() {
        return commands(LoadCommand.EncryptionInfo.class).stream().anyMatch(e -> e.cryptid() != 0);
    }

    // ---- symbols -------------------------------------------------------------------------------

    /** LC_SYMTAB's entries, with names from its string table. Empty when there is no LC_SYMTAB. */
    public PartialList<MachSymbol> symbols() {
        return symbols.get(this, MachOFile::readSymbolsInFile);
    }

    /** The symbols with their problems' offsets in the file (a fat slice's own offsets start at {@code base}). */
    private PartialList<MachSymbol> readSymbolsInFile() {
        PartialList<MachSymbol> read = readSymbols();
        if (read.isComplete() || base == 0) {
            return read;
        }
        return new PartialList<>(read.entries(), read.problems().stream().map(p -> atFileOffset(p, base)).toList());
    }

    private PartialList<MachSymbol> readSymbols() {
        List<MachSymbol> out = new ArrayList<>();
        Optional<LoadCommand.Symtab> st = command(LoadCommand.Symtab.class);
        if (st.isEmpty()) {
            return PartialList.complete(out);
        }
        LoadCommand.Symtab t = st.get();
        int entry = header.is64() ? 16 : 12;
        try {
            int n = source.checkTable(t.symoff(), t.nsyms(), entry, "LC_SYMTAB symbol table");
            source.check(t.stroff(), t.strsize(), "LC_SYMTAB string table");
            long strEnd = t.stroff() + t.strsize();
            for (int i = 0; i < n; i++) {
                long e = t.symoff() + (long) i * entry;
                String what = "symbol " + i;
                long strx = source.u32(e, what);
                String name;
                if (strx == 0) {
                    name = "";
                } else if (strx >= t.strsize()) {
                    throw new BinaryFormatException(what, e, "n_strx " + strx + " is past the string table of "
                            + t.strsize() + " bytes");
                } else {
                    name = source.cString(t.stroff() + strx, strEnd, what + " name");
                }
                long value = header.is64() ? source.u64(e + 8, what) : source.u32(e + 8, what);
                out.add(new MachSymbol(name, source.u8(e + 4, what), source.u8(e + 5, what), source.u16(e + 6, what),
                        value));
            }
        } catch (BinaryFormatException e) {
            return PartialList.broken(out, FormatProblem.of(e));
        }
        return PartialList.complete(out);
    }

    // ---- ExecutableImage -----------------------------------------------------------------------

    @Override
    public ByteSource source() {
        return source;
    }

    @Override
    public ByteOrder byteOrder() {
        return source.order();
    }

    @Override
    public int pointerSize() {
        return header.is64() ? 8 : 4;
    }

    @Override
    public List<ImageSection> sections() {
        List<ImageSection> out = new ArrayList<>();
        for (LoadCommand.Segment seg : segments()) {
            for (MachSection sec : seg.sections()) {
                out.add(new ImageSection(sec.sectname(), sec.addr(), sec.size(), sec.offset(),
                        sec.isZeroFill() ? 0 : sec.size()));
            }
        }
        return out;
    }

    @Override
    public FileFormat format() {
        return FileFormat.MACHO;
    }

    /** The LC_SEGMENT(_64) commands; {@code formatFlags} is {@code initprot | maxprot << 8}. */
    @Override
    public List<ImageSegment> loadSegments() {
        List<ImageSegment> out = new ArrayList<>();
        for (LoadCommand.Segment s : segments()) {
            out.add(new ImageSegment(s.segname(), s.vmaddr(), s.vmsize(), s.fileoff(), s.filesize(),
                    (s.initprot() & 1) != 0, (s.initprot() & 2) != 0, (s.initprot() & 4) != 0,
                    (s.initprot() & 0xffL) | ((s.maxprot() & 0xffL) << 8)));
        }
        return out;
    }

    /** In the words the other formats use (x86-64, i386, AArch64, ARM, PowerPC64), else Apple's arch name. */
    @Override
    public String machine() {
        return CpuType.of(header.cputype()).map(t -> switch (t) {
            case X86 -> "i386";
            case X86_64 -> "x86-64";
            case ARM64 -> "AArch64";
            case ARM -> "ARM";
            case POWERPC64 -> "PowerPC64";
            case POWERPC -> "PowerPC";
            default -> header.arch();
        }).orElse(header.arch());
    }

    @Override
    public boolean positionIndependent() {
        return header.has(MachFlag.PIE);
    }

    /** dyld, as LC_LOAD_DYLINKER names it: the Mach-O counterpart of PT_INTERP. */
    @Override
    public Optional<String> interpreter() {
        return commands(LoadCommand.Dylinker.class).stream()
                .filter(d -> d.cmd() == LoadCommandType.LOAD_DYLINKER.value()).map(LoadCommand.Dylinker::name)
                .findFirst();
    }

    @Override
    public List<String> neededLibraries() {
        return dylibs().stream().map(LoadCommand.Dylib::name).toList();
    }

    @Override
    public boolean hasSymbolTable() {
        return command(LoadCommand.Symtab.class).map(t -> t.nsyms() > 0).orElse(false);
    }

    /** A defined (N_SECT) symbol's address; names as stored, so C symbols carry their leading underscore. */
    @Override
    public Optional<Long> symbolAddress(String name) {
        for (MachSymbol s : symbols().entries()) {
            if (!s.isStab() && (s.type() & MachSymbol.N_TYPE) == 0xe && s.name().equals(name)) {
                return Optional.of(s.value());
            }
        }
        return Optional.empty();
    }

    /** Through the segments: a section-less address (a Go segment's data) still maps. */
    @Override
    public Optional<Long> fileOffsetOf(long address) {
        for (LoadCommand.Segment seg : segments()) {
            long delta = address - seg.vmaddr();
            if (Long.compareUnsigned(address, seg.vmaddr()) >= 0 && Long.compareUnsigned(delta, seg.vmsize()) < 0) {
                if (Long.compareUnsigned(delta, seg.filesize()) < 0) {
                    long off = seg.fileoff() + delta;
                    return source.contains(off, 1) ? Optional.of(off) : Optional.empty();
                }
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
