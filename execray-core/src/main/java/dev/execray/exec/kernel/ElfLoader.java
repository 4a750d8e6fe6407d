package dev.execray.exec.kernel;

import dev.execray.exec.verdict.Cause;
import dev.execray.exec.verdict.ExecStep;
import dev.execray.exec.verdict.Stage;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.binary.elf.ElfClass;
import dev.execray.binary.elf.ElfData;
import dev.execray.binary.elf.ProgramHeader;
import dev.execray.binary.elf.SegmentType;
import dev.execray.rootfs.Credentials;
import dev.execray.rootfs.Errno;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import dev.execray.place.Arch;
import dev.execray.place.KernelFeatures;
import dev.execray.place.KernelVersion;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * load_elf_binary() for one handler, up to and just past the point of no return (K:
 * fs/binfmt_elf.c, v5.8–v6.18; the checks before begin_new_exec() have been stable since): magic,
 * e_type, elf_check_arch, the program header table (entry size, count against ELF_MIN_ALIGN, read
 * from the file), the first PT_INTERP (length, NUL, open, its header), then the interpreter's magic,
 * machine and program headers (ELIBBAD), arm64's GNU property note. Past begin_new_exec() an error
 * can no longer be returned and the process is killed with SIGSEGV: the segment mappings are checked
 * for what makes mmap() fail there (offset and address not congruent modulo the page size,
 * p_filesz > p_memsz, an ET_DYN without PT_LOAD, an interpreter that is not ET_EXEC or ET_DYN).
 * Only the ELF header and program headers are read, as the kernel does; section headers never
 * matter here.
 */
public final class ElfLoader {
    private final ElfHandler handler;
    private final KernelFeatures features;
    private final int pageSize;
    private final KernelVersion kernel;
    private final ByteOrder order;
    private final RootFs root;
    private final String cwd;
    private final Credentials creds;
    final List<ExecStep> steps = new ArrayList<>();

    public ElfLoader(ElfHandler handler, KernelFeatures features, int pageSize, KernelVersion kernel, RootFs root, String cwd,
            Credentials creds) {
        this.handler = handler;
        this.features = features;
        this.pageSize = pageSize;
        this.kernel = kernel;
        this.order = handler.arch().endian().order();
        this.root = root;
        this.cwd = cwd;
        this.creds = creds;
    }

    public sealed interface Outcome {
    }

    /** ENOEXEC: not for this handler; the next one is tried. */
    /** What went wrong with the segments after the point of no return, and why in words. */
    public record Mapping(Cause cause, String why) {
    }

    /** Why a handler passed a file on: the simulator ends with a cause chosen from these, not from words. */
    enum Refusal {
        NO_MAGIC, TYPE, MACHINE, NO_COMPAT, FDPIC, PROGRAM_HEADERS, INTERP_SIZE,
        /** The e_type check failed only because the file is in the other byte order: a program for another machine. */
        BYTE_ORDER
    }

    public record NotMine(Refusal refusal, String why) implements Outcome {
    }

    /** An error returned by execve(). */
    /** {@code cause} when the open of PT_INTERP said more than the errno (a noexec mount). */
    public record Error(Stage stage, Errno errno, String why, Optional<Cause> cause) implements Outcome {
        Error(Stage stage, Errno errno, String why) {
            this(stage, errno, why, Optional.empty());
        }

    }

    /** Mapped; {@code killed} says why the new process dies at once, if it does. */
    public record Loaded(Optional<String> loader, Optional<String> loaderCanonical, Optional<Mapping> killed,
            Optional<Mapping> crashes) implements Outcome {
    }

    private String label() {
        return handler.name();
    }

    public Outcome load(byte[] buf, String canonical, FileWindow file) {
        try {
            return loadOrThrow(buf, file);
        } catch (RootFsException e) {
            steps.add(ExecStep.failed(Stage.ELF, canonical, "cannot read", e.errno(), e.getMessage()));
            return new Error(Stage.ELF, e.errno(), canonical + ": " + e.getMessage());
        }
    }

