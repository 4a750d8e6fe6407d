package dev.execray.rootfs;

import java.util.Locale;

/**
 * The error numbers the exec path can end in, with the texts the people running programs see:
 * glibc's {@code strerror} (bash, Python) and Go's {@code syscall.Errno.Error()} (os/exec).
 * Numbers are the asm-generic ones used by x86, arm, arm64, riscv, powerpc, s390 and loongarch;
 * {@link #number(String)} gives the few that alpha, mips, sparc and parisc number differently
 * (K: arch/{alpha,mips,sparc,parisc}/include/uapi/asm/errno.h).
 */
public enum Errno {
    EPERM(1, "Operation not permitted", "operation not permitted"),
    ENOENT(2, "No such file or directory", "no such file or directory"),
    EIO(5, "Input/output error", "input/output error"),
    E2BIG(7, "Argument list too long", "argument list too long"),
    ENOEXEC(8, "Exec format error", "exec format error"),
    ENOMEM(12, "Cannot allocate memory", "cannot allocate memory"),
    EACCES(13, "Permission denied", "permission denied"),
    EFAULT(14, "Bad address", "bad address"),
    EEXIST(17, "File exists", "file exists"),
    ENODEV(19, "No such device", "no such device"),
    ENOTDIR(20, "Not a directory", "not a directory"),
    EISDIR(21, "Is a directory", "is a directory"),
    EINVAL(22, "Invalid argument", "invalid argument"),
    ETXTBSY(26, "Text file busy", "text file busy"),
    ERANGE(34, "Numerical result out of range", "numerical result out of range"),
    ENAMETOOLONG(36, "File name too long", "file name too long"),
    ENOSYS(38, "Function not implemented", "function not implemented"),
    ELOOP(40, "Too many levels of symbolic links", "too many levels of symbolic links"),
    ELIBBAD(80, "Accessing a corrupted shared library", "accessing a corrupted shared library"),
    ETIMEDOUT(110, "Connection timed out", "connection timed out"),
    ESTALE(116, "Stale file handle", "stale NFS file handle");

    private final int number;
    private final String strerror;
    private final String goText;

    Errno(int number, String strerror, String goText) {
        this.number = number;
        this.strerror = strerror;
        this.goText = goText;
    }

    /** The asm-generic number. */
    public int number() {
        return number;
    }

    /** The number on a Linux architecture named as in {@code uname -m} families (mips*, alpha, sparc*, parisc*). */
    public int number(String archFamily) {
        String a = archFamily.toLowerCase(Locale.ROOT);
        int[] alt = switch (this) {
            case ELOOP -> new int[] {90, 62, 62, 249};
            case ENAMETOOLONG -> new int[] {78, 63, 63, 248};
            case ELIBBAD -> new int[] {84, 123, 112, 171};
            case ESTALE -> new int[] {151, 70, 70, 70};
            case ETIMEDOUT -> new int[] {145, 60, 60, 238};
            case ENOSYS -> new int[] {89, 78, 90, 251};
            default -> null;
        };
        if (alt == null) {
            return number;
        }
        if (a.startsWith("mips")) {
            return alt[0];
        }
        if (a.startsWith("alpha")) {
            return alt[1];
        }
        if (a.startsWith("sparc")) {
            return alt[2];
        }
        if (a.startsWith("parisc") || a.startsWith("hppa")) {
            return alt[3];
        }
        return number;
    }

    /** glibc's {@code strerror} text, as bash and Python print it. */
    public String strerror() {
        return strerror;
    }

    /** Go's {@code syscall.Errno} text, as os/exec prints it. */
    public String goText() {
        return goText;
    }
}
