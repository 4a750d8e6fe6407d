package dev.execray.golang;

/**
 * The oldest operating systems a Go release supports, as its release notes and the Go wiki state them.
 * Versions are strings as the vendors write them ("2.6.32", "10.15", "10 / Server 2016").
 */
public record MinimumOs(String linuxKernel, String macos, String windows, String freebsd) {
}
