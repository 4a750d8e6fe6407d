package dev.execray.exec.verdict;

/**
 * A fact the outcome hinges on that cannot be read from the files: a {@link Verdict.Depends} names one,
 * and says how the user can settle it.
 */
public enum Fact {
    /** Whether the kernel runs 32-bit x86 programs (IA-32 emulation), when its configuration cannot be read. */
    IA32_EMULATION("whether this kernel runs 32-bit x86 programs (IA-32 emulation)"),
    /** What an interpreter registered in binfmt_misc, other than a known emulator, does with the file. */
    INTERPRETER_BEHAVIOUR("what the binfmt_misc interpreter does with the file"),
    /** The dynamic loader's work could not be followed (an unreadable part of the root, an unknown loader). */
    DYNAMIC_LOADER("whether the dynamic loader finds and binds the program's libraries"),
    /** Whether /proc is mounted where the program runs ($ORIGIN, /proc/self/exe). */
    PROC_MOUNTED("whether /proc is mounted where the program runs"),
    /** Which OS a program was built for, when only its EI_OSABI byte says so (no OS note, no Go build info). */
    PROGRAM_OS("which OS the program was built for (only its EI_OSABI byte names another)"),
    /** Whether a set-user-ID program works without its owner's identity (a nosuid mount ignores the bit). */
    SETUID_IGNORED("whether the program works without the identity its set-user-ID bit asks for"),
    /** Whether the emulator runs this kind of program faithfully (known gaps of qemu-user). */
    EMULATOR_FIDELITY("whether the emulator runs this program faithfully"),
    /** The emulator's library prefix (qemu's -L / QEMU_LD_PREFIX) set in the environment of the real start. */
    EMULATOR_PREFIX("the emulator's library prefix (QEMU_LD_PREFIX) at the real start"),
    /** The mount options of the file system the program will live on (images carry none). */
    MOUNT_OPTIONS("the mount options of the file system the program is started from");

    private final String description;

    Fact(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
