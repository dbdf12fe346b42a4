using System.Diagnostics;

namespace ProgressVision.Analysis.Compare;

/// <summary>
/// Optional wall-clock record of the <c>compare</c> pipeline's stages (decode, register, dots, …),
/// filled by <see cref="PairAnalyzer"/> when one is attached. Stages that run for BEFORE and AFTER
/// at once are recorded once per photo, so their times overlap. Thread-safe.
/// </summary>
public sealed class PairStageTimer
{
    private readonly List<PairStageTime> _entries = [];
    private readonly long _origin = Stopwatch.GetTimestamp();

    /// <summary>Every stage recorded so far, in completion order.</summary>
    public IReadOnlyList<PairStageTime> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Starts timing <paramref name="stage"/> (of <paramref name="photo"/>, when per photo); dispose the scope to record it.</summary>
    public StageScope Measure(string stage, string? photo = null) => new(this, stage, photo, Stopwatch.GetTimestamp());

    /// <summary>Starts timing on <paramref name="timer"/>, or does nothing when it is null.</summary>
    public static StageScope Start(PairStageTimer? timer, string stage, string? photo = null) =>
        timer is null ? default : timer.Measure(stage, photo);

    /// <summary>Forgets every entry (to time another run with the same timer).</summary>
    public void Clear()
    {
        lock (_entries)
        {
            _entries.Clear();
        }
    }

    private void Add(string stage, string? photo, long start, long end)
    {
        var entry = new PairStageTime(stage, photo, Stopwatch.GetElapsedTime(_origin, start), Stopwatch.GetElapsedTime(start, end));
        lock (_entries)
        {
            _entries.Add(entry);
        }
    }

    /// <summary>An open stage; disposing it records the stage's duration.</summary>
    public readonly struct StageScope : IDisposable
    {
        private readonly PairStageTimer? _timer;
        private readonly string _stage;
        private readonly string? _photo;
        private readonly long _start;

        internal StageScope(PairStageTimer timer, string stage, string? photo, long start)
        {
            _timer = timer;
            _stage = stage;
            _photo = photo;
            _start = start;
        }

        /// <inheritdoc />
        public void Dispose() => _timer?.Add(_stage, _photo, _start, Stopwatch.GetTimestamp());
    }
}

/// <summary>One timed stage of a pair comparison.</summary>
/// <param name="Stage">Stage name (<c>decode</c>, <c>register</c>, <c>dots</c>, …).</param>
/// <param name="Photo"><c>before</c> or <c>after</c> for per-photo stages, null for pair stages.</param>
/// <param name="Start">When it started, from the timer's creation.</param>
/// <param name="Duration">How long it took.</param>
public readonly record struct PairStageTime(string Stage, string? Photo, TimeSpan Start, TimeSpan Duration);
