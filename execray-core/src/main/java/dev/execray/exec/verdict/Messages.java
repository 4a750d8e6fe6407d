package dev.execray.exec.verdict;

import dev.execray.binary.elf.ElfField;
import dev.execray.rootfs.Credentials;
import dev.execray.rootfs.Errno;
import dev.execray.rootfs.FileStat;
import dev.execray.rootfs.ResolveOptions;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The messages people see when an exec fails, reproduced from the programs' own logic:
 * bash 5.2's shell_execve() (which looks at the file again to word the error, and runs a text file
 * the kernel refused as a shell script), Go's os/exec (a *PathError from fork/exec with Go's errno
 * text), and Python's subprocess (an OSError subclass chosen by errno, with strerror and the path).
 */
public final class Messages {
    /** bash reads this many bytes of a file to word its errors (HASH_BANG_BUFSIZ in execute_cmd.c). */
    static final int BASH_SAMPLE = 128;

    private final RootFs root;
    private final String cwd;
    private final Credentials creds;
    private final String archFamily;

    public Messages(RootFs root, String cwd, Credentials creds, String archFamily) {
        this.root = root;
        this.cwd = cwd;
        this.creds = creds;
        this.archFamily = archFamily;
    }

    public UserMessages forErrno(String cmd, Errno errno) {
        Optional<String> note = Optional.empty();
        Optional<String> bash;
        int status;
        Optional<FileStat> st = stat(cmd);
        if (errno != Errno.ENOEXEC) {
            status = errno == Errno.ENOENT ? 127 : 126;
            if (st.isPresent() && st.get().isDirectory()) {
                bash = Optional.of("bash: " + cmd + ": " + Errno.EISDIR.strerror());
            } else if (!executable(st)) {
                bash = Optional.of("bash: " + cmd + ": " + errno.strerror());
            } else if (errno == Errno.E2BIG || errno == Errno.ENOMEM) {
                bash = Optional.of("bash: " + cmd + ": " + errno.strerror());
            } else if (errno == Errno.ENOENT) {
                bash = Optional.of("bash: " + cmd + ": cannot execute: required file not found");
            } else {
                byte[] sample = sample(cmd);
                int len = sample.length;
                if (len > 0) {
                    sample[len - 1] = 0;
                }
                if (len > 2 && sample[0] == '#' && sample[1] == '!') {
                    bash = Optional.of("bash: " + cmd + ": " + getinterp(sample) + ": bad interpreter: " + errno.strerror());
                } else {
                    bash = Optional.of("bash: " + cmd + ": " + errno.strerror());
                }
            }
        } else {
            byte[] sample = sample(cmd);
            if (sample.length == 0) {
                bash = Optional.empty();
                status = 0;
                note = Optional.of("bash runs an empty file as an empty shell script: nothing happens, exit status 0");
            } else if (isBinary(sample)) {
                bash = Optional.of("bash: " + cmd + ": cannot execute binary file: " + errno.strerror());
                status = 126;
            } else {
                bash = Optional.empty();
                status = 0;
                note = Optional.of("bash (and sh, and execvp) run a text file the kernel refused as a shell script; "
                        + "the exit status is the script's");
            }
        }
        String go = cmd.contains("/") ? "fork/exec " + cmd + ": " + errno.goText() : null;
        return new UserMessages(bash, status, Optional.ofNullable(go), Optional.of(pythonError(errno, archFamily, cmd)),
                note);
    }

    /** Python's exception for a failed exec: the OSError subclass for the errno, then "[Errno N] text: 'path'". */
    public static String pythonError(Errno errno, String archFamily, String cmd) {
        String cls = switch (errno) {
            case ENOENT -> "FileNotFoundError";
            case EACCES, EPERM -> "PermissionError";
            case EISDIR -> "IsADirectoryError";
            case ENOTDIR -> "NotADirectoryError";
            case ETIMEDOUT -> "TimeoutError";
            case EEXIST -> "FileExistsError";
            default -> "OSError";
        };
        return cls + ": [Errno " + errno.number(archFamily) + "] " + errno.strerror() + ": '" + cmd + "'";
    }

    public UserMessages forSignal(String cmd, Signal signal) {
        String text = signal.description();
        // Go's ExitError prints the signal's name as strsignal() gives it, lower-cased by the runtime's table
        String goText = "signal: " + text.toLowerCase(java.util.Locale.ROOT);
        int n = signal.number();
        return new UserMessages(Optional.of(text), 128 + n, Optional.of(goText),
                Optional.empty(), Optional.of("Python raises nothing: returncode is -" + n));
    }

    public static UserMessages none() {
        return new UserMessages(Optional.empty(), 0, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** bash's check_binary_file(): an ELF magic, or a NUL in the first line (first two lines after #!). */
    static boolean isBinary(byte[] sample) {
        int n = sample.length;
        if (ElfField.hasMagic(sample)) {
            return true;
        }
        int nline = n >= 2 && sample[0] == '#' && sample[1] == '!' ? 2 : 1;
        for (byte c : sample) {
            if (c == '\n' && --nline == 0) {
                return false;
            }
            if (c == 0) {
                return true;
            }
        }
        return false;
    }

    /** bash's getinterp(): the word after #! and blanks; a final \r is shown as ^M. */
    static String getinterp(byte[] sample) {
        int i = 2;
        int n = sample.length;
        while (i < n && (sample[i] == ' ' || sample[i] == '\t')) {
            i++;
        }
        int start = i;
        while (i < n && sample[i] != '\n' && sample[i] != ' ' && sample[i] != '\t' && sample[i] != 0) {
            i++;
        }
        String s = new String(sample, start, i - start, StandardCharsets.UTF_8);
        if (s.endsWith("\r")) {
            s = s.substring(0, s.length() - 1) + "^M";
        }
        return s;
    }

    private Optional<FileStat> stat(String cmd) {
        Resolution r = root.resolve(cmd, new ResolveOptions(cwd, creds, true));
        return r instanceof Resolution.Found f ? Optional.of(f.stat()) : Optional.empty();
    }

    /** bash's executable_file(): exists, is not a directory, and the user may execute it. */
    private boolean executable(Optional<FileStat> st) {
        return st.isPresent() && !st.get().isDirectory() && creds.permits(st.get(), 1);
    }

    private byte[] sample(String cmd) {
        Resolution r = root.resolve(cmd, new ResolveOptions(cwd, creds, true));
        if (r instanceof Resolution.Found f && f.stat().isRegular()) {
            try {
                return root.readHead(f.canonical(), BASH_SAMPLE);
            } catch (RootFsException e) {
                return new byte[0];
            }
        }
        return new byte[0];
    }
}