    /**
     * The kernel reads e_type in its own byte order, so a program of the other byte order fails the type check
     * before the machine check is reached. Read in the order its EI_DATA names, such a file's e_type says what it
     * really is: when that is a program or shared object, the refusal is about the machine, and is said so.
     */
    private Optional<String> foreignByteOrder(byte[] hb, KernelElfHeader h) {
        ByteOrder own = h.identData() == ElfData.MSB.value() ? ByteOrder.BIG_ENDIAN
                : h.identData() == ElfData.LSB.value() ? ByteOrder.LITTLE_ENDIAN : order;
        if (own == order) {
            return Optional.empty();
        }
        KernelElfHeader mine = KernelElfHeader.read(hb, handler.elfClass(), own);
        if (!mine.isExec() && !mine.isDyn()) {
            return Optional.empty();
        }
        return Optional.of("a " + (own == ByteOrder.BIG_ENDIAN ? "big" : "little") + "-endian ELF file for "
                + dev.execray.binary.elf.ElfMachine.of(mine.machine()).name() + ", whose header this kernel reads in its own "
                + (order == ByteOrder.BIG_ENDIAN ? "big" : "little") + "-endian order");
    }

    private Outcome loadOrThrow(byte[] buf, FileWindow file) throws RootFsException {
        int hsize = KernelElfHeader.size(handler.elfClass());
        byte[] hb = new byte[Math.max(hsize, buf.length)];
        System.arraycopy(buf, 0, hb, 0, Math.min(buf.length, hb.length));
        KernelElfHeader h = KernelElfHeader.read(hb, handler.elfClass(), order);
        if (!h.hasElfMagic()) {
            return new NotMine(Refusal.NO_MAGIC, "no ELF magic");
        }
        if (!h.isExec() && !h.isDyn()) {
            Optional<String> foreign = foreignByteOrder(hb, h);
            if (foreign.isPresent()) {
                return new NotMine(Refusal.BYTE_ORDER, "e_type " + h.type() + " is neither ET_EXEC (2) nor ET_DYN (3): "
                        + foreign.get());
            }
            return new NotMine(Refusal.TYPE, "e_type " + h.type() + " is neither ET_EXEC (2) nor ET_DYN (3)"
                    + (h.type() == 1 ? ": a relocatable object (.o)" : h.type() == 4 ? ": a core dump" : ""));
        }
        Optional<ElfHandler.Mismatch> arch = handler.checkArch(h, features);
        if (arch.isPresent()) {
            return new NotMine(arch.get().noCompat() ? Refusal.NO_COMPAT : Refusal.MACHINE, arch.get().why());
        }
        if (handler.isFdpic(h)) {
            return new NotMine(Refusal.FDPIC, "an FDPIC binary (EI_OSABI 65) is for binfmt_elf_fdpic");
        }
        String what = describe(h);
        steps.add(ExecStep.ok(Stage.ELF, label(), what, handler.description() + " accepts e_type and e_machine"));

        List<KernelPhdr> phdrs;
        try {
            phdrs = readPhdrs(h, file, "program headers");
        } catch (PhdrProblem p) {
            return new NotMine(Refusal.PROGRAM_HEADERS, p.getMessage());
        }
        steps.add(ExecStep.ok(Stage.ELF, "program headers", phdrs.size() + " × " + h.phentsize() + " bytes at 0x"
                + Long.toHexString(h.phoff()), "within the size limit and in the file"));

        Optional<String> loader = Optional.empty();
        Optional<String> loaderCanonical = Optional.empty();
        FileWindow interpFile = null;
        KernelElfHeader ih = null;
        KernelPhdr property = null;
        for (KernelPhdr p : phdrs) {
            if (p.is(SegmentType.GNU_PROPERTY)) {
                property = p;
                continue;
            }
            if (!p.is(SegmentType.INTERP)) {
                continue;
            }
            if (Long.compareUnsigned(p.filesz(), 4096) > 0 || Long.compareUnsigned(p.filesz(), 2) < 0) {
                return new NotMine(Refusal.INTERP_SIZE, "PT_INTERP is " + Long.toUnsignedString(p.filesz())
                        + " bytes: it must be 2 to 4096 (PATH_MAX)");
            }
            byte[] raw;
            if (p.offset() < 0) {
                return err(Stage.INTERP, Errno.EINVAL, "PT_INTERP", "its offset 0x"
                        + Long.toUnsignedString(p.offset(), 16) + " is beyond what the kernel can read");
            }
            if (!file.contains(p.offset(), p.filesz())) {
                return err(Stage.INTERP, Errno.EIO, "PT_INTERP", "its " + p.filesz() + " bytes at 0x"
                        + Long.toHexString(p.offset()) + " lie past the end of the file (" + file.size()
                        + " bytes): the kernel's read comes up short");
            }
            raw = file.bytes(p.offset(), (int) p.filesz());
            if (raw[raw.length - 1] != 0) {
                return new NotMine(Refusal.INTERP_SIZE, "PT_INTERP is not NUL-terminated");
            }
            int n = 0;
            while (raw[n] != 0) {
                n++;
            }
            String path = new String(raw, 0, n, StandardCharsets.UTF_8);
            loader = Optional.of(path);
            OpenExec.Result o = OpenExec.open(root, path, cwd, creds, true);
            if (o instanceof OpenExec.Refused r) {
                steps.add(ExecStep.failed(Stage.INTERP, "PT_INTERP " + path, where(r), r.errno(),
                        "the program interpreter (dynamic loader) cannot be opened: " + r.why()));
                return new Error(Stage.INTERP, r.errno(), "the program interpreter " + path + " " + r.why(),
                        Optional.of(r.cause()));
            }
            OpenExec.Opened op = (OpenExec.Opened) o;
            loaderCanonical = Optional.of(op.canonical());
            interpFile = new FileWindow(root, op.canonical(), op.stat().size());
            if (interpFile.size() < KernelElfHeader.size(handler.elfClass())) {
                steps.add(ExecStep.failed(Stage.INTERP, "PT_INTERP " + path, interpFile.size() + " bytes", Errno.EIO,
                        "shorter than an ELF header: the kernel's read of it comes up short"));
                return new Error(Stage.INTERP, Errno.EIO, "the program interpreter " + path + " is only "
                        + interpFile.size() + " bytes, shorter than an ELF header");
            }
            ih = KernelElfHeader.read(interpFile.bytes(0, KernelElfHeader.size(handler.elfClass())),
                    handler.elfClass(), order);
            steps.add(ExecStep.ok(Stage.INTERP, "PT_INTERP " + path, found(op), "opened for execution"));
            break;
        }

        String stack = "default";
        for (KernelPhdr p : phdrs) {
            if (p.is(SegmentType.GNU_STACK)) {
                stack = p.executable() ? "executable" : "non-executable";
            }
        }

        List<KernelPhdr> interpPhdrs = List.of();
        if (ih != null) {
            String path = loader.get();
            if (!ih.hasElfMagic()) {
                return interpBad(path, "it is not an ELF file (no ELF magic)");
            }
            Optional<ElfHandler.Mismatch> ia = handler.checkArch(ih, features);
            if (ia.isPresent() || handler.isFdpic(ih)) {
                return interpBad(path, "it is for another machine: " + ia.map(ElfHandler.Mismatch::why).orElse("FDPIC"));
            }
            try {
                interpPhdrs = readPhdrs(ih, interpFile, "interpreter program headers");
            } catch (PhdrProblem p) {
                return interpBad(path, "its program headers are unusable: " + p.getMessage());
            }
            property = null;
            for (KernelPhdr p : interpPhdrs) {
                if (p.is(SegmentType.GNU_PROPERTY)) {
                    property = p;
                }
            }
            steps.add(ExecStep.ok(Stage.INTERP, path, describe(ih), "an ELF for the same machine with usable program headers"));
        }
        if (handler.arch() == Arch.ARM64 && !handler.compat() && property != null) {
            Optional<Error> bad = checkProperties(property, ih != null ? interpFile : file);
            if (bad.isPresent()) {
                return bad.get();
            }
        }

        // begin_new_exec(): from here on an error kills the process instead of being returned.
        Optional<Mapping> killed = mappingProblems(h, phdrs, false);
        if (killed.isEmpty() && ih != null) {
            if (!ih.isExec() && !ih.isDyn()) {
                killed = Optional.of(new Mapping(Cause.SEGMENTS_UNMAPPABLE, "the program interpreter's e_type "
                        + ih.type() + " is neither ET_EXEC nor ET_DYN"));
            } else {
                killed = mappingProblems(ih, interpPhdrs, true);
            }
        }
        Optional<String> bus = Optional.empty();
        if (killed.isEmpty()) {
            bus = pastEndOfFile(phdrs, file.size(), "");
            if (bus.isEmpty() && ih != null) {
                bus = pastEndOfFile(interpPhdrs, interpFile.size(), "the program interpreter's ");
            }
        }
        if (killed.isPresent()) {
            steps.add(ExecStep.killed(Stage.LOAD, "segments", "mapping fails after the point of no return",
                    killed.get().why()));
        } else if (bus.isPresent()) {
            boolean atExec = padzeroFaults(phdrs, file.size()) || ih != null && padzeroFaults(interpPhdrs, interpFile.size());
            String why = bus.get() + (atExec
                    ? "; zeroing the .bss tail of its last page faults during exec, so the process gets SIGSEGV"
                    : "; the process gets SIGBUS when it first touches a page past the end of the file");
            steps.add(ExecStep.killed(Stage.LOAD, "segments", "mapped, but past the end of the file", why));
            if (atExec) {
                return new Loaded(loader, loaderCanonical, Optional.of(new Mapping(Cause.TRUNCATED, why)),
                        Optional.empty());
            }
            return new Loaded(loader, loaderCanonical, Optional.empty(), Optional.of(new Mapping(Cause.TRUNCATED, why)));
        } else {
            steps.add(ExecStep.ok(Stage.LOAD, "segments", countLoads(phdrs) + " PT_LOAD, stack " + stack,
                    "mappable with " + pageSize / 1024 + " KiB pages"));
        }
        return new Loaded(loader, loaderCanonical, killed, Optional.empty());
    }

