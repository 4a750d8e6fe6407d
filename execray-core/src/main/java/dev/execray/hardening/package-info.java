/**
 * Hardening properties of executables (checksec's columns for ELF, PE and Mach-O equivalents): RELRO, canary,
 * NX, PIE, FORTIFY, CET, RPATH/RUNPATH.
 */
package dev.execray.hardening;
