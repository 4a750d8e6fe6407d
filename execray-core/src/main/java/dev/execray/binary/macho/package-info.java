/**
 * Mach-O and universal (fat) files: load commands, segments, symbols, dyld information, code signatures.
 */
package dev.execray.binary.macho;
