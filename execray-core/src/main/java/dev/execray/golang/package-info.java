/**
 * Go metadata read from any executable format without running it: build info (also when stripped, recovered),
 * the function table (pclntab), module data, init order, the Go version and {@code go version -m} semantics.
 */
package dev.execray.golang;
