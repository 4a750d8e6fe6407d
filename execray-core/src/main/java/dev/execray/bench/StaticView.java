package dev.execray.bench;

import dev.execray.binary.ByteSource;
import dev.execray.exec.ld.DynamicLoaderStage;
import dev.execray.exec.ld.LoadedObject;
import dev.execray.exec.ld.LoaderSettings;
import dev.execray.golang.BuildInfoReader;
import dev.execray.golang.GoImages;
import dev.execray.place.Target;
import dev.execray.place.ldconfig.LoaderFs;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What execray knows of a program without running it, beside the measured figures: its libraries, whether it is Go. */
public final class StaticView {
    private StaticView() {
    }

    /** The objects glibc's or musl's loader would map besides the program, by execray's ldd; empty when not dynamic. */
    public static Optional<List<String>> libraries(Target host, Path program) {
        try {
            DynamicLoaderStage stage = DynamicLoaderStage.forCpu(LoaderFs.of(host.root()), Optional.empty());
            DynamicLoaderStage.Result r = stage.run(program.toString(), LoaderSettings.defaults()
                    .withWorkingDirectory(host.defaultWorkingDirectory()));
            if (r instanceof DynamicLoaderStage.Loaded l) {
                List<LoadedObject> all = l.result().loaded();
                return Optional.of(all.stream().skip(1).map(LoadedObject::name).toList());
            }
            return Optional.empty();
        } catch (dev.execray.binary.BinaryFormatException | java.io.UncheckedIOException e) {
            // a file the loader model cannot read gets no static view; the timing does not depend on it
            return Optional.empty();
        }
    }

    /** Whether the file carries Go build information. */
    public static boolean isGo(Path program) {
        try {
            BuildInfoReader.read(GoImages.open(ByteSource.map(program)));
            return true;
        } catch (dev.execray.binary.BinaryFormatException | dev.execray.golang.BuildInfoException | java.io.IOException e) {
            return false; // not a Go binary, or not one whose build information can be read
        }
    }
}
