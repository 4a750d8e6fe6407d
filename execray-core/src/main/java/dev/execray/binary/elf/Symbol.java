package dev.execray.binary.elf;

import java.util.Optional;

/**
 * One symbol (Elf32_Sym / Elf64_Sym). {@code shndx} is st_shndx as stored; {@code sectionIndex} is
 * the section it refers to after SHN_XINDEX has been resolved through SHT_SYMTAB_SHNDX (equal to
 * {@code shndx} otherwise). {@code version} is present for dynamic symbols of files with symbol
 * versioning.
 */
public record Symbol(
        int index,
        long nameOffset,
        String name,
        long value,
        long size,
        Coded<SymbolType> type,
        Coded<SymbolBinding> binding,
        Coded<SymbolVisibility> visibility,
        int other,
        int shndx,
        long sectionIndex,
        Optional<SymbolVersion> version) {

    public static final int SHN_UNDEF = 0;
    public static final int SHN_LORESERVE = 0xff00;
    public static final int SHN_ABS = 0xfff1;
    public static final int SHN_COMMON = 0xfff2;
    public static final int SHN_XINDEX = 0xffff;

    public boolean isUndefined() {
        return shndx == SHN_UNDEF;
    }

    public boolean isAbsolute() {
        return shndx == SHN_ABS;
    }

    public boolean isCommon() {
        return shndx == SHN_COMMON;
    }

    /** Defined here: neither undefined nor a common block still to be allocated. */
    public boolean isDefined() {
        return shndx != SHN_UNDEF;
    }
}
