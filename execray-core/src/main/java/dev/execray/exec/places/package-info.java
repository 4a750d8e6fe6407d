/**
 * Verdicts over many places at once: matrix, check-image and the rules of macOS, Windows and FreeBSD places.
 */
package dev.execray.exec.places;
