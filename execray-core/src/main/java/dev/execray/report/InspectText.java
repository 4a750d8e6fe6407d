package dev.execray.report;

import dev.execray.binary.BinaryFile;
import java.io.PrintWriter;
import java.util.Set;

/** Human text for {@code execray inspect}: dispatches on what the file is. */
public final class InspectText {
    private InspectText() {
    }

    public static void render(String path, BinaryFile file, Set<InspectDetail> details, PrintWriter out) {
        if (file instanceof BinaryFile.Elf e) {
            ElfText.render(path, e.elf(), details, out);
        } else if (file instanceof BinaryFile.Pe pe) {
            PeText.render(path, pe.pe(), details, out);
        } else if (file instanceof BinaryFile.MachO m) {
            MachOText.render(path, m.macho(), details, out);
        } else if (file instanceof BinaryFile.Fat fat) {
            MachOText.renderFat(path, fat.fat(), details, out);
        } else if (file instanceof BinaryFile.Xcoff x) {
            XcoffWasmReport.xcoffText(path, x.xcoff(), out);
        } else if (file instanceof BinaryFile.Wasm w) {
            XcoffWasmReport.wasmText(path, w.wasm(), out);
        } else if (file instanceof BinaryFile.Coff c) {
            CoffReport.text(path, c.coff(), details, out);
        } else if (file instanceof BinaryFile.Archive a) {
            ArchiveReport.text(path, a, details, out);
        } else if (file instanceof BinaryFile.Script s) {
            out.println(Escape.text(path + ": script, " + s.firstLine()));
        } else if (file instanceof BinaryFile.Unknown u) {
            out.println(Escape.text(path + ": not an executable format execray reads (" + u.reason() + ")"));
        }
    }
}
