package dev.execray.binary.elf;

/** One Elf_Verdaux: a name of a version definition; {@code offset} is relative to the section start. */
public record VersionDefinitionAux(long offset, long nameOffset, String name) {
}
