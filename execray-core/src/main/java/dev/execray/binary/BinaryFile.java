package dev.execray.binary;

import java.util.ArrayList;
import java.util.List;
import dev.execray.binary.archive.ArchiveFile;

import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.macho.FatMachOFile;
import dev.execray.binary.pe.CoffObjectFile;
import dev.execray.binary.macho.MachOFile;
import dev.execray.binary.pe.PeFile;
import dev.execray.binary.wasm.WasmFile;
import dev.execray.binary.xcoff.XcoffFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * What a file is, decided by its magic number as the kernel decides it, together with the reader for
 * that format. The one entry point for "open this file and tell me what it is".
 */
public sealed interface BinaryFile {

    FileFormat format();

    /**
     * Every malformation met reading the file, in every view that was or can be read (the whole file is read for
     * it): empty when the file is clean. The one meaning of "problems" across formats; inspect exits 3 when it
     * is not empty.
     */
    List<FormatProblem> problems();

    /** An ELF file (executable, shared object, relocatable object, core dump). */
    record Elf(ElfFile elf) implements BinaryFile {
        @Override
        public List<FormatProblem> problems() {
            return elf.problems();
        }

        @Override
        public FileFormat format() {
            return FileFormat.ELF;
        }
    }

    /** A PE image (PE32 or PE32+): Windows executables and DLLs, EFI applications. */
    record Pe(PeFile pe) implements BinaryFile {
        @Override
        public List<FormatProblem> problems() {
            List<FormatProblem> out = new ArrayList<>(pe.problems());
            out.addAll(pe.imports().problems());
            out.addAll(pe.delayImports().problems());
            out.addAll(pe.exports().problems());
            out.addAll(pe.debugEntries().problems());
            return out;
        }

        @Override
        public FileFormat format() {
            return FileFormat.PE;
        }
    }

    /** A thin Mach-O file. */
    record MachO(MachOFile macho) implements BinaryFile {
        @Override
        public List<FormatProblem> problems() {
            return machOProblems(macho);
        }

        @Override
        public FileFormat format() {
            return FileFormat.MACHO;
        }
    }

    /** A universal (fat) Mach-O file: one Mach-O slice per architecture. */
    record Fat(FatMachOFile fat) implements BinaryFile {
        @Override
        public List<FormatProblem> problems() {
            List<FormatProblem> out = new ArrayList<>(fat.problems());
            for (var slice : fat.slices()) {
                slice.problem().ifPresent(out::add);
                slice.archive().ifPresent(a -> out.addAll(archiveSlice(a).problems()));
                slice.file().ifPresent(m -> out.addAll(machOProblems(m)));
            }
            return out;
        }

        /** A slice that is a static archive, its members read from this file's bytes (offsets in the file). */
        public Archive archiveSlice(ArchiveFile archive) {
            return new Archive(archive, ArchiveMember.readAll(archive, fat.source()));
        }

        @Override
        public FileFormat format() {
            return FileFormat.FAT;
        }
    }

    /** An XCOFF file (AIX): XCOFF32 or XCOFF64. */
    record Xcoff(XcoffFile xcoff) implements BinaryFile {
        @Override
        public List<FormatProblem> problems() {
            return xcoff.problems();
        }

        @Override
        public FileFormat format() {
            return FileFormat.XCOFF;
        }
    }

    /**
     * A static archive (!<arch> or a thin !<thin>): members, long names and the symbol index; {@code contents} holds
     * each member read with the object readers, in archive order.
     */
    record Archive(ArchiveFile archive, java.util.List<ArchiveMember> contents) implements BinaryFile {
        static Archive read(ByteSource bytes) {
            ArchiveFile a = ArchiveFile.read(bytes);
            return new Archive(a, ArchiveMember.readAll(a, bytes));
        }

        /** The archive at {@code path}; a thin archive's members are read from their files next to it. */
        static Archive open(Path path) throws IOException {
            ByteSource bytes = ByteSource.open(path);
            ArchiveFile a = ArchiveFile.read(bytes);
            Path dir = path.toAbsolutePath().getParent();
            return new Archive(a, ArchiveMember.readAll(a, bytes, java.util.Optional.ofNullable(dir)));
        }

        /** The archive's own problems, then each member's that could not be read or is malformed. */
        @Override
        public List<FormatProblem> problems() {
            List<FormatProblem> out = new ArrayList<>(archive.problems());
            out.addAll(memberProblems());
            return out;
        }

