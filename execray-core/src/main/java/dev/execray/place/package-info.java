/**
 * The place a program is to run in, as facts: OS, architecture, kernel version and features, C library,
 * binfmt_misc registry, mounts; target profiles and place files. Facts only: no exec rules here.
 */
package dev.execray.place;
