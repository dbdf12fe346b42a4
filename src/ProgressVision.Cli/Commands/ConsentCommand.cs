using System.CommandLine;
using ProgressVision.Cli.Clinic;
using ProgressVision.Cli.Interaction;
using ProgressVision.Store.Model;

namespace ProgressVision.Cli.Commands;

/// <summary><c>consent grant|revoke</c>: what a client agreed their photos may be used for.</summary>
public sealed class ConsentCommand : Command
{
    /// <summary>Creates the verb.</summary>
    public ConsentCommand(IConsoleInteraction console)
        : base("consent", "Record or withdraw a client's consent (internal, client-review, public-portfolio).")
    {
        Subcommands.Add(Make(console, "grant", "Record consent for a scope.", grant: true));
        Subcommands.Add(Make(console, "revoke", "Withdraw consent for a scope.", grant: false));
    }

    private static Command Make(IConsoleInteraction console, string name, string description, bool grant)
    {
        var client = ClinicOptions.Client();
        var scope = new Option<string>("--scope") { Description = "internal, client-review or public-portfolio.", Required = true };
        var note = new Option<string?>("--note") { Description = "Where the signed form is kept, etc." };
        var db = ClinicOptions.Db();
        var cmd = new Command(name, description) { client, scope, db };
        if (grant)
        {
            cmd.Options.Add(note);
        }

        cmd.SetAction(parse => ClinicCommandRunner.Run(console, () =>
        {
            using var store = ClinicOptions.OpenStore(parse.GetValue(db));
            var c = store.GetClient(parse.GetValue(client)!);
            var s = ConsentScopes.Parse(parse.GetValue(scope)!);
            if (grant)
            {
                store.GrantConsent(c.Id, s, parse.GetValue(note));
                console.Line($"consent recorded: {c.Name}: {s.ToName()}");
            }
            else
            {
                console.Line(store.RevokeConsent(c.Id, s) ? $"consent withdrawn: {c.Name}: {s.ToName()}" : $"{c.Name} had no active {s.ToName()} consent.");
            }

            return ExitCodes.Ok;
        }));
        return cmd;
    }
}
