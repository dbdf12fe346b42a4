namespace ProgressVision.Store.Model;

/// <summary>What a client has agreed their photos may be used for. Each scope is granted separately.</summary>
public enum ConsentScope
{
    /// <summary>Kept and analysed by the clinic's staff.</summary>
    Internal,

    /// <summary>Shown to the client (a client-review portfolio).</summary>
    ClientReview,

    /// <summary>Published (a public portfolio, e.g. the clinic's website).</summary>
    PublicPortfolio,
}

/// <summary>Stored names of <see cref="ConsentScope"/> values.</summary>
public static class ConsentScopes
{
    /// <summary>The stored / command-line name: internal, client-review, public-portfolio.</summary>
    public static string ToName(this ConsentScope scope) => scope switch
    {
        ConsentScope.Internal => "internal",
        ConsentScope.ClientReview => "client-review",
        ConsentScope.PublicPortfolio => "public-portfolio",
        _ => throw new ArgumentOutOfRangeException(nameof(scope)),
    };

    /// <summary>Parses a stored / command-line name.</summary>
    /// <exception cref="StoreException">Unknown name.</exception>
    public static ConsentScope Parse(string name) => name.Trim().ToLowerInvariant() switch
    {
        "internal" => ConsentScope.Internal,
        "client-review" or "client" => ConsentScope.ClientReview,
        "public-portfolio" or "public" => ConsentScope.PublicPortfolio,
        _ => throw new StoreException(StoreProblem.Invalid, $"'{name}' is not a consent scope: use internal, client-review or public-portfolio."),
    };
}
