package dev.execray.runtime.maps;

/**
 * A PT_LOAD program header, reduced to what attribution needs: which file bytes go to which
 * addresses with which permissions. {@code index} is the program header's index, as readelf numbers it.
 */
public record LoadSegment(int index, long offset, long vaddr, long filesz, long memsz, boolean readable, boolean writable,
        boolean executable) {

    /** The flags as readelf prints them ("R E", "RW "). */
    public String flagString() {
        return (readable ? "R" : " ") + (writable ? "W" : " ") + (executable ? "E" : " ");
    }
}
