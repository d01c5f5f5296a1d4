using TrustFundGrants.Domain;

namespace TrustFundGrants.Functions.Projections;

/// <summary>
/// The seam between grants and the donor-facing projections and exports: how a grant's facts are read from
/// its source rows (the grant, its ledger totals and its accepted reports). The grants feature implements it;
/// the projector and exports depend only on this.
/// </summary>
public interface IGrantSource
{
    /// <summary>The grant's facts as they are now, or null when the fund has no such grant.</summary>
    Task<GrantFacts?> FindAsync(string fundId, string grantId, CancellationToken cancellationToken);

    /// <summary>Every grant of the fund with what the exports show of it, in a stable order.</summary>
    IAsyncEnumerable<GrantRecord> ListAsync(string fundId, CancellationToken cancellationToken);

    /// <summary>One page of <see cref="ListAsync"/> for an API list: the grants of up to <paramref name="paging"/>'s limit of index rows, and the cursor after them.</summary>
    Task<Platform.Http.Page<GrantRecord>> PageAsync(string fundId, Platform.Http.Paging paging, CancellationToken cancellationToken);
}

/// <summary>A grant as exports show it, beside the facts the projections count.</summary>
public sealed record GrantRecord(
    GrantFacts Facts,
    string Title,
    string Description,
    GrantRecipient Recipient,
    string Status,
    DateOnly? Start,
    DateOnly? End,
    IReadOnlyList<GrantTransaction> Transactions);

/// <summary>The grantee. <see cref="NotNamedPublicly"/>: the organisation asked not to be named outside the Secretariat.</summary>
public sealed record GrantRecipient(string OrganisationId, string Name, string Country, bool NotNamedPublicly)
{
    /// <summary>How views outside the Secretariat name it.</summary>
    public string PublicName => NotNamedPublicly
        ? $"An organisation in {(CountryCode.TryParse(Country, out var country) ? country.Name : Country)}"
        : Name;
}

/// <summary>A dated money movement: commitment, disbursement, refund, or expenditure reported in an accepted report.</summary>
public sealed record GrantTransaction(string Kind, long MinorUnits, DateOnly Date)
{
    public const string Commitment = "commitment";
    public const string Disbursement = "disbursement";
    public const string Refund = "refund";
    public const string Expenditure = "expenditure";
}
