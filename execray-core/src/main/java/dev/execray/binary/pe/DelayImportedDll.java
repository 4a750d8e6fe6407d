package dev.execray.binary.pe;

import java.util.List;

/**
 * One delay-load descriptor: a DLL loaded on first call, not at start. Addresses are RVAs (already
 * converted from VAs for old descriptors whose {@code attributes} bit 0 is clear).
 */
public record DelayImportedDll(String name, long attributes, long moduleHandleRva, long importAddressTableRva,
        long importNameTableRva, long boundImportAddressTableRva, long unloadInformationTableRva,
        long timeDateStamp, List<ImportedFunction> functions) {
    public DelayImportedDll {
        functions = List.copyOf(functions);
    }
}
