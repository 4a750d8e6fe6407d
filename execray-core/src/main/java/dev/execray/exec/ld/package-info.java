/**
 * The dynamic loader (glibc ld.so and musl): library search, versions, symbol binding, preload and audit,
 * as ldd and the real start would see them; static ldd.
 */
package dev.execray.exec.ld;
