namespace ProgressVision.Analysis.Healing;

/// <summary>The healing issues the model flags (class names in the model's output order after "healthy").</summary>
public static class HealingFlagTypes
{
    /// <summary>Redness that outlasts the expected healing window.</summary>
    public const string Redness = "redness";

    /// <summary>Pigment lost or faded in patches.</summary>
    public const string PatchyFade = "patchy-fade";

    /// <summary>Pigment spread under the skin: larger, blurred dots with a bluish halo.</summary>
    public const string Blowout = "blowout";

    /// <summary>Model classes in output order.</summary>
    public static IReadOnlyList<string> ModelClasses { get; } = ["healthy", Redness, PatchyFade, Blowout];

    /// <summary>Index of <paramref name="type"/> in <see cref="ModelClasses"/> (its column of the model's output); −1 if none.</summary>
    public static int ClassIndex(string type)
    {
        for (int k = 0; k < ModelClasses.Count; k++)
        {
            if (ModelClasses[k] == type)
            {
                return k;
            }
        }

        return -1;
    }
}
