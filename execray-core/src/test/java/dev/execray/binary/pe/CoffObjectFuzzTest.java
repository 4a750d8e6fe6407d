package dev.execray.binary.pe;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import dev.execray.report.CoffReport;
import dev.execray.report.InspectDetail;
import java.io.PrintWriter;
import java.io.Writer;
import java.util.EnumSet;

/** Any bytes read as a bare COFF object: a view whose tables answer, or a format error; no hang, no OOM. */
class CoffObjectFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void anyBytesGiveAViewOrAFormatError(byte[] data) {
        CoffObjectFile c;
        try {
            c = CoffObjectFile.read(ByteSource.of(data));
        } catch (BinaryFormatException e) {
            return;
        }
        c.sections().forEach(c::relocationCount);
        c.symbols();
        CoffReport.json("fuzz", c);
        CoffReport.text("fuzz", c, EnumSet.allOf(InspectDetail.class), new PrintWriter(Writer.nullWriter()));
    }
}
