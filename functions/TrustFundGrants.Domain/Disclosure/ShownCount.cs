namespace TrustFundGrants.Domain;

/// <summary>A count as a view outside the Secretariat may show it: its value, or nothing but the fact that it is hidden.</summary>
public readonly record struct ShownCount(long? Value)
{
    public bool Suppressed => Value is null;

    public static ShownCount Hidden { get; } = new(null);

    /// <summary>What a page or file prints: the number, or "fewer than k" style wording chosen by the caller.</summary>
    public string Format(DisclosureThreshold threshold) =>
        Value is { } value ? value.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"<{threshold.K}";
}
