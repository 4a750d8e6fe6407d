package dev.execray.scan.store;

import java.util.List;

/**
 * The store's schema, version by version. A database records its version in {@code PRAGMA user_version} and is
 * marked as execray's by {@code PRAGMA application_id}; opening it applies the missing migrations in order, so a
 * database made by an older execray keeps working. docs/scan.md describes every table.
 */
final class Schema {
    /** 'EXRY': what marks a SQLite file as an execray store. */
    static final int APPLICATION_ID = 0x45585259;

    private Schema() {
    }

    /** Migration i brings a database from version i to version i + 1. */
    static final List<List<String>> MIGRATIONS = List.of(List.of(
            """
            CREATE TABLE scans (
              id INTEGER PRIMARY KEY,            -- 1, 2, ... in the order made
              started TEXT NOT NULL,             -- ISO-8601 UTC
              options TEXT NOT NULL,             -- the command line's options, as JSON
              tool_version TEXT NOT NULL
            )""",
            """
            CREATE TABLE inputs (
              id INTEGER PRIMARY KEY,
              scan_id INTEGER NOT NULL REFERENCES scans(id),
              name TEXT NOT NULL, kind TEXT NOT NULL,
              base TEXT NOT NULL,                -- the walked directory inside the root
              root TEXT NOT NULL, platform TEXT NOT NULL,
              places TEXT NOT NULL,              -- JSON array: self first, then --targets
              errors TEXT NOT NULL, notes TEXT NOT NULL, millis INTEGER NOT NULL
            )""",
            """
            CREATE TABLE files (
              id INTEGER PRIMARY KEY,
              input_id INTEGER NOT NULL REFERENCES inputs(id),
              path TEXT NOT NULL, size INTEGER NOT NULL, mode INTEGER NOT NULL, sha256 TEXT NOT NULL,
              format TEXT NOT NULL, arch TEXT NOT NULL, os TEXT NOT NULL, type TEXT NOT NULL,
              interpreter TEXT, soname TEXT,
              glibc TEXT,                        -- newest GLIBC_x.y required, NULL when none
              problems TEXT NOT NULL,            -- JSON array
              package TEXT, package_version TEXT, package_arch TEXT, purl TEXT   -- the owning OS package, if known
            )""",
            "CREATE INDEX files_input_path ON files(input_id, path)",
            "CREATE INDEX files_sha256 ON files(sha256)",
            """
            CREATE TABLE verdicts (
              file_id INTEGER NOT NULL REFERENCES files(id),
              place TEXT NOT NULL,               -- 'self' = the input's own root
              status TEXT NOT NULL,              -- runs | depends | fails
              reason TEXT NOT NULL, errno TEXT
            )""",
            "CREATE INDEX verdicts_file ON verdicts(file_id)",
            "CREATE INDEX verdicts_status ON verdicts(status, place)",
            """
            CREATE TABLE hardening (
              file_id INTEGER PRIMARY KEY REFERENCES files(id),
              format TEXT NOT NULL,              -- ELF | PE | MACHO (schema 3)
              relro TEXT, canary INTEGER, nx INTEGER, pie TEXT,
              fortify INTEGER, fortified INTEGER, fortifiable INTEGER,
              rpath TEXT, runpath TEXT, risky_paths TEXT,
              ibt INTEGER, shstk INTEGER, stripped INTEGER, wx INTEGER, exec_stack INTEGER,
              dynamic_base INTEGER, high_entropy_va INTEGER, nx_compat INTEGER, guard_cf INTEGER,
              no_seh INTEGER, force_integrity INTEGER, signed INTEGER,
              missing TEXT NOT NULL              -- JSON array of the mitigations the file lacks
            )""",
            """
            CREATE TABLE libraries (
              file_id INTEGER NOT NULL REFERENCES files(id),
              position INTEGER NOT NULL, name TEXT NOT NULL
            )""",
            "CREATE INDEX libraries_file ON libraries(file_id)",
            "CREATE INDEX libraries_name ON libraries(name)",
            """
            CREATE TABLE go (
              file_id INTEGER PRIMARY KEY REFERENCES files(id),
              go_version TEXT NOT NULL, recovered INTEGER NOT NULL, main_path TEXT NOT NULL, main_version TEXT NOT NULL
            )""",
            """
            CREATE TABLE modules (
              file_id INTEGER NOT NULL REFERENCES files(id),
              path TEXT NOT NULL, version TEXT NOT NULL, sum TEXT NOT NULL
            )""",
            "CREATE INDEX modules_file ON modules(file_id)",
            "CREATE INDEX modules_path ON modules(path, version)"),
            // 2: which file each library of a program resolves to in the input's own root
            List.of("""
            CREATE TABLE resolutions (
              file_id INTEGER NOT NULL REFERENCES files(id),
              position INTEGER NOT NULL,         -- ldd's order: load order, the interpreter included
              name TEXT NOT NULL,                -- the name asked for (DT_NEEDED, or the interpreter's path)
              path TEXT,                         -- the file the loader opens; NULL = not found
              how TEXT NOT NULL                  -- ld.so.cache, RUNPATH, default directory ... or why not found
            )""",
            "CREATE INDEX resolutions_file ON resolutions(file_id)",
            "CREATE INDEX resolutions_name ON resolutions(name, path)"),
            // 3: Mach-O hardening (format 'MACHO'; pie, canary, nx = the stack, fortified, rpath, signed are shared)
            List.of("ALTER TABLE hardening ADD COLUMN nx_heap INTEGER",
                    "ALTER TABLE hardening ADD COLUMN arc INTEGER",
                    "ALTER TABLE hardening ADD COLUMN restrict_segment INTEGER",
                    "ALTER TABLE hardening ADD COLUMN encrypted INTEGER",
                    "ALTER TABLE hardening ADD COLUMN hardened_runtime INTEGER"),
            // 4: reuse of earlier results (docs/scan.md): each file's stamp, each input's fingerprint and counts
            List.of("ALTER TABLE files ADD COLUMN device INTEGER",       // NULL: no stamp (an image's file)
                    "ALTER TABLE files ADD COLUMN inode INTEGER",
                    "ALTER TABLE files ADD COLUMN mtime_ns INTEGER",
                    "ALTER TABLE files ADD COLUMN ctime_ns INTEGER",
                    "CREATE INDEX files_stamp ON files(inode, ctime_ns)",
                    "ALTER TABLE inputs ADD COLUMN fingerprint TEXT",    // NULL: its verdicts are never reused
                    "ALTER TABLE inputs ADD COLUMN fortify_key TEXT",    // the fortify catalogue's identity
                    "ALTER TABLE inputs ADD COLUMN files_analysed INTEGER",
                    "ALTER TABLE inputs ADD COLUMN files_reused INTEGER",
                    "ALTER TABLE inputs ADD COLUMN files_not_read INTEGER",
                    "ALTER TABLE inputs ADD COLUMN whole_input_reused INTEGER",
                    "CREATE INDEX inputs_fingerprint ON inputs(fingerprint)"),
            // 5: reuse of a tree's verdicts in its own root (docs/scan.md): what they read, and under which facts
            List.of("ALTER TABLE inputs ADD COLUMN facts_key TEXT",      // NULL: an image, or nothing recorded
                    "ALTER TABLE inputs ADD COLUMN verdicts_reused INTEGER",
                    "CREATE INDEX inputs_facts ON inputs(facts_key)",
                    "ALTER TABLE files ADD COLUMN own_reads TEXT",       // JSON array: itself, its chain, its libraries
                    """
                    CREATE TABLE verdict_deps (
                      input_id INTEGER NOT NULL REFERENCES inputs(id),
                      path TEXT NOT NULL,                -- a path of the root the verdicts read
                      stamp TEXT NOT NULL                -- its type, identity and times then ('-' = absent)
                    )""",
                    "CREATE INDEX verdict_deps_input ON verdict_deps(input_id)",
                    // the package database's files the owners were read from: unchanged, the owners are kept
                    "ALTER TABLE inputs ADD COLUMN package_source TEXT",
                    """
                    CREATE TABLE package_deps (
                      input_id INTEGER NOT NULL REFERENCES inputs(id),
                      path TEXT NOT NULL, stamp TEXT NOT NULL
                    )""",
                    "CREATE INDEX package_deps_input ON package_deps(input_id)"),
            // 6: directories of a tree whose files that are not candidates a re-scan need not read again
            List.of("""
                    CREATE TABLE quiet_dirs (
                      input_id INTEGER NOT NULL REFERENCES inputs(id),
                      path TEXT NOT NULL,                -- a directory of the root
                      stamp TEXT NOT NULL                -- digest of its non-candidate files' names and stamps
                    )""",
                    "CREATE INDEX quiet_dirs_input ON quiet_dirs(input_id)"));

    static int latest() {
        return MIGRATIONS.size();
    }
}
