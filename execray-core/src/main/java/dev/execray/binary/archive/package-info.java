/**
 * Static archives ({@code !<arch>}, GNU, BSD and thin) and bare COFF objects; members read with the object readers.
 */
package dev.execray.binary.archive;
