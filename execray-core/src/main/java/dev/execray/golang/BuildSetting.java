package dev.execray.golang;

/** One "build" line of the build info: a key such as GOOS or -trimpath and its value (byte strings). */
public record BuildSetting(String key, String value) {
}
