package dev.execray.exec.lookup;

/** The PATH-search rules execray knows, each as one program implements it. */
public enum LookupRule {
    EXECVP_GLIBC("execvp (glibc)"),
    EXECVP_MUSL("execvp (musl)"),
    EXECVP_BSD("execvp (BSD/macOS libc)"),
    PYTHON("Python subprocess"),
    GO("Go exec.LookPath"),
    WINDOWS_CREATEPROCESS("Windows CreateProcess"),
    GO_WINDOWS("Go exec.LookPath (Windows)");

    private final String display;

    LookupRule(String display) {
        this.display = display;
    }

    public String display() {
        return display;
    }
}
