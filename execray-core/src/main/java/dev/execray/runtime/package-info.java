/**
 * Go runtime diagnostics of programs that ran elsewhere: GODEBUG traces and /proc maps, analysed from their text.
 */
package dev.execray.runtime;
