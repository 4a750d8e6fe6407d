package dev.execray.exec.places;

import dev.execray.place.Target;
import dev.execray.place.TargetProfile;
import java.util.Optional;

/**
 * A place to run a binary in: a target (OS, architecture, kernel, libc, binfmt registry) with its root when
 * there is one (a directory or a container image), and the named profile it came from, if any.
 *
 * @param name     as the user named it (a profile name, {@code dir:PATH}, {@code image:PATH}, {@code OS/ARCH})
 * @param hasRoot  whether the target's root holds the place's real files; without one, library-level checks
 *                 use the profile's facts only
 */
public record Place(String name, Target target, Optional<TargetProfile> profile, boolean hasRoot) {
}