    private Error err(Stage stage, Errno errno, String subject, String why) {
        steps.add(ExecStep.failed(stage, subject, why, errno, "execve() returns " + errno.name()));
        return new Error(stage, errno, subject + ": " + why);
    }

    private Outcome interpBad(String path, String why) {
        steps.add(ExecStep.failed(Stage.INTERP, path, why, Errno.ELIBBAD, "the kernel checks the program interpreter"));
        return new Error(Stage.INTERP, Errno.ELIBBAD, "the program interpreter " + path + ": " + why);
    }

    private static final class PhdrProblem extends Exception {
        private static final long serialVersionUID = 1L;

        PhdrProblem(String m) {
            super(m);
        }
    }

    /** load_elf_phdrs(): entry size, total size limits, and a full read from the file. */
    private List<KernelPhdr> readPhdrs(KernelElfHeader h, FileWindow file, String what)
            throws PhdrProblem, RootFsException {
        int want = KernelElfHeader.phdrSize(handler.elfClass());
        if (h.phentsize() != want) {
            throw new PhdrProblem("e_phentsize " + h.phentsize() + " is not " + want + " (sizeof(Elf" + handler.elfClass()
                    + "_Phdr))");
        }
        long size = (long) want * h.phnum();
        // before 6.17 the table also had to fit in ELF_MIN_ALIGN (a page): 73 Elf64 headers with 4 KiB pages
        int limit = kernel.atLeast(6, 17) ? 65536 : Math.min(65536, handler.minAlign(pageSize));
        if (size == 0) {
            throw new PhdrProblem("no program headers (e_phnum 0)");
        }
        if (size > limit) {
            throw new PhdrProblem(h.phnum() + " program headers (" + size + " bytes) exceed the " + limit
                    + "-byte limit" + (kernel.atLeast(6, 17) ? "" : " (ELF_MIN_ALIGN, one page, before Linux 6.17)"));
        }
        if (h.phoff() < 0 || !file.contains(h.phoff(), size)) {
            throw new PhdrProblem("the " + what + " (" + size + " bytes at 0x" + Long.toUnsignedString(h.phoff(), 16)
                    + ") run past the end of the file (" + file.size() + " bytes)");
        }
        ByteSource s = ByteSource.of(file.bytes(h.phoff(), (int) size)).withOrder(order);
        List<KernelPhdr> out = new ArrayList<>(h.phnum());
        for (int i = 0; i < h.phnum(); i++) {
            try {
                out.add(KernelPhdr.read(s, (long) i * want, handler.elfClass(), i));
            } catch (BinaryFormatException e) {
                throw new PhdrProblem(e.getMessage());
            }
        }
        return out;
    }

