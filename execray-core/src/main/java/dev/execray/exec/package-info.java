/**
 * Stage 2, the simulated exec path: {@link dev.execray.exec.ExecSimulator} drives lookup, the kernel, the dynamic
 * loader, emulators and the program OS check over a place and returns a verdict. Never executes the program.
 */
package dev.execray.exec;
