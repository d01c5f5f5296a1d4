using System.Text.Json;

namespace TrustFundGrants.Domain;

/// <summary>
/// The dashboard of one fund: a sum over its grants and pledges, so a change to one grant or pledge is
/// applied as "take away what it added before, add what it adds now". That makes applying the newest
/// facts of a grant twice, or an older event after a newer one, leave the same totals, and lets a rebuild
/// start from empty and add every grant and pledge once. A grant working in several countries or on several
/// forms of exploitation counts in each with an equal share, split exactly by <see cref="Allocation"/>.
/// </summary>
public sealed class FundProjection
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Figures Totals { get; private set; } = Figures.None;

    public SortedDictionary<string, long> PledgedNotReceived { get; init; } = new(StringComparer.Ordinal);

    public SortedDictionary<int, Figures> ByYear { get; init; } = [];

    public SortedDictionary<string, Figures> ByCountry { get; init; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, Figures> ByForm { get; init; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, Figures> ByRound { get; init; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> PeopleByGroup { get; init; } = new(StringComparer.Ordinal);

    public SortedDictionary<string, long> PeopleByAssistance { get; init; } = new(StringComparer.Ordinal);

    /// <summary>Year → "sex/age/form" → people, from accepted reports dated by the period they cover.</summary>
    public SortedDictionary<int, SortedDictionary<string, long>> PeopleByYearGroup { get; init; } = [];

    public SortedDictionary<int, SortedDictionary<string, long>> AssistanceByYear { get; init; } = [];

    /// <summary>Donor id → earmark key ("" when unearmarked) → received in the fund's minor units.</summary>
    public SortedDictionary<string, SortedDictionary<string, long>> ReceivedByDonor { get; init; } = new(StringComparer.Ordinal);

    public int Grants { get; private set; }

    public void Replace(GrantFacts? before, GrantFacts? after)
    {
        Add(before, -1);
        Add(after, 1);
    }

    public void Replace(PledgeFacts? before, PledgeFacts? after)
    {
        Add(before, -1);
        Add(after, 1);
    }

    public static FundProjection Recompute(IEnumerable<GrantFacts> grants, IEnumerable<PledgeFacts> pledges)
    {
        ArgumentNullException.ThrowIfNull(grants);
        ArgumentNullException.ThrowIfNull(pledges);
        var projection = new FundProjection();
        foreach (var grant in grants)
        {
            projection.Add(grant, 1);
        }

        foreach (var pledge in pledges)
        {
            projection.Add(pledge, 1);
        }

        return projection;
    }

    public string ToJson() => JsonSerializer.Serialize(Stored.From(this), Json);

    public static FundProjection FromJson(string json)
    {
        var stored = JsonSerializer.Deserialize<Stored>(json, Json) ?? throw new FormatException("The stored projection is empty.");
        return stored.ToProjection();
    }

    private void Add(GrantFacts? grant, int sign)
    {
        if (grant is null)
        {
            return;
        }

        Grants += sign;
        foreach (var flow in grant.Flows)
        {
            var figures = Figures.Of(flow.Kind, flow.MinorUnits);
            Totals = Totals.Plus(figures, sign);
            Bump(ByYear, flow.Year, figures, sign);
            Bump(ByRound, grant.RoundId, figures, sign);
            Split(ByCountry, grant.Countries, flow, sign);
            Split(ByForm, grant.Forms, flow, sign);
        }

        foreach (var (group, count) in grant.PeopleByGroup)
        {
            Count(PeopleByGroup, group, sign * count);
        }

        foreach (var (type, count) in grant.PeopleByAssistance)
        {
            Count(PeopleByAssistance, type, sign * count);
        }

        CountByYear(PeopleByYearGroup, grant.PeopleByYear, sign);
        CountByYear(AssistanceByYear, grant.AssistanceByYear, sign);
    }

    private void Add(PledgeFacts? pledge, int sign)
    {
        if (pledge is null)
        {
            return;
        }

        Count(PledgedNotReceived, pledge.Currency, sign * pledge.OutstandingMinorUnits);
        if (!ReceivedByDonor.TryGetValue(pledge.DonorId, out var byEarmark))
        {
            ReceivedByDonor[pledge.DonorId] = byEarmark = new SortedDictionary<string, long>(StringComparer.Ordinal);
        }

        foreach (var receipt in pledge.Receipts)
        {
            var figures = new Figures(receipt.FundMinorUnits, 0, 0, 0);
            Totals = Totals.Plus(figures, sign);
            Bump(ByYear, receipt.Year, figures, sign);
            Count(byEarmark, pledge.Earmark?.Key ?? string.Empty, sign * receipt.FundMinorUnits);
        }

        if (byEarmark.Count == 0)
        {
            ReceivedByDonor.Remove(pledge.DonorId);
        }
    }

    private static void Split(SortedDictionary<string, Figures> into, IReadOnlyList<string> keys, GrantFlow flow, int sign)
    {
        if (keys.Count == 0)
        {
            return;
        }

        // Shares of a negative adjustment are the negated shares of its magnitude, so a reversal cancels exactly.
        var magnitude = Math.Abs(flow.MinorUnits);
        var shares = Allocation.ProRata(magnitude, keys.Distinct(StringComparer.Ordinal).Select(k => KeyValuePair.Create(k, 1L)).ToArray());
        foreach (var (key, share) in shares)
        {
            Bump(into, key, Figures.Of(flow.Kind, flow.MinorUnits < 0 ? -share : share), sign);
        }
    }

    private static void Bump<TKey>(SortedDictionary<TKey, Figures> into, TKey key, Figures figures, int sign)
        where TKey : notnull
    {
        var next = (into.TryGetValue(key, out var current) ? current : Figures.None).Plus(figures, sign);
        if (next.IsZero)
        {
            into.Remove(key);
        }
        else
        {
            into[key] = next;
        }
    }

    private static void CountByYear(SortedDictionary<int, SortedDictionary<string, long>> into, IReadOnlyDictionary<int, IReadOnlyDictionary<string, long>> counts, int sign)
    {
        foreach (var (year, cells) in counts)
        {
            if (!into.TryGetValue(year, out var byKey))
            {
                into[year] = byKey = new SortedDictionary<string, long>(StringComparer.Ordinal);
            }

            foreach (var (key, count) in cells)
            {
                Count(byKey, key, sign * count);
            }

            if (byKey.Count == 0)
            {
                into.Remove(year);
            }
        }
    }

    private static void Count(SortedDictionary<string, long> into, string key, long delta)
    {
        var next = checked((into.TryGetValue(key, out var current) ? current : 0) + delta);
        if (next == 0)
        {
            into.Remove(key);
        }
        else
        {
            into[key] = next;
        }
    }

    private sealed record Stored(
        Figures Totals,
        int Grants,
        SortedDictionary<string, long> PledgedNotReceived,
        SortedDictionary<int, Figures> ByYear,
        SortedDictionary<string, Figures> ByCountry,
        SortedDictionary<string, Figures> ByForm,
        SortedDictionary<string, Figures> ByRound,
        SortedDictionary<string, long> PeopleByGroup,
        SortedDictionary<string, long> PeopleByAssistance,
        SortedDictionary<string, SortedDictionary<string, long>> ReceivedByDonor,
        SortedDictionary<int, SortedDictionary<string, long>>? PeopleByYearGroup,
        SortedDictionary<int, SortedDictionary<string, long>>? AssistanceByYear)
    {
        public static Stored From(FundProjection p) =>
            new(p.Totals, p.Grants, p.PledgedNotReceived, p.ByYear, p.ByCountry, p.ByForm, p.ByRound, p.PeopleByGroup, p.PeopleByAssistance, p.ReceivedByDonor, p.PeopleByYearGroup, p.AssistanceByYear);

        private static SortedDictionary<int, SortedDictionary<string, long>> Copy(SortedDictionary<int, SortedDictionary<string, long>>? byYear) =>
            new((byYear ?? []).ToDictionary(y => y.Key, y => new SortedDictionary<string, long>(y.Value, StringComparer.Ordinal)));

        public FundProjection ToProjection() => new()
        {
            Totals = Totals,
            Grants = Grants,
            PledgedNotReceived = new(PledgedNotReceived, StringComparer.Ordinal),
            ByYear = new(ByYear),
            ByCountry = new(ByCountry, StringComparer.Ordinal),
            ByForm = new(ByForm, StringComparer.Ordinal),
            ByRound = new(ByRound, StringComparer.Ordinal),
            PeopleByGroup = new(PeopleByGroup, StringComparer.Ordinal),
            PeopleByAssistance = new(PeopleByAssistance, StringComparer.Ordinal),
            PeopleByYearGroup = Copy(PeopleByYearGroup),
            AssistanceByYear = Copy(AssistanceByYear),
            ReceivedByDonor = new(ReceivedByDonor.ToDictionary(d => d.Key, d => new SortedDictionary<string, long>(d.Value, StringComparer.Ordinal)), StringComparer.Ordinal),
        };
    }
}
