package dev.execray.exec.lookup;

import dev.execray.rootfs.Errno;
import java.util.Optional;

/**
 * One path a PATH search considered: what it tried, what happened, and what the search did next.
 *
 * @param decision {@code taken}, {@code next} (passed over, search goes on), {@code remembered}
 *                 (passed over, but its EACCES is what the search reports if nothing else is found),
 *                 or {@code stop} (the search ends here with this error)
 */
public record LookupCandidate(String path, String decision, Optional<Errno> errno, String reason) {
}
