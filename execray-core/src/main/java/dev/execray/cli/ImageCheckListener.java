package dev.execray.cli;

import dev.execray.exec.places.ImageCheck;
import dev.execray.report.Escape;
import java.io.PrintWriter;
import java.util.List;

/** {@code check-image}'s stderr: the reader's warnings (text only: JSON carries them in "warnings") and the progress. */
final class ImageCheckListener implements ImageCheck.Listener {
    private final PrintWriter err;
    private final boolean json;
    private Progress progress;

    ImageCheckListener(PrintWriter err, boolean json) {
        this.err = err;
        this.json = json;
    }

    @Override
    public void opened(List<String> warnings, List<String> dockerRefusals) {
        if (!json) {
            // what was skipped is said, not silently dropped
            warnings.forEach(w -> err.println("execray: warning: " + Escape.text(w)));
            if (!dockerRefusals.isEmpty()) {
                err.println("execray: warning: docker would refuse to load this image ("
                        + dockerRefusals.size() + " entries it cannot unpack)");
            }
        }
    }

    @Override
    public void programs(int count) {
        progress = new Progress(err, count, "programs");
    }

    @Override
    public void checked() {
        progress.step();
    }

    @Override
    public void done() {
        progress.done();
    }
}
