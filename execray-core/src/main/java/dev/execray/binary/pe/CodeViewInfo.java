package dev.execray.binary.pe;

/**
 * A CodeView debug record naming the PDB that matches the image. {@code signature} is "RSDS"
 * (PDB 7.0: {@code guid} in registry format) or "NB10" (PDB 2.0: {@code guid} holds the 32-bit
 * signature in hex).
 */
public record CodeViewInfo(String signature, String guid, long age, String pdbPath) {
}