        public List<FormatProblem> memberProblems() {
            List<FormatProblem> out = new ArrayList<>();
            for (ArchiveMember c : contents) {
                if (c instanceof ArchiveMember.Malformed m) {
                    out.add(m.problem());
                } else if (c instanceof ArchiveMember.Unreadable u) {
                    out.add(u.problem());
                }
            }
            return out;
        }

        @Override
        public FileFormat format() {
            return FileFormat.ARCHIVE;
        }
    }

    /** A bare COFF object file (.obj): machine, sections, symbols, relocation counts. */
    record Coff(CoffObjectFile coff) implements BinaryFile {
        @Override
        public List<FormatProblem> problems() {
            List<FormatProblem> out = new ArrayList<>(coff.problems());
            out.addAll(coff.symbols().problems());
            return out;
        }

        @Override
        public FileFormat format() {
            return FileFormat.COFF;
        }
    }

    /** A WebAssembly module or component. */
    record Wasm(WasmFile wasm) implements BinaryFile {
        @Override
        public List<FormatProblem> problems() {
            return wasm.problems();
        }

        @Override
        public FileFormat format() {
            return FileFormat.WASM;
        }
    }

    /**
     * A file starting with {@code #!}: the kernel's binfmt_script runs the interpreter named on the
     * first line. {@code firstLine} is that line as stored, without its newline (at most
     * {@link Magic#HEAD_SIZE} bytes).
     */
    record Script(String firstLine) implements BinaryFile {
        @Override
        public List<FormatProblem> problems() {
            return List.of();
        }

        @Override
        public FileFormat format() {
            return FileFormat.SCRIPT;
        }
    }

    /** Nothing execray reads: {@code reason} says what the first bytes looked like. */
    record Unknown(String reason) implements BinaryFile {
        @Override
        public List<FormatProblem> problems() {
            return List.of();
        }

        @Override
        public FileFormat format() {
            return FileFormat.UNKNOWN;
        }
    }

    private static List<FormatProblem> machOProblems(MachOFile m) {
        List<FormatProblem> out = new ArrayList<>(m.problems());
        out.addAll(m.symbols().problems());
        return out;
    }

    /**
     * Identifies and opens {@code path}.
     *
     * @throws IOException when the file cannot be read
     * @throws BinaryFormatException when the magic says a format whose header is then malformed
     */
    static BinaryFile open(Path path) throws IOException {
        byte[] head = ByteSource.head(path, Magic.HEAD_SIZE);
        Magic.Detected d = Magic.detect(head);
        return switch (d.format()) {
            case ELF -> new Elf(ElfFile.read(ByteSource.open(path)));
            case PE -> new Pe(PeFile.read(ByteSource.open(path)));
            case MACHO -> new MachO(MachOFile.read(ByteSource.open(path)));
            case FAT -> new Fat(FatMachOFile.read(ByteSource.open(path)));
            case XCOFF -> new Xcoff(XcoffFile.read(ByteSource.open(path)));
            case WASM -> new Wasm(WasmFile.read(ByteSource.open(path)));
            case ARCHIVE -> Archive.open(path);
            case COFF -> new Coff(CoffObjectFile.read(ByteSource.open(path)));
            case SCRIPT -> new Script(firstLine(head));
            default -> new Unknown(d.reason());
        };
    }

    /** Identifies and reads bytes already in memory. */
    static BinaryFile read(ByteSource source) {
        byte[] head = source.bytes(0, (int) Math.min(Magic.HEAD_SIZE, source.size()), "file head");
        Magic.Detected d = Magic.detect(head);
        return switch (d.format()) {
            case ELF -> new Elf(ElfFile.read(source));
            case PE -> new Pe(PeFile.read(source));
            case MACHO -> new MachO(MachOFile.read(source));
            case FAT -> new Fat(FatMachOFile.read(source));
            case XCOFF -> new Xcoff(XcoffFile.read(source));
            case WASM -> new Wasm(WasmFile.read(source));
            case ARCHIVE -> Archive.read(source);
            case COFF -> new Coff(CoffObjectFile.read(source));
            case SCRIPT -> new Script(firstLine(head));
            default -> new Unknown(d.reason());
        };
    }

    private static String firstLine(byte[] head) {
        int n = 0;
        while (n < head.length && head[n] != '\n') {
            n++;
        }
        return RawText.decode(head, 0, n);
    }
}
