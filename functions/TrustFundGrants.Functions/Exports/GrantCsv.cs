using System.Globalization;
using System.Text;
using TrustFundGrants.Functions.Projections;

namespace TrustFundGrants.Functions.Exports;

/// <summary>
/// CSV files of a fund's grants and of their disbursements (RFC 4180, UTF-8), streamed. A cell a spreadsheet
/// would run as a formula (starting = + - @, tab or carriage return) gets a leading apostrophe.
/// </summary>
public static class GrantCsv
{
    public static async Task WriteGrantsAsync(Stream output, ExportContext context, IAsyncEnumerable<GrantRecord> grants, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(grants);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteAsync(Row("grant_id", "title", "recipient", "countries", "status", "start", "end", "currency", "committed", "disbursed", "refunded"));
        await foreach (var grant in grants.WithCancellation(cancellationToken))
        {
            long Sum(string kind) => grant.Transactions.Where(t => t.Kind == kind).Sum(t => t.MinorUnits);
            await writer.WriteAsync(Row(
                grant.Facts.GrantId,
                grant.Title,
                context.RecipientName(grant.Recipient),
                string.Join(' ', grant.Facts.Countries),
                grant.Status,
                Iso(grant.Start),
                Iso(grant.End),
                context.Currency.Code,
                context.Money(Sum(GrantTransaction.Commitment)),
                context.Money(Sum(GrantTransaction.Disbursement)),
                context.Money(Sum(GrantTransaction.Refund))));
        }
    }

    public static async Task WriteDisbursementsAsync(Stream output, ExportContext context, IAsyncEnumerable<GrantRecord> grants, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(grants);
        await using var writer = new StreamWriter(output, new UTF8Encoding(false), leaveOpen: true);
        await writer.WriteAsync(Row("grant_id", "recipient", "date", "kind", "currency", "amount"));
        await foreach (var grant in grants.WithCancellation(cancellationToken))
        {
            foreach (var t in grant.Transactions.Where(t => t.Kind is GrantTransaction.Disbursement or GrantTransaction.Refund).OrderBy(t => t.Date))
            {
                await writer.WriteAsync(Row(grant.Facts.GrantId, context.RecipientName(grant.Recipient), Iso(t.Date), t.Kind, context.Currency.Code, context.Money(t.MinorUnits)));
            }
        }
    }

    public static string Row(params string[] cells) => string.Join(',', cells.Select(Cell)) + "\r\n";

    private static string Cell(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    private static string Iso(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
