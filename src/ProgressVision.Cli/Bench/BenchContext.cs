using ProgressVision.Cli.Interaction;

namespace ProgressVision.Cli.Bench;

/// <summary>What a bench section gets: repetitions, a scratch directory it may fill, and the console for progress notes.</summary>
/// <param name="Iterations">Timed repetitions (best is reported).</param>
/// <param name="WorkDirectory">Scratch directory, deleted after the run.</param>
/// <param name="Console">Output for notes.</param>
public sealed record BenchContext(int Iterations, string WorkDirectory, IConsoleInteraction Console);
