package dev.execray.binary;

import java.util.ArrayList;
import java.util.List;

/**
 * A named bit of a flags field defined by a format specification ({@code IMAGE_FILE_DLL},
 * {@code MH_PIE}). Implemented by the flag enums so that decoding a field, and naming the bits no
 * specification defines, is written once.
 */
public interface SpecFlag {
    long mask();

    /** The name the specification gives the bit, e.g. {@code IMAGE_DLLCHARACTERISTICS_NX_COMPAT}. */
    String specName();

    /** The flags of {@code all} set in {@code bits}, in declaration order. */
    static <F extends Enum<F> & SpecFlag> List<F> decode(F[] all, long bits) {
        List<F> set = new ArrayList<>();
        for (F f : all) {
            if (f.mask() != 0 && (bits & f.mask()) == f.mask()) {
                set.add(f);
            }
        }
        return List.copyOf(set);
    }

    /** The bits of {@code bits} that no flag of {@code all} names. */
    static <F extends Enum<F> & SpecFlag> long unknownBits(F[] all, long bits) {
        long known = 0;
        for (F f : all) {
            known |= f.mask();
        }
        return bits & ~known;
    }

    /**
     * The spec names of the set flags, then one {@code 0x...} entry for bits no flag names: what
     * text and JSON output show, so that nothing in the field is silently dropped.
     */
    static <F extends Enum<F> & SpecFlag> List<String> names(F[] all, long bits) {
        List<String> out = new ArrayList<>();
        for (F f : decode(all, bits)) {
            out.add(f.specName());
        }
        long rest = unknownBits(all, bits);
        if (rest != 0) {
            out.add("0x" + Long.toHexString(rest));
        }
        return List.copyOf(out);
    }
}
