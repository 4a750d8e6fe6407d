/**
 * Where files are looked up: a root (the host, a directory, an image) resolved like the kernel resolves paths
 * inside a chroot (RESOLVE_IN_ROOT), with errors as {@link dev.execray.rootfs.Errno}. Never writes outside its target.
 */
package dev.execray.rootfs;
