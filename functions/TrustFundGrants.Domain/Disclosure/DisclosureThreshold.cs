namespace TrustFundGrants.Domain;

/// <summary>
/// The k of k-anonymity for counts of people shown outside the Secretariat: counts from 1 to k − 1 are
/// hidden. 11 is what the Counter-Trafficking Data Collaborative publishes with; a fund may raise it,
/// or lower it, but never below 5, under which a count points at too few people to protect them.
/// </summary>
public readonly record struct DisclosureThreshold
{
    public const int Default = 11;

    public const int Minimum = 5;

    private readonly int k;

    private DisclosureThreshold(int k) => this.k = k;

    /// <summary>default(DisclosureThreshold) is the default k, never zero.</summary>
    public int K => k == 0 ? Default : k;

    public static DisclosureThreshold Standard { get; } = new(Default);

    public static DisclosureThreshold Of(int k) =>
        k >= Minimum
            ? new DisclosureThreshold(k)
            : throw new ArgumentOutOfRangeException(nameof(k), k, $"The disclosure threshold is never below {Minimum}.");

    /// <summary>A count that must not be shown by itself: at least one person, fewer than k.</summary>
    public bool IsSensitive(long count) => count > 0 && count < K;
}
