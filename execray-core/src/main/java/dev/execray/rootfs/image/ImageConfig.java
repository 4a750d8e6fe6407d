package dev.execray.rootfs.image;

import java.util.List;
import java.util.Optional;

/** What an image's config says about how its container starts. */
public record ImageConfig(
        Platform platform,
        List<String> entrypoint,
        List<String> cmd,
        List<String> env,
        Optional<String> workingDir,
        Optional<String> user) {

    /** The PATH the container starts with: the image's Env, else Docker's default. */
    public String path() {
        for (String e : env) {
            if (e.startsWith("PATH=")) {
                return e.substring(5);
            }
        }
        return "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    }

    /** ENTRYPOINT followed by CMD, as the runtime builds argv when no command is given. */
    public List<String> startCommand() {
        List<String> all = new java.util.ArrayList<>(entrypoint);
        all.addAll(cmd);
        return List.copyOf(all);
    }
}
