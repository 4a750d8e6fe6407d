package dev.execray.binary.macho;

/**
 * The packed versions of Mach-O: {@code xxxx.yy.zz} in 16.8.8 bits (dylib current and compatibility
 * versions, minimum OS and SDK), and the 24.10.10.10.10-bit source version.
 */
public final class MachVersion {
    private MachVersion() {
    }

    /** "x.y.z", always three parts: how otool and ld show dylib current and compatibility versions. */
    public static String dylib(long v) {
        return ((v >>> 16) & 0xffff) + "." + ((v >>> 8) & 0xff) + "." + (v & 0xff);
    }

    /** "x.y" or "x.y.z": OS and SDK versions are shown without a zero patch level (otool, ld). */
    public static String os(long v) {
        long patch = v & 0xff;
        String xy = ((v >>> 16) & 0xffff) + "." + ((v >>> 8) & 0xff);
        return patch == 0 ? xy : xy + "." + patch;
    }

    /** "a.b.c.d.e" from LC_SOURCE_VERSION. */
    public static String source(long v) {
        return (v >>> 40) + "." + ((v >>> 30) & 0x3ff) + "." + ((v >>> 20) & 0x3ff) + "." + ((v >>> 10) & 0x3ff)
                + "." + (v & 0x3ff);
    }
}
