/**
 * The kernel's part of execve: open_exec, the binfmt handlers (binfmt_misc, #! scripts, ELF) and the ELF loader's
 * checks, with the kernel's errnos and limits.
 */
package dev.execray.exec.kernel;