    /**
     * parse_elf_properties() on arm64: a malformed NT_GNU_PROPERTY_TYPE_0 note is ENOEXEC (or EIO if short).
     * This walks the PT_GNU_PROPERTY bytes itself rather than using binary.elf's decoded notes on purpose:
     * the kernel reads the segment, not the note sections, with its own limits (1 KiB, the errno per fault,
     * padding that must stay inside the note) that a reader keeping partial results does not apply.
     */
    private Optional<Error> checkProperties(KernelPhdr p, FileWindow f) throws RootFsException {
        if (Long.compareUnsigned(p.filesz(), 1024) > 0) {
            return Optional.of(propErr(Errno.ENOEXEC, "PT_GNU_PROPERTY is larger than 1 KiB"));
        }
        long avail = f.contains(p.offset(), 0) ? Math.min(p.filesz(), f.size() - p.offset()) : 0;
        if (p.offset() < 0 || avail < 16) {
            return Optional.of(propErr(Errno.EIO, "PT_GNU_PROPERTY is too short to hold a note header and 'GNU'"));
        }
        ByteSource s = ByteSource.of(f.bytes(p.offset(), (int) avail)).withOrder(order);
        long namesz = s.u32(0, "n_namesz");
        long descsz = s.u32(4, "n_descsz");
        long type = s.u32(8, "n_type");
        byte[] name = s.bytes(12, 4, "n_name");
        if (type != 5 || namesz != 4 || name[0] != 'G' || name[1] != 'N' || name[2] != 'U' || name[3] != 0) {
            return Optional.of(propErr(Errno.ENOEXEC, "PT_GNU_PROPERTY does not hold a GNU property note"));
        }
        int align = handler.elfClass() == 64 ? 8 : 4;
        long off = (16 + align - 1) / align * align;
        if (off > avail || descsz > avail - off) {
            return Optional.of(propErr(Errno.ENOEXEC, "the GNU property note's size runs past the segment"));
        }
        long end = off + descsz;
        long prevType = -1;
        while (off != end) {
            if (end - off < 8) {
                return Optional.of(propErr(Errno.ENOEXEC, "a truncated GNU property"));
            }
            long prType = s.u32(off, "pr_type");
            long prSize = s.u32(off + 4, "pr_datasz");
            off += 8;
            if (prSize > end - off) {
                return Optional.of(propErr(Errno.ENOEXEC, "a GNU property runs past the note"));
            }
            long step = (prSize + align - 1) / align * align;
            if (step > end - off) {
                return Optional.of(propErr(Errno.ENOEXEC, "a GNU property's padding runs past the note"));
            }
            if (prevType >= 0 && prType <= prevType) {
                return Optional.of(propErr(Errno.ENOEXEC, "GNU properties are not sorted by type"));
            }
            if (prType == 0xc0000000L && prSize != 4) {
                return Optional.of(propErr(Errno.ENOEXEC, "GNU_PROPERTY_AARCH64_FEATURE_1_AND is not 4 bytes"));
            }
            prevType = prType;
            off += step;
        }
        return Optional.empty();
    }

