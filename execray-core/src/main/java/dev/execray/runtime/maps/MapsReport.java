package dev.execray.runtime.maps;

import dev.execray.runtime.Finding;
import java.util.List;

/** A maps snapshot attributed: per object totals, every mapping with its segment, and findings. */
public record MapsReport(
        String source,
        boolean smaps,
        long pageSize,
        int mappingCount,
        long totalSizeKiB,
        long totalRssKiB,
        long totalPssKiB,
        List<MappedObject> objects,
        List<AttributedMapping> mappings,
        List<AttributedMapping> writableExecutable,
        long problemCount,
        List<MapsSnapshot.Problem> problems,
        List<Finding> findings) {
}
