/**
 * Container images (docker-save archives, OCI layouts and archives): manifests, configs and layers applied in
 * order with whiteouts, streamed and bounded, into a root.
 */
package dev.execray.rootfs.image;
