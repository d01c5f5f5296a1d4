using System.Globalization;
using System.Xml;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Projections;

namespace TrustFundGrants.Functions.Exports;

/// <summary>
/// Writes an IATI 2.03 activity file, streamed grant by grant. The fund is the reporting organisation and
/// has an activity of its own carrying the donors' incoming funds (type 1); each grant is an activity with
/// the fund as funding organisation and the grantee as implementing organisation, its countries (percentages
/// split exactly to 100), the sector, dates and status, its budget, and its transactions: commitment (2),
/// disbursements (3), expenditure from accepted reports (4), and refunds as negative disbursements.
/// </summary>
public static class IatiActivities
{
    // DAC 15160 Human rights: the sector code the UN trafficking funds report their grants under.
    private const string Sector = "15160";

    public static async Task WriteAsync(Stream output, ExportContext context, IAsyncEnumerable<GrantRecord> grants, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(grants);
        var settings = new XmlWriterSettings { Async = true, Indent = true, Encoding = new System.Text.UTF8Encoding(false) };
        await using var xml = XmlWriter.Create(output, settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "iati-activities", null);
        await xml.WriteAttributeStringAsync(null, "version", null, "2.03");
        await xml.WriteAttributeStringAsync(null, "generated-datetime", null, Timestamp(context.GeneratedAt));
        await FundActivityAsync(xml, context);
        await foreach (var grant in grants.WithCancellation(cancellationToken))
        {
            await GrantActivityAsync(xml, context, grant);
            await xml.FlushAsync();
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    private static async Task FundActivityAsync(XmlWriter xml, ExportContext context)
    {
        await StartActivityAsync(xml, context, $"{context.ReportingOrgRef}-{context.FundId}");
        await NarrativeElementAsync(xml, "title", context.FundName);
        await NarrativeElementAsync(xml, "description", $"{context.FundName}: the trust fund, with the contributions it received.", ("type", "1"));
        await OrgAsync(xml, "participating-org", "1", context.ReportingOrgRef, "40", context.FundName);
        await CodeAsync(xml, "activity-status", "2");
        await DateAsync(xml, "2", context.Incoming.Count == 0 ? DateOnly.FromDateTime(context.GeneratedAt.UtcDateTime) : context.Incoming.Min(i => i.ValueDate));
        foreach (var incoming in context.Incoming.OrderBy(i => i.ValueDate))
        {
            await TransactionAsync(xml, context, "1", incoming.FundMinorUnits, incoming.ValueDate, ("provider-org", incoming.DonorName, DonorType(incoming.DonorKind)));
        }

        await xml.WriteEndElementAsync();
    }

    private static async Task GrantActivityAsync(XmlWriter xml, ExportContext context, GrantRecord grant)
    {
        var recipient = context.RecipientName(grant.Recipient);
        await StartActivityAsync(xml, context, $"{context.ReportingOrgRef}-{grant.Facts.GrantId}");
        await NarrativeElementAsync(xml, "title", grant.Title);
        await NarrativeElementAsync(xml, "description", grant.Description.Length > 0 ? grant.Description : grant.Title, ("type", "1"));
        await OrgAsync(xml, "participating-org", "1", context.ReportingOrgRef, "40", context.FundName);
        await OrgAsync(xml, "participating-org", "4", context.RecipientId(grant.Recipient), "22", recipient);
        await CodeAsync(xml, "activity-status", Status(grant.Status));
        var start = grant.Start ?? grant.Transactions.Select(t => (DateOnly?)t.Date).Min() ?? DateOnly.FromDateTime(context.GeneratedAt.UtcDateTime);
        await DateAsync(xml, "1", start);
        if (grant.End is { } end)
        {
            await DateAsync(xml, "3", end);
        }

        var countries = grant.Facts.Countries.Where(c => CountryCode.TryParse(c, out _)).Distinct(StringComparer.Ordinal).ToArray();
        var shares = Allocation.ProRata(100, countries.Select(c => KeyValuePair.Create(c, 1L)).ToArray());
        foreach (var country in countries)
        {
            await xml.WriteStartElementAsync(null, "recipient-country", null);
            await xml.WriteAttributeStringAsync(null, "code", null, country);
            await xml.WriteAttributeStringAsync(null, "percentage", null, shares[country].ToString(CultureInfo.InvariantCulture));
            await xml.WriteEndElementAsync();
        }

        await xml.WriteStartElementAsync(null, "sector", null);
        await xml.WriteAttributeStringAsync(null, "vocabulary", null, "1");
        await xml.WriteAttributeStringAsync(null, "code", null, Sector);
        await xml.WriteAttributeStringAsync(null, "percentage", null, "100");
        await xml.WriteEndElementAsync();
        await BudgetAsync(xml, context, grant, start);
        foreach (var transaction in grant.Transactions.OrderBy(t => t.Date))
        {
            var (type, amount) = transaction.Kind switch
            {
                GrantTransaction.Commitment => ("2", transaction.MinorUnits),
                GrantTransaction.Disbursement => ("3", transaction.MinorUnits),
                GrantTransaction.Refund => ("3", -transaction.MinorUnits),
                _ => ("4", transaction.MinorUnits),
            };
            await TransactionAsync(xml, context, type, amount, transaction.Date, ("receiver-org", recipient, "22"));
        }

        await xml.WriteEndElementAsync();
    }

    private static async Task BudgetAsync(XmlWriter xml, ExportContext context, GrantRecord grant, DateOnly start)
    {
        var committed = grant.Transactions.Where(t => t.Kind == GrantTransaction.Commitment).Sum(t => t.MinorUnits);
        if (grant.End is not { } end || committed == 0)
        {
            return;
        }

        await xml.WriteStartElementAsync(null, "budget", null);
        await xml.WriteAttributeStringAsync(null, "type", null, "1");
        await xml.WriteAttributeStringAsync(null, "status", null, "2");
        await IsoDateElementAsync(xml, "period-start", start);
        await IsoDateElementAsync(xml, "period-end", end);
        await ValueAsync(xml, context, committed, start);
        await xml.WriteEndElementAsync();
    }

    private static async Task StartActivityAsync(XmlWriter xml, ExportContext context, string identifier)
    {
        await xml.WriteStartElementAsync(null, "iati-activity", null);
        await xml.WriteAttributeStringAsync(null, "last-updated-datetime", null, Timestamp(context.GeneratedAt));
        await xml.WriteAttributeStringAsync("xml", "lang", null, "en");
        await xml.WriteAttributeStringAsync(null, "default-currency", null, context.Currency.Code);
        await xml.WriteElementStringAsync(null, "iati-identifier", null, identifier);
        await OrgAsync(xml, "reporting-org", null, context.ReportingOrgRef, "40", context.FundName);
    }

    private static async Task TransactionAsync(XmlWriter xml, ExportContext context, string type, long amount, DateOnly date, (string Element, string Name, string Type) party)
    {
        await xml.WriteStartElementAsync(null, "transaction", null);
        await CodeAsync(xml, "transaction-type", type);
        await IsoDateElementAsync(xml, "transaction-date", date);
        await ValueAsync(xml, context, amount, date);
        await xml.WriteStartElementAsync(null, party.Element, null);
        await xml.WriteAttributeStringAsync(null, "type", null, party.Type);
        await NarrativeAsync(xml, party.Name);
        await xml.WriteEndElementAsync();
        await xml.WriteEndElementAsync();
    }

    private static async Task ValueAsync(XmlWriter xml, ExportContext context, long amount, DateOnly date)
    {
        await xml.WriteStartElementAsync(null, "value", null);
        await xml.WriteAttributeStringAsync(null, "currency", null, context.Currency.Code);
        await xml.WriteAttributeStringAsync(null, "value-date", null, Iso(date));
        await xml.WriteStringAsync(context.Money(amount));
        await xml.WriteEndElementAsync();
    }

    private static async Task OrgAsync(XmlWriter xml, string element, string? role, string? reference, string type, string name)
    {
        await xml.WriteStartElementAsync(null, element, null);
        if (reference is not null)
        {
            await xml.WriteAttributeStringAsync(null, "ref", null, reference);
        }

        await xml.WriteAttributeStringAsync(null, "type", null, type);
        if (role is not null)
        {
            await xml.WriteAttributeStringAsync(null, "role", null, role);
        }

        await NarrativeAsync(xml, name);
        await xml.WriteEndElementAsync();
    }

    private static async Task NarrativeElementAsync(XmlWriter xml, string element, string text, params (string Name, string Value)[] attributes)
    {
        await xml.WriteStartElementAsync(null, element, null);
        foreach (var (name, value) in attributes)
        {
            await xml.WriteAttributeStringAsync(null, name, null, value);
        }

        await NarrativeAsync(xml, text);
        await xml.WriteEndElementAsync();
    }

    private static Task NarrativeAsync(XmlWriter xml, string text) => xml.WriteElementStringAsync(null, "narrative", null, text);

    private static async Task CodeAsync(XmlWriter xml, string element, string code)
    {
        await xml.WriteStartElementAsync(null, element, null);
        await xml.WriteAttributeStringAsync(null, "code", null, code);
        await xml.WriteEndElementAsync();
    }

    private static async Task DateAsync(XmlWriter xml, string type, DateOnly date)
    {
        await xml.WriteStartElementAsync(null, "activity-date", null);
        await xml.WriteAttributeStringAsync(null, "type", null, type);
        await xml.WriteAttributeStringAsync(null, "iso-date", null, Iso(date));
        await xml.WriteEndElementAsync();
    }

    private static async Task IsoDateElementAsync(XmlWriter xml, string element, DateOnly date)
    {
        await xml.WriteStartElementAsync(null, element, null);
        await xml.WriteAttributeStringAsync(null, "iso-date", null, Iso(date));
        await xml.WriteEndElementAsync();
    }

    // IATI ActivityStatus: 1 Pipeline, 2 Implementation, 3 Finalisation, 4 Closed, 5 Cancelled, 6 Suspended.
    private static string Status(string status) => status switch
    {
        "Draft" or "AwaitingSignature" => "1",
        "Closed" => "4",
        "Terminated" => "5",
        "Suspended" => "6",
        _ => "2",
    };

    // IATI OrganisationType: 10 Government, 40 Multilateral, 60 Foundation, 70 Private Sector.
    private static string DonorType(string kind) => kind switch
    {
        "government" => "10",
        "multilateral" => "40",
        "foundation" => "60",
        _ => "70",
    };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Timestamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
