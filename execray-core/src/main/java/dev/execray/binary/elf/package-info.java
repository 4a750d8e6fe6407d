/**
 * ELF (System V gABI and the psABIs): header, program and section headers, dynamic section, symbols and versions,
 * notes, relocations; every layout declared once ({@link dev.execray.binary.elf.ElfField}) and every constant an enum.
 */
package dev.execray.binary.elf;
