package dev.execray.runtime.trace;

/** Receives what {@link TraceReader} finds, line by line, in order. */
public interface TraceSink {
    void event(long line, TraceEvent event);

    /** A line that was not runtime trace output (the program's own stderr). */
    default void programOutput(long line) {
    }

    /** A line with a trace marker that does not follow the format; {@code text} is cut to a readable length. */
    default void unreadable(long line, int column, String expected, String text) {
    }

    /** Several sinks fed from one read. */
    static TraceSink all(TraceSink... sinks) {
        return new TraceSink() {
            @Override
            public void event(long line, TraceEvent event) {
                for (TraceSink s : sinks) {
                    s.event(line, event);
                }
            }

            @Override
            public void programOutput(long line) {
                for (TraceSink s : sinks) {
                    s.programOutput(line);
                }
            }

            @Override
            public void unreadable(long line, int column, String expected, String text) {
                for (TraceSink s : sinks) {
                    s.unreadable(line, column, expected, text);
                }
            }
        };
    }
}
