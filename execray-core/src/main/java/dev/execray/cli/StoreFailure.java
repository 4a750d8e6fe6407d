package dev.execray.cli;

import dev.execray.report.InputError;
import dev.execray.report.JsonDocument;
import dev.execray.rootfs.Errno;
import dev.execray.scan.store.StoreException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;

/** A store that cannot be opened or read: one line on stderr and, under --json, the document's error. */
final class StoreFailure {
    private StoreFailure() {
    }

    static void report(StoreException e, Path db, boolean json, JsonDocument doc, PrintWriter out, PrintWriter err) {
        err.println("execray: " + e.getMessage());
        if (json) {
            String prefix = db + ": ";
            String why = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            Optional<Errno> errno = why.equals("no such database") ? Optional.of(Errno.ENOENT) : Optional.empty();
            out.print(doc.error(new InputError(db.toString(), errno, why)));
            out.flush();
        }
    }
}
