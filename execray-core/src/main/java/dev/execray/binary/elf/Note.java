package dev.execray.binary.elf;

import java.util.Arrays;

/**
 * One ELF note: its owner {@code name} (without the NUL), {@code type}, the descriptor bytes, the
 * type's name as readelf prints it, and what execray understood of it. {@code offset} is the file
 * offset of the note header; {@code descSize} is n_descsz as stored; {@code name} ends at the first
 * NUL of {@code nameData}.
 */
public record Note(long offset, String name, long type, String typeName, long descSize, byte[] desc,
        NoteContent content, byte[] nameData) {

    public static final int NT_GNU_ABI_TAG = 1;
    public static final int NT_GNU_BUILD_ID = 3;
    public static final int NT_GNU_GOLD_VERSION = 4;
    public static final int NT_GNU_PROPERTY_TYPE_0 = 5;
    public static final int NT_GO_BUILDID = 4;

    public Note {
        desc = desc.clone();
        nameData = nameData.clone();
    }

    /** The n_namesz bytes of the name field as stored (GNU build-attribute notes encode values there). */
    @Override
    public byte[] nameData() {
        return nameData.clone();
    }

    @Override
    public byte[] desc() {
        return desc.clone();
    }

    /** Length of the descriptor without copying it. */
    public int descLength() {
        return desc.length;
    }

    /** Descriptor byte {@code i} without copying. */
    public int descByte(int i) {
        return desc[i] & 0xff;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Note n && n.offset == offset && n.name.equals(name) && n.type == type
                && Arrays.equals(n.desc, desc);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(offset) * 31 + name.hashCode() + Long.hashCode(type);
    }

    @Override
    public String toString() {
        return "Note[" + name + " " + typeName + " " + content + "]";
    }
}
