package dev.execray.runtime.maps;

import java.util.List;

/** A read /proc/PID/maps or smaps: the mappings in file order, and the lines that could not be read. */
public record MapsSnapshot(String source, boolean smaps, List<Mapping> mappings, long problemCount, List<Problem> problems) {

    /** A line that is neither a mapping header nor an smaps field. */
    public record Problem(long line, String message, String text) {
        @Override
        public String toString() {
            return "line " + line + ": " + message + ": " + text;
        }
    }

    /** Total size of all mappings. */
    /** The kernel's page size as smaps reports it; 4 KiB (x86-64, most arm64 kernels) from a plain maps file. */
    public long kernelPageSize() {
        return mappings.stream().map(m -> m.kib("KernelPageSize")).filter(java.util.OptionalLong::isPresent)
                .mapToLong(o -> o.getAsLong() * 1024).filter(v -> v >= 4096 && Long.bitCount(v) == 1).min().orElse(4096);
    }

    public long totalSize() {
        return mappings.stream().mapToLong(Mapping::size).sum();
    }
}
