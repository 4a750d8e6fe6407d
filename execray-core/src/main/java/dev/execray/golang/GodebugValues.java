package dev.execray.golang;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/** The values a GODEBUG setting accepts; {@link #check} says what is wrong with one, if anything. */
public sealed interface GodebugValues {

    /** Empty when {@code value} is acceptable, else a short reason. */
    Optional<String> check(String value);

    /** How the accepted values are described to a user: "0|1", "integer 0..1024". */
    String describe();

    static GodebugValues choices(String... values) {
        return new Choices(List.of(values));
    }

    static GodebugValues integer(long min, long max) {
        return new IntRange(min, max);
    }

    static GodebugValues pattern(String regex, String description) {
        return new Matching(Pattern.compile(regex), description);
    }

    record Choices(List<String> values) implements GodebugValues {
        @Override
        public Optional<String> check(String value) {
            return values.contains(value) ? Optional.empty()
                    : Optional.of("value \"" + value + "\" is not one of " + describe());
        }

        @Override
        public String describe() {
            return String.join("|", values);
        }
    }

    /**
     * The runtime's own keys are parsed with its atoi: anything that is not a decimal integer is silently
     * ignored (runtime1.go parsegodebug), so a non-number is as wrong as an out-of-range number.
     */
    record IntRange(long min, long max) implements GodebugValues {
        @Override
        public Optional<String> check(String value) {
            long n;
            try {
                n = Long.parseLong(value);
            } catch (NumberFormatException e) {
                return Optional.of("value \"" + value + "\" is not an integer; the runtime ignores it");
            }
            if (n < min || n > max) {
                return Optional.of("value " + n + " is out of range " + describe());
            }
            return Optional.empty();
        }

        @Override
        public String describe() {
            return max == Long.MAX_VALUE ? "integer \u2265 " + min : "integer " + min + ".." + max;
        }
    }

    record Matching(Pattern regex, String description) implements GodebugValues {
        @Override
        public Optional<String> check(String value) {
            return regex.matcher(value).matches() ? Optional.empty()
                    : Optional.of("value \"" + value + "\" is not " + description);
        }

        @Override
        public String describe() {
            return description;
        }
    }
}
