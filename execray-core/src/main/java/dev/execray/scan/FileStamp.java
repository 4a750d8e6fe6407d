package dev.execray.scan;

/**
 * What this machine's file system says about one version of a file, read before its bytes: device, inode, size,
 * modification and status-change times (nanoseconds). Any write, truncation, rename over it, chmod or {@code touch}
 * changes the ctime, which no unprivileged program can set back; so an equal stamp means equal bytes (docs/scan.md,
 * "Reuse of earlier results"). Only files of directory trees and file lists have one: an image's files are
 * identified by their SHA-256.
 */
public record FileStamp(long device, long inode, long size, long mtimeNanos, long ctimeNanos) {
}
