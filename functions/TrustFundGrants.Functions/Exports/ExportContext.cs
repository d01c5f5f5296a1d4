using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Projections;

namespace TrustFundGrants.Functions.Exports;

/// <summary>
/// What every export of one fund needs besides its grants. <see cref="Public"/>: the file leaves the
/// Secretariat, so organisations that asked not to be named appear as "An organisation in …".
/// </summary>
public sealed record ExportContext(
    string FundId,
    string FundName,
    CurrencyCode Currency,
    string ReportingOrgRef,
    bool Public,
    DateTimeOffset GeneratedAt,
    IReadOnlyList<IncomingFunds> Incoming)
{
    public string RecipientName(GrantRecipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return Public ? recipient.PublicName : recipient.Name;
    }

    public string? RecipientId(GrantRecipient recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return Public && recipient.NotNamedPublicly ? null : $"{ReportingOrgRef}-ORG-{recipient.OrganisationId}";
    }

    public string Money(long minorUnits) => new Money(minorUnits, Currency).FormatAmount();
}

/// <summary>Money a donor paid into the fund, in the fund's currency, as IATI's "incoming funds".</summary>
public sealed record IncomingFunds(string DonorName, string DonorKind, long FundMinorUnits, DateOnly ValueDate);

/// <summary>Configuration: Exports:ReportingOrgRef, the fund's IATI organisation identifier (its registry prefix and id).</summary>
public sealed class ExportOptions
{
    public const string Section = "Exports";

    public string ReportingOrgRef { get; set; } = "XI-TFG";
}
