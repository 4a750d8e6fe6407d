package dev.execray.cli;

import java.io.PrintWriter;

/** "checked 1200/2000 files" on stderr, at most twice a second, only when stderr is a terminal. */
final class Progress {
    private final PrintWriter err;
    private final long total;
    private final String what;
    private final boolean show;
    private long done;
    private long last = System.nanoTime();
    private boolean shown;

    Progress(PrintWriter err, long total, String what) {
        this.err = err;
        this.total = total;
        this.what = what;
        this.show = System.console() != null && total > 50;
    }

    void step() {
        done++;
        if (show && System.nanoTime() - last > 500_000_000L) {
            last = System.nanoTime();
            err.print("\rexecray: " + done + "/" + total + " " + what);
            err.flush();
            shown = true;
        }
    }

    void done() {
        if (shown) {
            err.print("\r\u001b[K");
            err.flush();
        }
    }
}
