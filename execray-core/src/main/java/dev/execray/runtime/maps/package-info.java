/**
 * /proc/PID/maps and smaps: parsing, attribution of mappings to objects, differences between snapshots.
 */
package dev.execray.runtime.maps;
