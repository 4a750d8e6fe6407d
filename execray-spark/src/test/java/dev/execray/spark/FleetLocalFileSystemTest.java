package dev.execray.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The job's local file system sets the modes Hadoop's would, through java.nio. */
class FleetLocalFileSystemTest {
    @TempDir
    java.nio.file.Path dir;

    @Test
    void everyModeBitMapsToItsPermission() {
        for (int mode = 0; mode < 01000; mode++) {
            String rwx = PosixFilePermissions.toString(FleetLocalFileSystem.permissions(mode));
            assertThat(rwx).as("mode %o", mode).isEqualTo(new FsPermission((short) mode).toString());
        }
    }

    @Test
    void filesAndDirectoriesGetTheirModesAndTheConfigurationChoosesThisClass() throws Exception {
        Configuration conf = new Configuration(false);
        FleetLocalFileSystem.use(conf);
        FileSystem fs = new Path(dir.toUri()).getFileSystem(conf);
        assertThat(fs).isInstanceOf(FleetLocalFileSystem.class);
        Path sub = new Path(dir.toUri().toString(), "a/b");
        assertThat(fs.mkdirs(sub, new FsPermission((short) 0750))).isTrue();
        Path file = new Path(sub, "part-00000.txt");
        try (FSDataOutputStream out = fs.create(file, new FsPermission((short) 0640), false, 4096, (short) 1, 1 << 20,
                null)) {
            out.writeBytes("x\n");
        }
        fs.setPermission(file, new FsPermission((short) 0604));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b"))))
                .isEqualTo("rwxr-x---");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("a/b/part-00000.txt"))))
                .isEqualTo("rw----r--");
        assertThat(Files.readString(dir.resolve("a/b/part-00000.txt"))).isEqualTo("x\n");
    }
}
