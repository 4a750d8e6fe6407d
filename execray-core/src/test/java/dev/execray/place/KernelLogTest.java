package dev.execray.place;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** /dev/kmsg records: a log whose first record is not number 0 lost its oldest records, boot messages included. */
class KernelLogTest {
    @TempDir
    Path dir;

    @Test
    void aRecordsSequenceNumberIsItsSecondField() {
        assertThat(KernelLog.sequence("6,0,0,-;Linux version 6.18.44")).isZero();
        assertThat(KernelLog.sequence("4,81234,7348746910,-;dyn[1]: segfault")).isEqualTo(81234);
        assertThat(KernelLog.sequence("no record")).isEqualTo(-1);
        assertThat(KernelLog.sequence("6,x,0,-;odd")).isEqualTo(-1);
        assertThat(KernelLog.sequence("6;0,1,2")).isEqualTo(-1);
    }

    @Test
    void aLogIsFromBootOnlyWhenItsFirstRecordIsNumberZero() throws IOException {
        Path fromBoot = dir.resolve("kmsg-boot");
        Files.writeString(fromBoot, "6,0,0,-;Linux version 6.18.44\n");
        assertThat(KernelLog.readKmsg(fromBoot)).hasValueSatisfying(r -> {
            assertThat(r.fromBoot()).isTrue();
            assertThat(r.lines()).anyMatch(l -> l.startsWith("Linux version"));
        });
        Path wrapped = dir.resolve("kmsg-wrapped");
        Files.writeString(wrapped, "4,81234,7348746910,-;dyn[1]: segfault at 0\n");
        assertThat(KernelLog.readKmsg(wrapped)).hasValueSatisfying(r -> assertThat(r.fromBoot()).isFalse());
        assertThat(KernelLog.readKmsg(dir.resolve("missing"))).isEmpty();
    }
}
