/**
 * PATH search as the shells, execvp, Go os/exec and Python do it (and Windows), before the kernel is asked.
 */
package dev.execray.exec.lookup;
