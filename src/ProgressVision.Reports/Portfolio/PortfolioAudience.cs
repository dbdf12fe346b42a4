namespace ProgressVision.Reports.Portfolio;

/// <summary>Who a portfolio is for; decides what it shows.</summary>
public enum PortfolioAudience
{
    /// <summary>The client: progress, photos and the recommendation; no internal notes, no healing flags.</summary>
    Client,

    /// <summary>Clinic staff: everything, including notes, pigment, practitioner and healing flags.</summary>
    Internal,

    /// <summary>Publication: like <see cref="Client"/>, without the client's name; needs public-portfolio consent.</summary>
    Public,
}

/// <summary>What each audience may see.</summary>
public static class AudienceRules
{
    /// <summary>Parses client / internal / public.</summary>
    public static PortfolioAudience Parse(string text) => text.Trim().ToLowerInvariant() switch
    {
        "client" => PortfolioAudience.Client,
        "internal" => PortfolioAudience.Internal,
        "public" => PortfolioAudience.Public,
        _ => throw new ArgumentException($"'{text}' is not an audience: use client, internal or public."),
    };

    /// <summary>Internal notes (client, session) appear only for staff.</summary>
    public static bool ShowsNotes(this PortfolioAudience a) => a == PortfolioAudience.Internal;

    /// <summary>Healing flags appear only for staff (they need a practitioner's judgement).</summary>
    public static bool ShowsFlags(this PortfolioAudience a) => a == PortfolioAudience.Internal;

    /// <summary>The client's name is withheld from public portfolios.</summary>
    public static bool ShowsName(this PortfolioAudience a) => a != PortfolioAudience.Public;

    /// <summary>Practitioner and pigment: staff and the client, not the public.</summary>
    public static bool ShowsTreatmentDetails(this PortfolioAudience a) => a != PortfolioAudience.Public;

    /// <summary>The consent scope a portfolio needs, or null when none is required.</summary>
    public static string? RequiredConsent(this PortfolioAudience a) => a == PortfolioAudience.Public ? "public-portfolio" : null;
}
