package dev.execray.exec.places;

import dev.execray.exec.ExecRequest;
import dev.execray.exec.ExecResult;
import dev.execray.exec.ExecSimulator;
import dev.execray.exec.lookup.PathLookup;
import dev.execray.place.Arch;
import dev.execray.place.TargetException;
import dev.execray.rootfs.FileStat;
import dev.execray.rootfs.ImageRoot;
import dev.execray.rootfs.Resolution;
import dev.execray.rootfs.RootFs;
import dev.execray.rootfs.RootFsException;
import dev.execray.rootfs.image.ContainerImage;
import dev.execray.rootfs.image.ImageConfig;
import dev.execray.rootfs.image.ImageFormatException;
import dev.execray.rootfs.image.Platform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code check-image}'s service: would a container image start, and would every program on its PATH run?
 * ENTRYPOINT and CMD go through the image's PATH and WorkingDir, then every executable file on PATH through
 * the simulated exec path, inside the image, on the image's platform. Nothing is executed.
 *
 * @param warnings       what the image reader skipped (said, not silently dropped)
 * @param dockerRefusals entries docker itself would refuse to unpack
 */
public record ImageCheck(Place place, List<String> startCommand, Optional<ExecResult> entrypoint,
        List<Program> programs, List<String> warnings, List<String> dockerRefusals) {

    public ImageCheck {
        startCommand = List.copyOf(startCommand);
        programs = List.copyOf(programs);
        warnings = List.copyOf(warnings);
        dockerRefusals = List.copyOf(dockerRefusals);
    }

    /** One program of the image and what would happen if it were started. */
    public record Program(String path, ExecResult result) {
    }

    /**
     * Told what the image reader skipped once the image is open, how many programs there are, then once per
     * program checked (a progress display).
     */
    public interface Listener {
        void opened(List<String> warnings, List<String> dockerRefusals);

        void programs(int count);

        void checked();

        void done();
    }

    public boolean entrypointRuns() {
        return entrypoint.map(ExecResult::runs).orElse(false);
    }

    public long failingPrograms() {
        return programs.stream().filter(p -> !p.result().runs()).count();
    }

    /**
     * Opens {@code image} (a docker-save archive or an OCI layout) for {@code platform} and checks it.
     *
     * @throws TargetException when the image cannot be opened as a place
     */
    public static ImageCheck run(String name, Path image, Optional<Platform> platform, Listener listener)
            throws TargetException {
        try (ContainerImage img = ContainerImage.open(image, platform)) {
            ImageRoot root = new ImageRoot(img);
            Place place = Places.fromRoot(name, root, Arch.parse(img.config().platform().architecture()));
            listener.opened(root.warnings(), root.dockerRefusals());
            return check(place, root.config(), root.warnings(), root.dockerRefusals(), listener);
        } catch (IOException | ImageFormatException e) {
            throw new TargetException(name + ": " + e.getMessage());
        }
    }

    private static ImageCheck check(Place place, ImageConfig config, List<String> warnings,
            List<String> dockerRefusals, Listener listener) {
        ExecSimulator sim = new ExecSimulator(place.target());
        String cwd = config.workingDir().filter(d -> d.startsWith("/")).orElse("/");
        List<String> start = config.startCommand();
        Optional<ExecResult> entry = Optional.empty();
        if (!start.isEmpty()) {
            String argv0 = start.get(0);
            entry = Optional.of(argv0.contains("/") ? sim.explain(new ExecRequest(argv0, start, cwd))
                    : PathLookup.explainCommand(sim, argv0, start, cwd, Optional.of(config.path())));
        }
        List<String> paths = pathPrograms(place.target().root(), config.path());
        listener.programs(paths.size());
        List<Program> checked = new ArrayList<>();
        for (String p : paths) {
            checked.add(new Program(p, sim.explain(ExecRequest.of(p))));
            listener.checked();
        }
        listener.done();
        return new ImageCheck(place, start, entry, checked, warnings, dockerRefusals);
    }

    /** Executable regular files in the PATH directories, each once (by canonical path), in PATH order. */
    static List<String> pathPrograms(RootFs root, String path) {
        Set<String> seen = new LinkedHashSet<>();
        for (String dir : path.split(":")) {
            if (dir.isEmpty() || !dir.startsWith("/")) {
                continue;
            }
            if (!(root.resolve(dir) instanceof Resolution.Found d) || !d.stat().isDirectory()) {
                continue;
            }
            List<String> names;
            try {
                names = root.list(d.canonical());
            } catch (RootFsException e) {
                continue;
            }
            for (String n : names) {
                String p = (d.canonical().equals("/") ? "" : d.canonical()) + "/" + n;
                if (root.resolve(p) instanceof Resolution.Found f) {
                    FileStat st = f.stat();
                    if (st.isRegular() && st.anyExecuteBit()) {
                        seen.add(f.canonical());
                    }
                }
            }
        }
        return List.copyOf(seen);
    }
}
