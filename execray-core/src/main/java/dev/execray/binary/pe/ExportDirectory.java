package dev.execray.binary.pe;

import java.util.List;

/** The export directory table and the exports it describes, by ordinal. */
public record ExportDirectory(String name, long characteristics, long timeDateStamp, int majorVersion,
        int minorVersion, long ordinalBase, long numberOfFunctions, long numberOfNames, List<Export> exports) {
    public static final int SIZE = 40;

    public ExportDirectory {
        exports = List.copyOf(exports);
    }
}