    private Error propErr(Errno e, String why) {
        steps.add(ExecStep.failed(Stage.ELF, "PT_GNU_PROPERTY", why, e, "arm64 reads the property note before loading"));
        return new Error(Stage.ELF, e, why);
    }

    /** What makes the mappings fail after the point of no return, or empty. */
    private Optional<Mapping> mappingProblems(KernelElfHeader h, List<KernelPhdr> phdrs, boolean interp) {
        String who = interp ? "the program interpreter's " : "";
        List<KernelPhdr> loads = phdrs.stream().filter(p -> p.is(SegmentType.LOAD)).toList();
        if (loads.isEmpty()) {
            if (h.isDyn() || interp) {
                return Optional.of(new Mapping(Cause.SEGMENTS_UNMAPPABLE, who + "ET_DYN image has no PT_LOAD segment (total mapping size 0)"));
            }
            return Optional.of(new Mapping(Cause.SEGMENTS_UNMAPPABLE, "no PT_LOAD segment: nothing is mapped at the entry point"));
        }
        long mask = pageSize - 1L;
        for (KernelPhdr p : loads) {
            if (Long.compareUnsigned(p.filesz(), p.memsz()) > 0) {
                return Optional.of(new Mapping(Cause.SEGMENTS_UNMAPPABLE, who + "PT_LOAD #" + p.index() + " has p_filesz 0x" + Long.toHexString(p.filesz())
                        + " > p_memsz 0x" + Long.toHexString(p.memsz())));
            }
            if (!interp && Long.compareUnsigned(p.memsz(), handler.taskSize()) > 0) {
                return Optional.of(new Mapping(Cause.SEGMENTS_UNMAPPABLE, "PT_LOAD #" + p.index() + " is larger than the address space"));
            }
            if (p.filesz() != 0 && ((p.offset() - p.vaddr()) & mask) != 0) {
                return Optional.of(new Mapping(Cause.PAGE_SIZE, who + "PT_LOAD #" + p.index() + " has p_offset 0x" + Long.toHexString(p.offset())
                        + " and p_vaddr 0x" + Long.toHexString(p.vaddr()) + ", which differ by a non-multiple of the "
                        + pageSize / 1024 + " KiB page size: mmap() refuses it"
                        + (Long.compareUnsigned(p.align(), pageSize) < 0 && p.align() > 1
                                ? " (the file was linked for " + p.align() / 1024 + " KiB pages, p_align 0x"
                                        + Long.toHexString(p.align()) + ")"
                                : "")));
            }
        }
        return Optional.empty();
    }

