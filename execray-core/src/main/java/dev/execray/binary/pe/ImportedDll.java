package dev.execray.binary.pe;

import java.util.List;

/**
 * One import directory entry: a DLL and the functions taken from it. Table addresses are RVAs as
 * in the descriptor; {@code importLookupTableRva} is 0 in old images that only have the IAT.
 */
public record ImportedDll(String name, long importLookupTableRva, long timeDateStamp, long forwarderChain,
        long importAddressTableRva, List<ImportedFunction> functions) {
    public ImportedDll {
        functions = List.copyOf(functions);
    }
}
