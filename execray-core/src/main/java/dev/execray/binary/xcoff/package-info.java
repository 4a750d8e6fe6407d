/**
 * XCOFF32 and XCOFF64 (AIX): file, auxiliary and section headers, the loader section, the symbol table.
 */
package dev.execray.binary.xcoff;
