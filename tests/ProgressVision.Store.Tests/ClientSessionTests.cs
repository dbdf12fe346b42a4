using ProgressVision.Store.Model;

namespace ProgressVision.Store.Tests;

public class ClientSessionTests
{
    private static readonly PhotoFacts Facts = new(640, 480, null);

    private static int LibraryFileCount(ClinicStore store) =>
        Directory.Exists(store.Library.Folder) ? Directory.GetFiles(store.Library.Folder, "*", SearchOption.AllDirectories).Length : 0;

    [Fact]
    public void ClientNameWithHtmlAndPathCharacters_IsKeptVerbatim_AndNeverBecomesAPath()
    {
        using var tmp = new TempFolder();
        using var store = ClinicStore.Open(tmp.Db);
        const string Nasty = "<script>alert('x')</script> ../../etc/passwd \\ \"Ô'Brien\" & co";
        var client = store.AddClient(Nasty);
        store.AddSession(client.Id, new SessionDraft(new DateOnly(2024, 5, 1)), [new PhotoImport(PhotoView.Parse("front"), tmp.Photo("a.jpg", 1), Facts)]);

        Assert.Equal(Nasty, store.GetClient(Nasty).Name);
        Assert.Equal(Nasty, SqliteOracle.Run(tmp.Db, "sys.stdout.write(db.execute('SELECT name FROM clients').fetchone()[0])"));
        // Library names come from hashes only.
        string file = Assert.Single(Directory.GetFiles(store.Library.Folder, "*", SearchOption.AllDirectories));
        Assert.Matches("^[0-9a-f]{64}\\.jpg$", Path.GetFileName(file));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.05)]
    [InlineData(12.0)]
    [InlineData(double.NaN)]
    public void ImplausibleScale_IsRefused_NamingThePhoto_AndNothingIsStored(double mmPerPx)
    {
        using var tmp = new TempFolder();
        using var store = ClinicStore.Open(tmp.Db);
        var c = store.AddClient("C");
        string photo = tmp.Photo("a.jpg", 1);
        var ex = Assert.Throws<StoreException>(() =>
            store.AddSession(c.Id, new SessionDraft(new DateOnly(2024, 5, 1)), [new PhotoImport(PhotoView.Parse("top"), photo, Facts, mmPerPx)]));
        Assert.Equal(StoreProblem.Invalid, ex.Problem);
        Assert.Contains(photo, ex.Message, StringComparison.Ordinal);
        Assert.Empty(store.GetSessions(c.Id));
        Assert.Equal(0, LibraryFileCount(store));
    }

    [Fact]
    public void UnknownClient_IsNotFound_WithHint()
    {
        using var tmp = new TempFolder();
        using var store = ClinicStore.Open(tmp.Db);
        var ex = Assert.Throws<StoreException>(() => store.GetClient("Nobody"));
        Assert.Equal(StoreProblem.NotFound, ex.Problem);
        Assert.Contains("Nobody", ex.Message, StringComparison.Ordinal);
        Assert.Contains("client list", ex.Message, StringComparison.Ordinal);
        Assert.Throws<StoreException>(() => store.AddSession(42, new SessionDraft(new DateOnly(2024, 1, 1)), []));
    }

    [Fact]
    public void ClientsAreFoundByNameIgnoringCase_OrById_AndNamesAreUnique()
    {
        using var tmp = new TempFolder();
        using var store = ClinicStore.Open(tmp.Db);
        var a = store.AddClient("Anna Smith");
        Assert.Equal(a.Id, store.GetClient("anna smith").Id);
        Assert.Equal(a.Id, store.GetClient($"#{a.Id}").Id);
        Assert.Equal(StoreProblem.Duplicate, Assert.Throws<StoreException>(() => store.AddClient("ANNA SMITH")).Problem);
        Assert.Equal(StoreProblem.Invalid, Assert.Throws<StoreException>(() => store.AddClient("   ")).Problem);
    }

    [Fact]
    public void SessionWithPhotos_IsStored_SessionsNumberedByDate_CopiesImmuneToLaterEdits()
    {
        using var tmp = new TempFolder();
        using var store = ClinicStore.Open(tmp.Db);
        var c = store.AddClient("C");
        string front2 = tmp.Photo("f2.jpg", 2);
        store.AddSession(c.Id, new SessionDraft(new DateOnly(2024, 3, 1), "Pat", "second", "ink B"),
            [new PhotoImport(PhotoView.Parse("FRONT"), front2, Facts with { CaptureDate = new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero) })]);
        // Back-dated session becomes number 1.
        store.AddSession(c.Id, new SessionDraft(new DateOnly(2024, 1, 15)), [new PhotoImport(PhotoView.Parse("front"), tmp.Photo("f1.jpg", 1), Facts)]);

        var sessions = store.GetSessions(c.Id);
        Assert.Equal([new DateOnly(2024, 1, 15), new DateOnly(2024, 3, 1)], sessions.Select(s => s.Date));
        Assert.Equal([1, 2], sessions.Select(s => s.Number));
        Assert.Equal(("Pat", "second", "ink B"), (sessions[1].Practitioner, sessions[1].Notes, sessions[1].Pigment));

        var photo = store.GetPhotos(c.Id).Single(p => p.SessionId == sessions[1].Id);
        string expectedSha = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(front2)));
        Assert.Equal(expectedSha, photo.Sha256);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 10, 0, 0, TimeSpan.Zero), photo.CaptureDate);

        // Editing (or deleting) the original does not change the stored history.
        File.WriteAllBytes(front2, [1, 2, 3]);
        Assert.Equal(4096, store.Library.ReadVerified(photo.LibraryFile, photo.Sha256).Length);
        File.Delete(front2);
        Assert.Equal(4096, store.Library.ReadVerified(photo.LibraryFile, photo.Sha256).Length);
    }

    [Fact]
    public void TamperedLibraryCopy_IsDetected()
    {
        using var tmp = new TempFolder();
        using var store = ClinicStore.Open(tmp.Db);
        var c = store.AddClient("C");
        store.AddSession(c.Id, new SessionDraft(new DateOnly(2024, 1, 1)), [new PhotoImport(PhotoView.Parse("top"), tmp.Photo("t.jpg", 5), Facts)]);
        var photo = Assert.Single(store.GetPhotos(c.Id));
        string full = store.Library.Resolve(photo.LibraryFile);
        File.SetAttributes(full, FileAttributes.Normal);
        File.WriteAllBytes(full, new byte[4096]);
        Assert.Equal(StoreProblem.Tampered, Assert.Throws<StoreException>(() => store.Library.ReadVerified(photo.LibraryFile, photo.Sha256)).Problem);
    }

    [Fact]
    public void DuplicatePhoto_RollsBackTheWholeSession_IncludingItsLibraryFiles()
    {
        using var tmp = new TempFolder();
        using var store = ClinicStore.Open(tmp.Db);
        var c = store.AddClient("C");
        string first = tmp.Photo("first.jpg", 1);
        store.AddSession(c.Id, new SessionDraft(new DateOnly(2024, 1, 1)), [new PhotoImport(PhotoView.Parse("front"), first, Facts)]);
        File.Copy(first, tmp.File("copy-of-first.jpg"));

        // Session 2: a new top photo (copied into the library first) plus the duplicate front photo.
        var ex = Assert.Throws<StoreException>(() => store.AddSession(c.Id, new SessionDraft(new DateOnly(2024, 2, 1)),
        [
            new PhotoImport(PhotoView.Parse("top"), tmp.Photo("new-top.jpg", 9), Facts),
            new PhotoImport(PhotoView.Parse("front"), tmp.File("copy-of-first.jpg"), Facts),
        ]));
        Assert.Equal(StoreProblem.Duplicate, ex.Problem);
        Assert.Contains("copy-of-first.jpg", ex.Message, StringComparison.Ordinal);
        Assert.Contains("session 1", ex.Message, StringComparison.Ordinal);

        Assert.Single(store.GetSessions(c.Id));
        Assert.Single(store.GetPhotos(c.Id));
        Assert.Equal(1, LibraryFileCount(store));
        Assert.Equal("1|1", SqliteOracle.Run(tmp.Db, "print('%d|%d' % (db.execute('SELECT count(*) FROM sessions').fetchone()[0], db.execute('SELECT count(*) FROM photos').fetchone()[0]))"));
    }

    [Fact]
    public void MissingPhotoFile_NamesTheFile_AndWritesNothing()
    {
        using var tmp = new TempFolder();
        using var store = ClinicStore.Open(tmp.Db);
        var c = store.AddClient("C");
        string missing = tmp.File("no-such-photo.jpg");
        var ex = Assert.Throws<StoreException>(() => store.AddSession(c.Id, new SessionDraft(new DateOnly(2024, 1, 1)),
            [new PhotoImport(PhotoView.Parse("front"), tmp.Photo("ok.jpg", 3), Facts), new PhotoImport(PhotoView.Parse("top"), missing, Facts)]));
        Assert.Equal(StoreProblem.MissingFile, ex.Problem);
        Assert.Contains(missing, ex.Message, StringComparison.Ordinal);
        Assert.Empty(store.GetSessions(c.Id));
        Assert.Equal(0, LibraryFileCount(store));
    }

    [Fact]
    public void SameViewTwice_OrBadView_IsRefused()
    {
        using var tmp = new TempFolder();
        using var store = ClinicStore.Open(tmp.Db);
        var c = store.AddClient("C");
        Assert.Equal(StoreProblem.Invalid, Assert.Throws<StoreException>(() => store.AddSession(c.Id, new SessionDraft(new DateOnly(2024, 1, 1)),
            [new PhotoImport(PhotoView.Parse("front"), tmp.Photo("a.jpg", 1), Facts), new PhotoImport(PhotoView.Parse("front"), tmp.Photo("b.jpg", 2), Facts)])).Problem);
        Assert.Throws<StoreException>(() => PhotoView.Parse("back/../x"));
        Assert.Equal("custom:temple-left", PhotoView.Parse("custom:Temple-Left").Name);
    }

    [Fact]
    public void Consent_GrantRevoke()
    {
        using var tmp = new TempFolder();
        using var store = ClinicStore.Open(tmp.Db);
        var c = store.AddClient("C");
        Assert.False(store.HasConsent(c.Id, ConsentScope.PublicPortfolio));
        store.GrantConsent(c.Id, ConsentScope.PublicPortfolio, "form #12");
        store.GrantConsent(c.Id, ConsentScope.PublicPortfolio);
        Assert.True(store.HasConsent(c.Id, ConsentScope.PublicPortfolio));
        Assert.Single(store.GetConsents(c.Id));
        Assert.True(store.RevokeConsent(c.Id, ConsentScope.PublicPortfolio));
        Assert.False(store.HasConsent(c.Id, ConsentScope.PublicPortfolio));
        Assert.NotNull(Assert.Single(store.GetConsents(c.Id)).RevokedUtc);
        Assert.Equal(StoreProblem.NotFound, Assert.Throws<StoreException>(() => store.GrantConsent(999, ConsentScope.Internal)).Problem);
    }
}
