/**
 * The dynamic loader's configuration in a place: ld.so.conf, ld.so.cache, glibc's hardware capabilities and
 * per-architecture loader facts, read from the place's root.
 */
package dev.execray.place.ldconfig;
