package dev.execray.binary.elf;

import dev.execray.binary.BinaryFormatException;
import dev.execray.binary.ByteSource;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/** Section contents, inflating SHF_COMPRESSED sections with a bound on the size they may claim. */
final class SectionData {
    private SectionData() {
    }

    static Optional<CompressionHeader> compressionHeader(ElfFile elf, SectionHeader sh) {
        if (!sh.isCompressed() || !sh.hasFileBytes()) {
            return Optional.empty();
        }
        ByteSource src = elf.source();
        String what = "compression header of section " + sh.index() + " (" + sh.name() + ")";
        if (elf.header().is64()) {
            if (sh.size() < 24) {
                throw new BinaryFormatException(what, sh.offset(), "section of " + sh.size()
                        + " bytes is too small for an Elf64_Chdr (24 bytes)");
            }
            return Optional.of(new CompressionHeader(src.u32(sh.offset(), what), src.u64(sh.offset() + 8, what),
                    src.u64(sh.offset() + 16, what), 24));
        }
        if (sh.size() < 12) {
            throw new BinaryFormatException(what, sh.offset(), "section of " + sh.size()
                    + " bytes is too small for an Elf32_Chdr (12 bytes)");
        }
        return Optional.of(new CompressionHeader(src.u32(sh.offset(), what), src.u32(sh.offset() + 4, what),
                src.u32(sh.offset() + 8, what), 12));
    }

    static byte[] read(ElfFile elf, SectionHeader sh, long limit) {
        ByteSource src = elf.source();
        String what = "section " + sh.index() + " (" + sh.name() + ")";
        if (!sh.hasFileBytes()) {
            return new byte[0];
        }
        src.check(sh.offset(), sh.size(), what);
        Optional<CompressionHeader> ch = compressionHeader(elf, sh);
        if (ch.isEmpty()) {
            if (sh.size() > limit) {
                throw new BinaryFormatException(what, sh.offset(), sh.size() + " bytes exceed the limit of " + limit);
            }
            return src.bytes(sh.offset(), (int) sh.size(), what);
        }
        CompressionHeader h = ch.get();
        if (h.type() != CompressionHeader.ELFCOMPRESS_ZLIB) {
            throw new BinaryFormatException(what, sh.offset(), "compression type " + h.typeName()
                    + " cannot be read (only ZLIB is supported)");
        }
        if (h.size() < 0 || h.size() > limit) {
            throw new BinaryFormatException(what, sh.offset(), "ch_size " + Long.toUnsignedString(h.size())
                    + " exceeds the limit of " + limit + " bytes for decompressed data");
        }
        byte[] in = src.bytes(sh.offset() + h.headerSize(), (int) (sh.size() - h.headerSize()), what);
        byte[] out = new byte[(int) h.size()];
        Inflater inflater = new Inflater();
        try {
            inflater.setInput(in);
            int n = 0;
            while (n < out.length) {
                int k = inflater.inflate(out, n, out.length - n);
                if (k == 0) {
                    if (inflater.finished() || inflater.needsInput() || inflater.needsDictionary()) {
                        break;
                    }
                }
                n += k;
            }
            if (n < out.length) {
                throw new BinaryFormatException(what, sh.offset(), "zlib data ends after " + n
                        + " bytes, ch_size says " + h.size());
            }
            if (!inflater.finished()) {
                // there is more: the header lied about the size; do not inflate the rest
                byte[] probe = new byte[1];
                if (inflater.inflate(probe) > 0) {
                    throw new BinaryFormatException(what, sh.offset(), "zlib data is larger than ch_size "
                            + h.size());
                }
            }
            return out;
        } catch (DataFormatException e) {
            throw new BinaryFormatException(what, sh.offset() + h.headerSize(), "corrupt zlib data: " + e.getMessage());
        } finally {
            inflater.end();
        }
    }
}
