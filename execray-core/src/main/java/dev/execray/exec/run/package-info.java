/**
 * After the loader: whether the program can run on the OS it was built for (OS notes, Go GOOS).
 */
package dev.execray.exec.run;
