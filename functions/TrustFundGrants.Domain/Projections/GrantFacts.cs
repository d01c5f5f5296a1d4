namespace TrustFundGrants.Domain;

/// <summary>How money moves on a grant, as the projections count it. Adjustments are commitments of either sign.</summary>
public enum FlowKind
{
    Commitment,
    Disbursement,
    Refund,
}

/// <summary>One ledger movement of a grant in the fund's minor units, dated by its year.</summary>
public sealed record GrantFlow(FlowKind Kind, long MinorUnits, int Year);

/// <summary>
/// Everything the fund projections take from one grant: where it works, its money movements and the people
/// its accepted reports counted (aggregate cells only: "sex/age/form" and assistance type).
/// </summary>
public sealed record GrantFacts(
    string GrantId,
    string RoundId,
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> Forms,
    IReadOnlyList<GrantFlow> Flows,
    IReadOnlyDictionary<string, long> PeopleByGroup,
    IReadOnlyDictionary<string, long> PeopleByAssistance)
{
    /// <summary>The same people counts split by the year of the report period that counted them.</summary>
    public IReadOnlyDictionary<int, IReadOnlyDictionary<string, long>> PeopleByYear { get; init; } = new Dictionary<int, IReadOnlyDictionary<string, long>>();

    public IReadOnlyDictionary<int, IReadOnlyDictionary<string, long>> AssistanceByYear { get; init; } = new Dictionary<int, IReadOnlyDictionary<string, long>>();
}

/// <summary>What a pledge was earmarked for: a theme (form of exploitation), a region, a country or a round.</summary>
public sealed record Earmark(string Kind, string Value)
{
    public const string Theme = "theme";
    public const string Region = "region";
    public const string Country = "country";
    public const string Round = "round";

    public static IReadOnlyList<string> Kinds { get; } = [Theme, Region, Country, Round];

    public string Key => Kind + ":" + Value;
}

/// <summary>A receipt against a pledge: in the pledge's currency and, converted at its stated rate, in the fund's.</summary>
public sealed record ReceiptFacts(long MinorUnits, long FundMinorUnits, int Year);

/// <summary>A donor's pledge to a fund with every receipt recorded against it.</summary>
public sealed record PledgeFacts(
    string PledgeId,
    string DonorId,
    string Currency,
    long PledgedMinorUnits,
    Earmark? Earmark,
    IReadOnlyList<ReceiptFacts> Receipts)
{
    public long ReceivedMinorUnits => Receipts.Sum(r => r.MinorUnits);

    public long OutstandingMinorUnits => Math.Max(0, PledgedMinorUnits - ReceivedMinorUnits);
}
