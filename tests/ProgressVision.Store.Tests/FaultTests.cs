using Microsoft.Data.Sqlite;

namespace ProgressVision.Store.Tests;

public class FaultTests
{
    private static readonly StoreOptions Quick = new() { BusyTimeout = TimeSpan.FromMilliseconds(200) };

    [Fact]
    public void LockedDatabase_WriteFailsWithLockedError_AndNothingIsWritten()
    {
        using var tmp = new TempFolder();
        using var store = ClinicStore.Open(tmp.Db, Quick);
        using (var other = new SqliteConnection($"Data Source={tmp.Db};Pooling=False"))
        {
            other.Open();
            using var tx = other.BeginTransaction(); // BEGIN IMMEDIATE: holds the write lock
            var ex = Assert.Throws<StoreException>(() => store.AddClient("Bob"));
            Assert.Equal(StoreProblem.Locked, ex.Problem);
            Assert.Contains(tmp.Db, ex.Message, StringComparison.Ordinal);
            Assert.Contains("locked", ex.Message, StringComparison.Ordinal);
        }

        Assert.Empty(store.ListClients());
        store.AddClient("Bob"); // works once the other program lets go
    }

    [Fact]
    public void ExclusivelyLockedDatabase_OpenFailsWithLockedError()
    {
        using var tmp = new TempFolder();
        ClinicStore.Open(tmp.Db).Dispose();
        using var other = new SqliteConnection($"Data Source={tmp.Db};Pooling=False");
        other.Open();
        using (var cmd = other.CreateCommand())
        {
            // Exclusive locking mode: after one write the other program keeps every lock until it closes.
            cmd.CommandText = "PRAGMA locking_mode = EXCLUSIVE; INSERT INTO clients(name, created_utc) VALUES ('x', 'y');";
            cmd.ExecuteNonQuery();
        }

        var ex = Assert.Throws<StoreException>(() => ClinicStore.Open(tmp.Db, Quick));
        Assert.Equal(StoreProblem.Locked, ex.Problem);
    }

    [Fact]
    public void NotADatabase_IsReportedAsSuch()
    {
        using var tmp = new TempFolder();
        File.WriteAllText(tmp.Db, "this is a text file, not a clinic database\n" + new string('x', 5000));
        var ex = Assert.Throws<StoreException>(() => ClinicStore.Open(tmp.Db));
        Assert.Equal(StoreProblem.Corrupt, ex.Problem);
        Assert.Contains(tmp.Db, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not a ProgressVision database", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DamagedPages_AreDetectedOnOpen()
    {
        using var tmp = new TempFolder();
        using (var store = ClinicStore.Open(tmp.Db))
        {
            for (int i = 0; i < 300; i++)
            {
                store.AddClient($"Client {i} " + new string('n', 100));
            }
        }

        // Closing the last connection checkpoints the WAL into the main file; now damage a b-tree page.
        Assert.False(File.Exists(tmp.Db + "-wal") && new FileInfo(tmp.Db + "-wal").Length > 0);
        string pageSize = SqliteOracle.Run(tmp.Db, "print(db.execute('PRAGMA page_size').fetchone()[0])");
        using (var f = new FileStream(tmp.Db, FileMode.Open, FileAccess.Write))
        {
            f.Position = 2 * long.Parse(pageSize) + 8; // inside page 3's header and cell pointers
            var junk = new byte[64];
            new Random(7).NextBytes(junk);
            f.Write(junk);
        }

        Assert.NotEqual("ok", SqliteOracle.Run(tmp.Db, "print(db.execute('PRAGMA quick_check').fetchone()[0])"));
        var ex = Assert.Throws<StoreException>(() => ClinicStore.Open(tmp.Db));
        Assert.Equal(StoreProblem.Corrupt, ex.Problem);
        Assert.Contains(tmp.Db, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DatabasePathThatIsAFolder_IsRefused()
    {
        using var tmp = new TempFolder();
        var ex = Assert.Throws<StoreException>(() => ClinicStore.Open(tmp.Path));
        Assert.Equal(StoreProblem.CannotOpen, ex.Problem);
    }
}