    /**
     * A PT_LOAD whose file bytes end past the end of the file maps fine (mmap does not check), but
     * the first touch of such a page raises SIGBUS: for the text segment, at the first instruction.
     */
    private Optional<String> pastEndOfFile(List<KernelPhdr> phdrs, long size, String who) {
        for (KernelPhdr p : phdrs) {
            if (!p.is(SegmentType.LOAD) || p.filesz() == 0) {
                continue;
            }
            long end = p.offset() + p.filesz();
            long fileEnd = (size + pageSize - 1) & ~(pageSize - 1L);
            if (Long.compareUnsigned(end, size) > 0) {
                long lastPageStart = (end - 1) & ~(pageSize - 1L);
                if (Long.compareUnsigned(lastPageStart, fileEnd) >= 0) {
                    return Optional.of(who + "PT_LOAD #" + p.index() + " needs bytes up to 0x" + Long.toHexString(end)
                            + " but the file has " + size + ": it is truncated");
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Whether clearing the tail of a segment's last file page (padzero, for a writable segment with
     * a .bss) touches a page past the end of the file: that fault makes the exec fail after the point
     * of no return, so the process gets SIGSEGV before it runs.
     */
    private boolean padzeroFaults(List<KernelPhdr> phdrs, long size) {
        long fileEnd = (size + pageSize - 1) & ~(pageSize - 1L);
        for (KernelPhdr p : phdrs) {
            if (!p.is(SegmentType.LOAD) || p.filesz() == 0 || Long.compareUnsigned(p.memsz(), p.filesz()) <= 0
                    || (p.flags() & ProgramHeader.PF_W) == 0) {
                continue;
            }
            long zeroStart = p.vaddr() + p.filesz();
            if ((zeroStart & (pageSize - 1L)) == 0) {
                continue;
            }
            long filePage = (p.offset() + p.filesz()) & ~(pageSize - 1L);
            if (Long.compareUnsigned(filePage, fileEnd) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static long countLoads(List<KernelPhdr> phdrs) {
        return phdrs.stream().filter(p -> p.is(SegmentType.LOAD)).count();
    }

    /** Small p_align on a larger-page kernel: worth a note even when the congruence holds. */
    List<String> alignmentNotes(List<KernelPhdr> phdrs) {
        List<String> notes = new ArrayList<>();
        for (KernelPhdr p : phdrs) {
            if (p.is(SegmentType.LOAD) && p.align() > 1 && Long.compareUnsigned(p.align(), pageSize) < 0) {
                notes.add("PT_LOAD #" + p.index() + " p_align 0x" + Long.toHexString(p.align()) + " < page size 0x"
                        + Integer.toHexString(pageSize));
            }
        }
        return notes;
    }

    static String describe(KernelElfHeader h) {
        String cls = h.identClass() == ElfClass.ELF64.value() ? "ELF64"
                : h.identClass() == ElfClass.ELF32.value() ? "ELF32" : "ELF(class " + h.identClass() + ")";
        String data = h.identData() == ElfData.LSB.value() ? "LSB"
                : h.identData() == ElfData.MSB.value() ? "MSB" : "data " + h.identData();
        String type = switch (h.type()) {
            case 2 -> "executable";
            case 3 -> "shared object/PIE";
            case 1 -> "relocatable";
            case 4 -> "core";
            default -> "type " + h.type();
        };
        return cls + " " + data + " " + type + ", " + MachineNames.name(h.machine());
    }

    private static String where(OpenExec.Refused r) {
        return r.at().isEmpty() ? r.errno().strerror() : r.at() + ": " + r.why();
    }

    private static String found(OpenExec.Opened op) {
        String s = op.canonical() + ", " + op.stat().octalMode();
        return op.symlinks().isEmpty() ? s : s + " (via " + String.join(", ", op.symlinks()) + ")";
    }
}
