using System.CommandLine;
using System.Globalization;
using ProgressVision.Analysis.Healing;
using ProgressVision.Cli.Clinic;
using ProgressVision.Cli.Interaction;

namespace ProgressVision.Cli.Commands;

/// <summary>
/// <c>targets show|set|reset</c>: what the clinic counts as a finished treatment (density, coverage,
/// largest gap, patchiness, fade) and its healing windows; a client may have an own density target
/// (e.g. the native follicle density measured at the sides). Recommendations in <c>status</c>, portfolios
/// and exports follow the current targets at once; no photo is re-analysed.
/// </summary>
public sealed class TargetsCommand : Command
{
    /// <summary>Creates the verb with its subcommands.</summary>
    public TargetsCommand(IConsoleInteraction console)
        : base("targets", "Show or change the clinic's treatment targets (and a client's own density target).")
    {
        Subcommands.Add(Show(console));
        Subcommands.Add(Set(console));
        Subcommands.Add(Reset(console));
    }

    private static Option<string?> ClientOption(string description) => new("--client") { Description = description, HelpName = "NAME" };

    private static Command Show(IConsoleInteraction console)
    {
        var client = ClientOption("Show the targets that apply to this client (name or #id).");
        var db = ClinicOptions.Db();
        var format = ClinicOptions.Format();
        var cmd = new Command("show", "Show the targets in force.") { client, db, format };
        cmd.SetAction(parse => ClinicCommandRunner.Run(console, () =>
        {
            using var store = ClinicOptions.OpenStore(parse.GetValue(db));
            string? name = parse.GetValue(client);
            var targets = name is null ? TargetsJson.ForClinic(store) : TargetsJson.ForClient(store, store.GetClient(name).Id);
            if (parse.GetValue(format) == "json")
            {
                console.Line(TargetsJson.Write(targets));
                return ExitCodes.Ok;
            }

            var inv = CultureInfo.InvariantCulture;
            console.Table(["target", "value"],
            [
                ["density", $"≥ {targets.TargetDensityPerCm2.ToString("0.#", inv)} dots/cm²"],
                ["coverage", $"≥ {(targets.TargetCoverage * 100).ToString("0.#", inv)} %"],
                ["largest gap", $"≤ {targets.MaxGapAreaMm2.ToString("0.#", inv)} mm² ({targets.MaxGapAreaPx.ToString("0", inv)} px² without a scale)"],
                ["local density CV", $"≤ {targets.MaxLocalDensityCv.ToString("0.##", inv)}"],
                ["faded or lost dots", $"≤ {(targets.MaxFadedFraction * 100).ToString("0.#", inv)} %"],
                ["fade judged from", $"day {targets.MinDaysToJudgeFade.ToString(inv)} after a session"],
                ["redness persistent from", $"day {targets.RednessWindowDays.ToString(inv)} after a session"],
            ]);
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static Command Set(IConsoleInteraction console)
    {
        var client = ClientOption("Set this client's own density target instead of the clinic's targets (only --density applies).");
        var density = new Option<double?>("--density") { Description = "Minimum dots per cm² in the treated area.", HelpName = "DOTS_PER_CM2" };
        var coverage = new Option<double?>("--coverage") { Description = "Minimum apparent coverage, a fraction (0.06 = 6 %).", HelpName = "FRACTION" };
        var gapMm2 = new Option<double?>("--max-gap-mm2") { Description = "Largest acceptable empty patch, mm² (photos with a scale)." };
        var gapPx = new Option<double?>("--max-gap-px") { Description = "Largest acceptable empty patch, px² (photos without a scale)." };
        var localCv = new Option<double?>("--max-local-density-cv") { Description = "Largest acceptable CV of local density over the 5 mm grid." };
        var faded = new Option<double?>("--max-faded") { Description = "Largest acceptable fraction of earlier dots faded or lost." };
        var fadeDays = new Option<int?>("--fade-days") { Description = "Days after a session before fade is judged." };
        var rednessDays = new Option<int?>("--redness-days") { Description = "Days after a session from which redness counts as persistent." };
        var db = ClinicOptions.Db();
        var cmd = new Command("set", "Change some targets; the others keep their values.") { client, density, coverage, gapMm2, gapPx, localCv, faded, fadeDays, rednessDays, db };
        cmd.SetAction(parse => ClinicCommandRunner.Run(console, () =>
        {
            using var store = ClinicOptions.OpenStore(parse.GetValue(db));
            if (parse.GetValue(client) is string name)
            {
                var others = new Option[] { coverage, gapMm2, gapPx, localCv, faded, fadeDays, rednessDays }.Where(o => parse.GetResult(o) is not null).Select(o => o.Name).ToList();
                if (others.Count > 0 || parse.GetValue(density) is not double d)
                {
                    throw new CliException(ExitCodes.Usage, others.Count > 0
                        ? $"only --density can be set per client ({string.Join(", ", others)} are clinic-wide: leave out --client)"
                        : "--client needs --density (the client's own density target)");
                }

                var c = store.GetClient(name);
                store.SetClientTargetDensity(c.Id, d);
                console.Line($"{c.Name}: density target {d.ToString("0.#", CultureInfo.InvariantCulture)} dots/cm² (the clinic's other targets apply)");
                return ExitCodes.Ok;
            }

            var t = TargetsJson.ForClinic(store);
            t = t with
            {
                TargetDensityPerCm2 = parse.GetValue(density) ?? t.TargetDensityPerCm2,
                TargetCoverage = parse.GetValue(coverage) ?? t.TargetCoverage,
                MaxGapAreaMm2 = parse.GetValue(gapMm2) ?? t.MaxGapAreaMm2,
                MaxGapAreaPx = parse.GetValue(gapPx) ?? t.MaxGapAreaPx,
                MaxLocalDensityCv = parse.GetValue(localCv) ?? t.MaxLocalDensityCv,
                MaxFadedFraction = parse.GetValue(faded) ?? t.MaxFadedFraction,
                MinDaysToJudgeFade = parse.GetValue(fadeDays) ?? t.MinDaysToJudgeFade,
                RednessWindowDays = parse.GetValue(rednessDays) ?? t.RednessWindowDays,
            };
            TargetsJson.Check(t, "targets", ExitCodes.Usage);
            store.SetClinicTargetsJson(TargetsJson.Write(t));
            console.Line("clinic targets saved; `progressvision targets show` lists them");
            return ExitCodes.Ok;
        }));
        return cmd;
    }

    private static Command Reset(IConsoleInteraction console)
    {
        var client = ClientOption("Clear this client's own density target (the clinic's applies again).");
        var db = ClinicOptions.Db();
        var cmd = new Command("reset", "Go back to the default targets (or clear a client's own density target).") { client, db };
        cmd.SetAction(parse => ClinicCommandRunner.Run(console, () =>
        {
            using var store = ClinicOptions.OpenStore(parse.GetValue(db));
            if (parse.GetValue(client) is string name)
            {
                var c = store.GetClient(name);
                store.SetClientTargetDensity(c.Id, null);
                console.Line($"{c.Name}: own density target cleared");
            }
            else
            {
                store.SetClinicTargetsJson(null);
                console.Line("clinic targets back to the defaults");
            }

            return ExitCodes.Ok;
        }));
        return cmd;
    }
}
