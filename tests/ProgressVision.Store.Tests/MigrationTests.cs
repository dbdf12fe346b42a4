using ProgressVision.Store.Model;

namespace ProgressVision.Store.Tests;

public class MigrationTests
{
    [Fact]
    public void NewDatabase_IsWal_AtLatestSchema_AndPassesIndependentIntegrityCheck()
    {
        using var tmp = new TempFolder();
        using (var store = ClinicStore.Open(tmp.Db))
        {
            Assert.Equal(StoreMigrations.Latest, store.SchemaVersion);
            store.AddClient("Alice");
        }

        string report = SqliteOracle.Run(tmp.Db, """
            print(db.execute('PRAGMA journal_mode').fetchone()[0])
            print(db.execute('PRAGMA user_version').fetchone()[0])
            print(db.execute('PRAGMA integrity_check').fetchone()[0])
            print(','.join(r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")))
            print(db.execute('SELECT name FROM clients').fetchone()[0])
            """);
        Assert.Equal(["wal", StoreMigrations.Latest.ToString(), "ok", "analyses,clients,consents,photos,sessions,settings", "Alice"], report.Split('\n'));
    }

    [Fact]
    public void Version1Database_IsMigrated_KeepingItsData()
    {
        using var tmp = new TempFolder();
        OldDatabase(tmp.Db, 1, "db.execute(\"INSERT INTO clients(name, created_utc) VALUES ('Old Client', '2024-01-01T00:00:00.0000000+00:00')\")");

        using var store = ClinicStore.Open(tmp.Db);
        Assert.Equal(StoreMigrations.Latest, store.SchemaVersion);
        Assert.Equal("Old Client", Assert.Single(store.ListClients()).Name);
        // Version 2's column works: external ids are unique.
        store.AddClient("Imported", externalId: "sample-1");
        Assert.Equal("Imported", store.FindClientByExternalId("sample-1")!.Name);
        Assert.Throws<StoreException>(() => store.AddClient("Other", externalId: "sample-1"));
    }

    [Fact]
    public void Version2Database_GainsPhotoScale_OldPhotosHaveNone()
    {
        using var tmp = new TempFolder();
        OldDatabase(tmp.Db, 2, "db.execute(\"INSERT INTO clients(name, created_utc) VALUES ('Old', '2024-01-01T00:00:00.0000000+00:00')\")\n" +
                                "db.execute(\"INSERT INTO sessions(client_id, number, date) VALUES (1, 1, '2024-01-02')\")\n" +
                                "db.execute(\"INSERT INTO photos(session_id, view, sha256, original_path, library_file, width, height, imported_utc) VALUES (1, 'top', '" + new string('a', 64) + "', 'x.jpg', 'aa.jpg', 10, 10, '2024-01-02T00:00:00.0000000+00:00')\")\n" +
                                "db.commit()");

        using (var store = ClinicStore.Open(tmp.Db))
        {
            var c = store.GetClient("Old");
            Assert.Null(Assert.Single(store.GetPhotos(c.Id)).MmPerPx);
            store.AddSession(c.Id, new SessionDraft(new DateOnly(2024, 2, 1)),
                [new PhotoImport(PhotoView.Parse("top"), tmp.Photo("b.jpg", 2), new PhotoFacts(10, 10, null), 0.0473)]);
        }

        // Read back independently: the new column holds the value and its CHECK refuses nonsense.
        string report = SqliteOracle.Run(tmp.Db, """
            print(db.execute('SELECT mm_per_px FROM photos ORDER BY id').fetchall())
            try:
                db.execute('UPDATE photos SET mm_per_px = 25 WHERE id = 1')
                print('accepted')
            except sqlite3.IntegrityError:
                print('refused')
            """);
        Assert.Equal(["[(None,), (0.0473,)]", "refused"], report.Split('\n'));
    }

    [Fact]
    public void Version3Database_GainsTargets_ClientsStartWithTheClinics()
    {
        using var tmp = new TempFolder();
        OldDatabase(tmp.Db, 3, "db.execute(\"INSERT INTO clients(name, created_utc) VALUES ('Old', '2024-01-01T00:00:00.0000000+00:00')\")\n" +
                                "db.commit()");

        using (var store = ClinicStore.Open(tmp.Db))
        {
            var c = store.GetClient("Old");
            Assert.Null(store.GetClientTargetDensity(c.Id));
            Assert.Null(store.GetClinicTargetsJson());
            store.SetClientTargetDensity(c.Id, 72.5);
            store.SetClinicTargetsJson("{\"targetCoverage\": 0.08}");
            store.SetClinicTargetsJson("{\"targetCoverage\": 0.09}");
            Assert.Equal(72.5, store.GetClientTargetDensity(c.Id));
            Assert.Throws<StoreException>(() => store.SetClientTargetDensity(c.Id, 0));
            Assert.Equal(72.5, store.GetClientTargetDensity(c.Id));
        }

        // Read back independently: one settings row (the second write replaced the first), the client's
        // target in its column, and the column's CHECK refusing nonsense written behind our back.
        string report = SqliteOracle.Run(tmp.Db, """
            print(db.execute('SELECT key, value FROM settings').fetchall())
            print(db.execute('SELECT target_density_per_cm2 FROM clients').fetchall())
            try:
                db.execute('UPDATE clients SET target_density_per_cm2 = -5')
                print('accepted')
            except sqlite3.IntegrityError:
                print('refused')
            """);
        Assert.Equal(["[('targets', '{\"targetCoverage\": 0.09}')]", "[(72.5,)]", "refused"], report.Split('\n'));
    }

    [Fact]
    public void NewerSchema_IsRefused_WithClearMessage()
    {
        using var tmp = new TempFolder();
        SqliteOracle.Run(tmp.Db, "db.execute('PRAGMA user_version = 99')");
        var ex = Assert.Throws<StoreException>(() => ClinicStore.Open(tmp.Db));
        Assert.Equal(StoreProblem.NewerSchema, ex.Problem);
        Assert.Contains(tmp.Db, ex.Message, StringComparison.Ordinal);
        Assert.Contains("newer", ex.Message, StringComparison.Ordinal);
    }

    // A database file at schema <version>, built with Python's sqlite3 from the migration steps as an
    // older ProgressVision would have left it, then the given Python statements (data of that era).
    private static void OldDatabase(string db, int version, string statements)
    {
        string schema = string.Join("\n", StoreMigrations.Steps[..version]).Replace("'''", "", StringComparison.Ordinal);
        SqliteOracle.Run(db, $"db.executescript('''{schema}''')\ndb.execute('PRAGMA user_version = {version}')\n" + statements);
    }
}
