package dev.execray.scan;

/**
 * The OS package a file belongs to, from the root's package database.
 *
 * @param purl e.g. {@code pkg:deb/debian/coreutils@9.1-1?arch=amd64}
 */
public record OsPackage(String name, String version, String arch, String purl) {
}
