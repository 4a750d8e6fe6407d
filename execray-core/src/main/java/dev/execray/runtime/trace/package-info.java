/**
 * GODEBUG gctrace and schedtrace logs: line formats per Go release, GC and scheduler analyses.
 */
package dev.execray.runtime.trace;
