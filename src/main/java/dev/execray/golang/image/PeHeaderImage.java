package dev.execray.golang.image;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.ExecutableImage;
import dev.execray.binary.FileFormat;
import dev.execray.binary.ImageSection;
import dev.execray.binary.ImageSegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * PE: COFF header, optional-header image base and section table (with long "/nnn" names resolved through
 * the COFF string table, as Go's linker writes them). Section addresses are absolute (image base + RVA).
 */
final class PeHeaderImage implements ExecutableImage {
    private final ByteSource src;
    private final boolean pe32plus;
    private final int machine;
    private final int dllCharacteristics;
    private final int symbolCount;
    private final List<ImageSection> sections;
    private final List<ImageSegment> segments;

    private PeHeaderImage(ByteSource src, boolean pe32plus, int machine, int dllCharacteristics, int symbolCount,
            List<ImageSection> sections, List<ImageSegment> segments) {
        this.src = src;
        this.pe32plus = pe32plus;
        this.machine = machine;
        this.dllCharacteristics = dllCharacteristics;
        this.symbolCount = symbolCount;
        this.sections = sections;
        this.segments = segments;
    }

    static PeHeaderImage read(ByteSource raw) {
        ByteSource s = raw.withOrder(ByteOrder.LITTLE_ENDIAN);
        long lfanew = s.u32(0x3c, "e_lfanew");
        if (s.u32(lfanew, "PE signature") != 0x00004550L) {
            throw new BinaryFormatException("PE signature", lfanew, "missing \"PE\\0\\0\"");
        }
        long coff = lfanew + 4;
        int machine = s.u16(coff, "Machine");
        int nsec = s.u16(coff + 2, "NumberOfSections");
        long symPtr = s.u32(coff + 8, "PointerToSymbolTable");
        long nsym = s.u32(coff + 12, "NumberOfSymbols");
        int optSize = s.u16(coff + 16, "SizeOfOptionalHeader");
        long opt = coff + 20;
        int magic = optSize >= 2 ? s.u16(opt, "optional header Magic") : 0;
        boolean plus = magic == 0x20b;
        if (magic != 0x10b && magic != 0x20b) {
            throw new BinaryFormatException("optional header", opt, String.format("Magic 0x%x is neither PE32 nor PE32+", magic));
        }
        long imageBase = plus ? s.u64(opt + 24, "ImageBase") : s.u32(opt + 28, "ImageBase");
        int dllChars = s.u16(opt + 70, "DllCharacteristics");
        long strtab = symPtr == 0 ? -1 : symPtr + nsym * 18;
        long secTab = opt + optSize;
        int n = s.checkTable(secTab, nsec, 40, "section table");
        List<ImageSection> secs = new ArrayList<>();
        List<ImageSegment> segs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long o = secTab + 40L * i;
            String name = s.fixedString(o, 8, "section Name");
            if (name.startsWith("/") && strtab >= 0) {
                try {
                    long idx = Long.parseLong(name.substring(1));
                    if (s.contains(strtab + idx, 1)) {
                        name = s.cString(strtab + idx, s.size(), "section long name");
                    }
                } catch (NumberFormatException e) {
                    // keep the short form: "/xyz" that is not a number is just a name
                }
            }
            long vsize = s.u32(o + 8, "VirtualSize");
            long va = s.u32(o + 12, "VirtualAddress");
            long rawSize = s.u32(o + 16, "SizeOfRawData");
            long rawPtr = s.u32(o + 20, "PointerToRawData");
            long ch = s.u32(o + 36, "Characteristics");
            secs.add(new ImageSection(name, imageBase + va, vsize, rawPtr, rawSize));
            segs.add(new ImageSegment(name, imageBase + va, vsize, rawPtr, rawSize, (ch & 0x40000000L) != 0,
                    (ch & 0x80000000L) != 0, (ch & 0x20000000L) != 0, ch));
        }
        int symCount = nsym > Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) nsym;
        return new PeHeaderImage(s, plus, machine, dllChars, symCount, List.copyOf(secs), List.copyOf(segs));
    }

    @Override
    public ByteSource source() {
        return src;
    }

    @Override
    public ByteOrder byteOrder() {
        return ByteOrder.LITTLE_ENDIAN;
    }

    @Override
    public int pointerSize() {
        return pe32plus ? 8 : 4;
    }

    @Override
    public List<ImageSection> sections() {
        return sections;
    }

    @Override
    public List<ImageSegment> loadSegments() {
        return segments;
    }

    @Override
    public Optional<Long> fileOffsetOf(long address) {
        for (ImageSegment seg : segments) {
            if (seg.containsFileBackedAddress(address)) {
                return Optional.of(seg.fileOffset() + (address - seg.address()));
            }
        }
        return Optional.empty();
    }

    @Override
    public FileFormat format() {
        return FileFormat.PE;
    }

    @Override
    public String machine() {
        return switch (machine) {
            case 0x14c -> "i386";
            case 0x8664 -> "x86-64";
            case 0x1c0, 0x1c4 -> "ARM";
            case 0xaa64 -> "AArch64";
            default -> String.format("machine 0x%x", machine);
        };
    }

    @Override
    public boolean positionIndependent() {
        return (dllCharacteristics & 0x40) != 0; // IMAGE_DLLCHARACTERISTICS_DYNAMIC_BASE
    }

    @Override
    public boolean hasSymbolTable() {
        return symbolCount > 0;
    }
}
