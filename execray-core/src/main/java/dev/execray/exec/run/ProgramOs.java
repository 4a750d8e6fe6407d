package dev.execray.exec.run;

import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.Note;
import dev.execray.binary.elf.NoteContent;
import dev.execray.binary.elf.OsAbi;
import dev.execray.binary.BinaryFormatException;
import dev.execray.golang.BuildInfoException;
import dev.execray.golang.BuildInfoReader;
import dev.execray.golang.GoImages;
import dev.execray.golang.GoSummary;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import java.util.Optional;
import java.util.Set;

/**
 * The OS a program the Linux kernel has loaded was built for. The kernel ignores EI_OSABI and OS notes, so a
 * static FreeBSD or NetBSD program is mapped and started — and its first system call, numbered for another
 * kernel, kills it (observed: SIGSEGV, exit status 139, for Go programs of FreeBSD, NetBSD and DragonFly).
 * Evidence, in the order it is trusted: EI_OSABI branding, the OS's own ELF notes, Go's GOOS.
 */
public final class ProgramOs {
    /**
     * The program is another OS's; {@code evidence} says how that is known. {@code certain} is false when only
     * the EI_OSABI byte says so: a Linux program with that byte set still runs (the kernel ignores it), while
     * real FreeBSD, NetBSD and OpenBSD linkers add their OS note and Go records GOOS.
     */
    public record Foreign(String os, String evidence, boolean certain) {
        Foreign(String os, String evidence) {
            this(os, evidence, true);
        }
    }

    private static final Set<String> OS_NOTE_OWNERS = Set.of("FreeBSD", "NetBSD", "OpenBSD", "DragonFly");

    private ProgramOs() {
    }

    public static Optional<Foreign> foreign(RootFs root, String canonical) {
        try {
            ElfFile elf = ElfFile.read(root.open(canonical));
            for (Note n : elf.notes()) {
                if (OS_NOTE_OWNERS.contains(n.name())) {
                    return Optional.of(new Foreign(n.name(), "it carries a " + n.name() + " ELF note"));
                }
                if (n.content() instanceof NoteContent.AbiTag t && t.os() != 0) {
                    return Optional.of(new Foreign(t.osName(), "its .note.ABI-tag names " + t.osName()));
                }
            }
            if (elf.goBuildId().isPresent() || elf.sectionHeader(".go.buildinfo").isPresent()) {
                Optional<String> goos = goos(root, canonical);
                if (goos.isPresent()) {
                    // Go says which OS, whatever the EI_OSABI byte says; android programs are Linux programs
                    return goos.get().equals("linux") || goos.get().equals("android") ? Optional.empty()
                            : Optional.of(new Foreign(goosName(goos.get()), "its Go build settings say GOOS=" + goos.get()));
                }
            }
            Optional<OsAbi> abi = elf.header().osAbi().known();
            if (abi.isPresent() && abi.get() != OsAbi.NONE && abi.get() != OsAbi.GNU && abi.get().value() < 64) {
                return Optional.of(new Foreign(osName(abi.get()), "EI_OSABI is " + abi.get().readelfName(), false));
            }
            return Optional.empty();
        } catch (RootFsException | BinaryFormatException e) {
            // unreadable past the kernel's checks: nothing is claimed about the OS (the trace shows the kernel's view)
            return Optional.empty();
        }
    }

    /** GOOS from the build settings (or inferred by the golang package), when the build info can be read. */
    /** Whether the file is a Go program (its Go build ID note or its build info section). */
    public static boolean isGo(RootFs root, String canonical) {
        try {
            ElfFile elf = ElfFile.read(root.open(canonical));
            return elf.goBuildId().isPresent() || elf.sectionHeader(".go.buildinfo").isPresent();
        } catch (RootFsException | BinaryFormatException e) {
            return false;
        }
    }

    private static Optional<String> goos(RootFs root, String canonical) {
        try {
            var image = GoImages.open(root.open(canonical));
            GoSummary s = GoSummary.of(image, BuildInfoReader.readOrRecover(image));
            return s.goos().isEmpty() ? Optional.empty() : Optional.of(s.goos());
        } catch (RootFsException | BinaryFormatException | BuildInfoException e) {
            return Optional.empty(); // no build info: the ELF evidence is all there is
        }
    }

    private static String goosName(String goos) {
        return switch (goos) {
            case "freebsd" -> "FreeBSD";
            case "netbsd" -> "NetBSD";
            case "openbsd" -> "OpenBSD";
            case "dragonfly" -> "DragonFly BSD";
            case "solaris" -> "Solaris";
            case "illumos" -> "illumos";
            case "darwin" -> "macOS";
            case "windows" -> "Windows";
            case "plan9" -> "Plan 9";
            case "aix" -> "AIX";
            default -> goos;
        };
    }

    private static String osName(OsAbi abi) {
        return switch (abi) {
            case FREEBSD -> "FreeBSD";
            case NETBSD -> "NetBSD";
            case OPENBSD -> "OpenBSD";
            case SOLARIS -> "Solaris";
            default -> abi.readelfName();
        };
    }
}
