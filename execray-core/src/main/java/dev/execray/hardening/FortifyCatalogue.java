package dev.execray.hardening;

import dev.execray.binary.elf.ElfFile;
import dev.execray.binary.elf.Symbol;
import java.util.Set;
import java.util.TreeSet;

/**
 * The functions a C library has checked variants of: {@code memcpy} because it defines {@code __memcpy_chk}. Read
 * from the root's own libc once per root (checksec reads the host's libc for every file), with glibc 2.36's list as
 * the fallback for roots without a glibc.
 *
 * @param checked names as checksec compares them: leading underscores removed ({@code memcpy_chk})
 */
public record FortifyCatalogue(Set<String> checked, String source) {
    public FortifyCatalogue {
        checked = Set.copyOf(checked);
    }

    /** The _chk functions glibc 2.36 (x86-64) exports with a default version, underscores stripped. */
    public static final FortifyCatalogue GLIBC_2_36 = new FortifyCatalogue(Set.of(("confstr_chk explicit_bzero_chk "
            + "fdelt_chk fgets_chk fgets_unlocked_chk fgetws_chk fgetws_unlocked_chk fprintf_chk fread_chk "
            + "fread_unlocked_chk fwprintf_chk getcwd_chk getdomainname_chk getgroups_chk gethostname_chk getlogin_r_chk "
            + "gets_chk getwd_chk longjmp_chk mbsnrtowcs_chk mbsrtowcs_chk mbstowcs_chk memcpy_chk memmove_chk "
            + "mempcpy_chk memset_chk obstack_printf_chk obstack_vprintf_chk poll_chk ppoll_chk pread64_chk pread_chk "
            + "printf_chk ptsname_r_chk read_chk readlink_chk readlinkat_chk realpath_chk recv_chk recvfrom_chk "
            + "snprintf_chk sprintf_chk stpcpy_chk stpncpy_chk strcat_chk strcpy_chk strncat_chk strncpy_chk "
            + "swprintf_chk syslog_chk ttyname_r_chk vasprintf_chk vdprintf_chk vfprintf_chk vfwprintf_chk "
            + "vprintf_chk vsnprintf_chk vsprintf_chk vswprintf_chk vsyslog_chk vwprintf_chk wcpcpy_chk wcpncpy_chk "
            + "wcrtomb_chk wcscat_chk wcscpy_chk wcsncat_chk wcsncpy_chk wcsnrtombs_chk wcsrtombs_chk wcstombs_chk "
            + "wctomb_chk wmemcpy_chk wmemmove_chk wmempcpy_chk wmemset_chk wprintf_chk dprintf_chk asprintf_chk "
            + "fdelt_warn_chk").split(" ")), "glibc 2.36 (built in)");

    /**
     * The catalogue of one C library file: every defined symbol named {@code ...__X_chk} (checksec takes the text
     * after the last double underscore, so {@code ____longjmp_chk} gives {@code longjmp_chk}).
     */
    public static FortifyCatalogue of(ElfFile libc, String source) {
        Set<String> out = new TreeSet<>();
        for (Symbol s : libc.dynamicSymbols()) {
            String n = s.name();
            boolean defaultVersion = s.version().map(v -> !v.hidden()).orElse(true);
            if (s.isDefined() && defaultVersion && n.endsWith("_chk")) {
                int at = n.lastIndexOf("__");
                if (at >= 0 && at + 2 < n.length()) {
                    out.add(n.substring(at + 2));
                }
            }
        }
        return out.isEmpty() ? GLIBC_2_36 : new FortifyCatalogue(out, source);
    }
}
