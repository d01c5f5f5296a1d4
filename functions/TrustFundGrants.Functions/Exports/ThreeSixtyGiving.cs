using System.Globalization;
using System.Text.Json;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Projections;

namespace TrustFundGrants.Functions.Exports;

/// <summary>
/// Writes a 360Giving data package (schema 1.4), streamed grant by grant: id, title, description, currency,
/// amount awarded and disbursed (JSON numbers written from the exact decimal), award date, planned dates,
/// the fund as funding organisation, the grantee as recipient (unnamed ones as "An organisation in …", with an
/// id that does not identify them), and the countries as beneficiary locations.
/// </summary>
public static class ThreeSixtyGiving
{
    public static async Task WriteAsync(Stream output, ExportContext context, IAsyncEnumerable<GrantRecord> grants, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(grants);
        await using var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = false });
        json.WriteStartObject();
        json.WriteString("version", "1.4");
        json.WriteString("title", $"{context.FundName}: grants");
        json.WriteStartArray("grants");
        await foreach (var grant in grants.WithCancellation(cancellationToken))
        {
            Grant(json, context, grant);
            await json.FlushAsync(cancellationToken);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(cancellationToken);
    }

    private static void Grant(Utf8JsonWriter json, ExportContext context, GrantRecord grant)
    {
        var committed = grant.Transactions.Where(t => t.Kind == GrantTransaction.Commitment).Sum(t => t.MinorUnits);
        var disbursed = grant.Transactions.Where(t => t.Kind == GrantTransaction.Disbursement).Sum(t => t.MinorUnits)
            - grant.Transactions.Where(t => t.Kind == GrantTransaction.Refund).Sum(t => t.MinorUnits);
        var awarded = grant.Transactions.Where(t => t.Kind == GrantTransaction.Commitment).Select(t => (DateOnly?)t.Date).Min()
            ?? grant.Start ?? DateOnly.FromDateTime(context.GeneratedAt.UtcDateTime);
        json.WriteStartObject();
        json.WriteString("id", $"360G-{context.ReportingOrgRef}-{grant.Facts.GrantId}");
        json.WriteString("title", grant.Title);
        json.WriteString("description", grant.Description.Length > 0 ? grant.Description : grant.Title);
        json.WriteString("currency", context.Currency.Code);
        json.WritePropertyName("amountAwarded");
        json.WriteRawValue(context.Money(committed));
        json.WritePropertyName("amountDisbursed");
        json.WriteRawValue(context.Money(disbursed));
        json.WriteString("awardDate", Iso(awarded));
        if (grant.Start is { } start && grant.End is { } end)
        {
            json.WriteStartArray("plannedDates");
            json.WriteStartObject();
            json.WriteString("startDate", Iso(start));
            json.WriteString("endDate", Iso(end));
            json.WriteEndObject();
            json.WriteEndArray();
        }

        json.WriteStartArray("recipientOrganization");
        json.WriteStartObject();
        json.WriteString("id", context.RecipientId(grant.Recipient) ?? $"{context.ReportingOrgRef}-UNNAMED-{grant.Facts.GrantId}");
        json.WriteString("name", context.RecipientName(grant.Recipient));
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("fundingOrganization");
        json.WriteStartObject();
        json.WriteString("id", context.ReportingOrgRef);
        json.WriteString("name", context.FundName);
        json.WriteEndObject();
        json.WriteEndArray();
        json.WriteStartArray("beneficiaryLocation");
        foreach (var country in grant.Facts.Countries.Where(c => CountryCode.TryParse(c, out _)).Distinct(StringComparer.Ordinal))
        {
            json.WriteStartObject();
            json.WriteString("name", CountryCode.Parse(country).Name);
            json.WriteString("countryCode", country);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteString("dateModified", context.GeneratedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
        json.WriteEndObject();
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
