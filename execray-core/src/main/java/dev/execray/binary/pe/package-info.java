/**
 * PE/COFF images (Microsoft PE format): headers, data directories, imports, exports, resources, debug entries.
 */
package dev.execray.binary.pe;
