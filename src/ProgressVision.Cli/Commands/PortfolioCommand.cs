using System.CommandLine;
using System.Text.Json;
using ProgressVision.Cli.Clinic;
using ProgressVision.Cli.Interaction;
using ProgressVision.Cli.Json;
using ProgressVision.Reports.Portfolio;

namespace ProgressVision.Cli.Commands;

/// <summary><c>portfolio</c>: the before/after portfolio of a client as self-contained HTML and PDF.</summary>
public sealed class PortfolioCommand : Command
{
    /// <summary>Creates the verb.</summary>
    public PortfolioCommand(IConsoleInteraction console)
        : base("portfolio", "Write a client's before/after portfolio (portfolio.html, viewable offline, and portfolio.pdf).")
    {
        var client = ClinicOptions.Client();
        var output = new Option<string>("--out") { Description = "Folder to write portfolio.html and portfolio.pdf into.", Required = true, HelpName = "DIR" };
        var audience = new Option<string>("--audience")
        {
            Description = "client (default): no internal notes or flags; internal: everything; public: no name, needs public-portfolio consent.",
            DefaultValueFactory = _ => "client",
        }.AcceptOnlyFromAmong("client", "internal", "public");
        var db = ClinicOptions.Db();
        var format = ClinicOptions.Format();
        Options.Add(client);
        Options.Add(output);
        Options.Add(audience);
        Options.Add(db);
        Options.Add(format);
        SetAction(parse => ClinicCommandRunner.Run(console, () =>
        {
            using var store = ClinicOptions.OpenStore(parse.GetValue(db));
            var c = store.GetClient(parse.GetValue(client)!);
            var written = Write(store, c, AudienceRules.Parse(parse.GetValue(audience)!), parse.GetValue(output)!);
            if (parse.GetValue(format) == "json")
            {
                console.Line(JsonSerializer.Serialize(written, ClinicJsonContext.Default.IReadOnlyListWrittenFileJson));
            }
            else
            {
                foreach (var w in written)
                {
                    console.Line($"wrote {w.Path}");
                }
            }

            return ExitCodes.Ok;
        }));
    }

    /// <summary>Builds and writes one client's portfolio.</summary>
    /// <exception cref="CliException">Missing consent, or the folder cannot be written.</exception>
    public static IReadOnlyList<WrittenFileJson> Write(Store.ClinicStore store, Store.Model.Client client, PortfolioAudience audience, string folder)
    {
        PortfolioDocument doc;
        try
        {
            doc = PortfolioBuilder.Build(ClinicMapping.History(store, client), audience, DateOnly.FromDateTime(DateTime.Today), VersionInfo.Current);
        }
        catch (PortfolioConsentException ex)
        {
            throw new CliException(ExitCodes.StoreError, ex.Message, ex);
        }

        try
        {
            var (html, pdf) = PortfolioFiles.Write(doc, folder);
            return [new WrittenFileJson(client.Name, "html", html), new WrittenFileJson(client.Name, "pdf", pdf)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException(ExitCodes.BadInput, $"{Path.GetFullPath(folder)}: cannot write the portfolio ({ex.Message}).", ex);
        }
        catch (InvalidOperationException ex) when (ex.Message.StartsWith("no font", StringComparison.Ordinal))
        {
            throw new CliException(ExitCodes.Failure, ex.Message, ex);
        }
    }
}
