/**
 * The embedded SQLite store of scans: versioned schema, migrations, one transaction per input, read-only queries.
 */
package dev.execray.scan.store;
