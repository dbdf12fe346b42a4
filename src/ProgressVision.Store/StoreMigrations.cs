namespace ProgressVision.Store;

/// <summary>
/// The schema as an ordered list of migrations. <c>PRAGMA user_version</c> records how many have
/// run; each runs in its own transaction together with the version bump, so a database is always at
/// exactly one version. Never edit a shipped migration: append a new one.
/// </summary>
internal static class StoreMigrations
{
    /// <summary>Migration i brings the schema from version i to i+1.</summary>
    internal static readonly string[] Steps =
    [
        // 1: clients, sessions, photos, analyses, consent.
        """
        CREATE TABLE clients (
            id          INTEGER PRIMARY KEY,
            name        TEXT NOT NULL COLLATE NOCASE UNIQUE CHECK (length(trim(name)) > 0),
            notes       TEXT,
            created_utc TEXT NOT NULL
        );
        CREATE TABLE sessions (
            id           INTEGER PRIMARY KEY,
            client_id    INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            number       INTEGER NOT NULL CHECK (number > 0),
            date         TEXT NOT NULL,
            practitioner TEXT,
            notes        TEXT,
            pigment      TEXT,
            UNIQUE (client_id, number)
        );
        CREATE TABLE photos (
            id            INTEGER PRIMARY KEY,
            session_id    INTEGER NOT NULL REFERENCES sessions(id) ON DELETE CASCADE,
            view          TEXT NOT NULL,
            sha256        TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
            original_path TEXT NOT NULL,
            library_file  TEXT NOT NULL,
            width         INTEGER NOT NULL,
            height        INTEGER NOT NULL,
            capture_date  TEXT,
            imported_utc  TEXT NOT NULL,
            UNIQUE (session_id, view)
        );
        CREATE TABLE analyses (
            id              INTEGER PRIMARY KEY,
            before_photo_id INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
            after_photo_id  INTEGER NOT NULL REFERENCES photos(id) ON DELETE CASCADE,
            result_json     TEXT NOT NULL,
            dots_json       TEXT,
            model_sha256    TEXT,
            program_version TEXT NOT NULL,
            created_utc     TEXT NOT NULL,
            UNIQUE (before_photo_id, after_photo_id)
        );
        CREATE TABLE consents (
            id          INTEGER PRIMARY KEY,
            client_id   INTEGER NOT NULL REFERENCES clients(id) ON DELETE CASCADE,
            scope       TEXT NOT NULL CHECK (scope IN ('internal', 'client-review', 'public-portfolio')),
            granted_utc TEXT NOT NULL,
            revoked_utc TEXT,
            note        TEXT
        );
        CREATE INDEX sessions_client ON sessions(client_id);
        CREATE INDEX photos_session ON photos(session_id);
        CREATE INDEX consents_client ON consents(client_id);
        """,
        // 2: where an imported client came from (the sample manifest's id), so re-imports are idempotent.
        """
        ALTER TABLE clients ADD COLUMN external_id TEXT;
        CREATE UNIQUE INDEX clients_external_id ON clients(external_id) WHERE external_id IS NOT NULL;
        """,
        // 3: each photo's scale (millimetres per pixel, e.g. from a ruler in the shot), so analyses
        // report dots/cm² and mm² gaps. NULL = unknown; the CHECK mirrors PhotoScale's plausibility range.
        """
        ALTER TABLE photos ADD COLUMN mm_per_px REAL CHECK (mm_per_px IS NULL OR (mm_per_px > 0 AND mm_per_px < 10));
        """,
        // 4: the clinic's own targets (one JSON document under the key 'targets') and a client's own density
        // target, e.g. the native follicle density measured at the sides. NULL = the clinic's target.
        """
        CREATE TABLE settings (
            key   TEXT PRIMARY KEY,
            value TEXT NOT NULL
        );
        ALTER TABLE clients ADD COLUMN target_density_per_cm2 REAL
            CHECK (target_density_per_cm2 IS NULL OR (target_density_per_cm2 > 0 AND target_density_per_cm2 <= 1000));
        """,
    ];

    /// <summary>The schema version this program writes.</summary>
    internal static int Latest => Steps.Length;

    /// <summary>Brings the database up to <see cref="Latest"/>; returns the version.</summary>
    public static int Apply(ClinicStore store)
    {
        int version = store.Scalar<int>("PRAGMA user_version;");
        if (version > Latest)
        {
            throw new StoreException(StoreProblem.NewerSchema,
                $"{store.DatabasePath}: written by a newer ProgressVision (schema {version}, this program knows up to {Latest}); update the program.");
        }

        while (version < Latest)
        {
            int from = version;
            store.Write(() =>
            {
                // Re-read inside the write lock: another process may have migrated meanwhile.
                int now = store.Scalar<int>("PRAGMA user_version;");
                if (now != from)
                {
                    return 0;
                }

                store.Execute(Steps[from]);
                store.Execute($"PRAGMA user_version = {from + 1};");
                return 0;
            });
            version = store.Scalar<int>("PRAGMA user_version;");
        }

        return version;
    }
}
