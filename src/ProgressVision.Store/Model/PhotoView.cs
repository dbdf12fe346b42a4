namespace ProgressVision.Store.Model;

/// <summary>
/// Which scalp area a photo shows. The five standard views have fixed names; anything else is a
/// custom view written as <c>custom:label</c> (label: letters, digits, '-' and '_').
/// </summary>
public readonly record struct PhotoView
{
    /// <summary>Names of the standard views, in display order.</summary>
    public static readonly IReadOnlyList<string> Standard = ["front", "top", "crown", "left", "right"];

    private PhotoView(string name) => Name = name;

    /// <summary>The stored name (<c>front</c> … <c>right</c>, or <c>custom:label</c>).</summary>
    public string Name { get; }

    /// <summary>True for <c>custom:label</c> views.</summary>
    public bool IsCustom => Name.StartsWith("custom:", StringComparison.Ordinal);

    /// <summary>Parses a view name, case-insensitively for the standard ones.</summary>
    /// <exception cref="StoreException">Not a standard view and not <c>custom:label</c>.</exception>
    public static PhotoView Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        foreach (var s in Standard)
        {
            if (string.Equals(t, s, StringComparison.OrdinalIgnoreCase))
            {
                return new PhotoView(s);
            }
        }

        if (t.StartsWith("custom:", StringComparison.OrdinalIgnoreCase))
        {
            string label = t["custom:".Length..];
            if (label.Length is > 0 and <= 40 && label.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return new PhotoView("custom:" + label.ToLowerInvariant());
            }
        }

        throw new StoreException(StoreProblem.Invalid,
            $"'{text}' is not a photo view: use one of {string.Join(", ", Standard)} or custom:LABEL (letters, digits, '-', '_').");
    }

    /// <summary>Sort key: standard views in <see cref="Standard"/> order, then custom views by name.</summary>
    public int Order => Standard.IndexOf(Name) is var i and >= 0 ? i : Standard.Count;

    /// <inheritdoc />
    public override string ToString() => Name;
}

internal static class ListExtensions
{
    public static int IndexOf(this IReadOnlyList<string> list, string value)
    {
        for (int i = 0; i < list.Count; i++)
        {
            if (list[i] == value)
            {
                return i;
            }
        }

        return -1;
    }
}
