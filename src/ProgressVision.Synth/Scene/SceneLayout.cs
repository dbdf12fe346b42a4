namespace ProgressVision.Synth.Scene;

/// <summary>Fixed layout of the modelled scalp plane, mm.</summary>
public static class SceneLayout
{
    /// <summary>Plane width, mm.</summary>
    public const double WidthMm = 180;

    /// <summary>Plane height, mm.</summary>
    public const double HeightMm = 140;

    /// <summary>Centre of the treated area and of the scalp, x.</summary>
    public const double CentreX = 90;

    /// <summary>Centre y.</summary>
    public const double CentreY = 70;
}
