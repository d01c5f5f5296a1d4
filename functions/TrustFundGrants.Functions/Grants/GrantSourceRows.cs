using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Organisations;
using TrustFundGrants.Functions.Projections;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// Turns one grant's partition (the grant row, its tranches, ledger and reports, read in one query) into what
/// the projections and exports take from it. Only a grant whose agreement was accepted (it has a ledger) is a
/// grant outside the Secretariat; drafts and agreements never signed are not counted or published.
/// Money comes from the ledger, so adjustments count as commitments of either sign; a payment is dated by its
/// value date; people assisted and expenditure come from accepted reports only, dated by the period they cover.
/// </summary>
public static class GrantSourceRows
{
    /// <summary>The row keys the one query reads: from "grant" up to the last tranche, which takes in the ledger and reports.</summary>
    public const string From = GrantEntity.Row;

    public const string To = "tranche.";

    public static GrantRecord? Build(string fundId, IReadOnlyCollection<TableEntity> rows, OrganisationEntity? organisation)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var grant = rows.FirstOrDefault(r => r.RowKey == GrantEntity.Row);
        if (grant is null || grant.GetString(nameof(GrantEntity.FundId)) != fundId || (grant.GetInt32(nameof(GrantEntity.LedgerCount)) ?? 0) == 0)
        {
            return null;
        }

        var valueDates = rows.Where(r => IsNumbered(r.RowKey, TrancheEntity.Prefix))
            .Select(r => (Number: r.GetInt32(nameof(TrancheEntity.Number)) ?? 0, Date: Day(r.GetString(nameof(TrancheEntity.ValueDate)))))
            .Where(t => t.Date is not null)
            .ToDictionary(t => t.Number, t => t.Date!.Value);
        var transactions = rows.Where(r => r.RowKey.StartsWith(LedgerEntryEntity.Prefix, StringComparison.Ordinal))
            .OrderBy(r => r.GetInt32(nameof(LedgerEntryEntity.Sequence)) ?? 0)
            .Select(r => Transaction(r, valueDates))
            .ToList();
        var people = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var assistance = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var peopleByYear = new SortedDictionary<int, SortedDictionary<string, long>>();
        var assistanceByYear = new SortedDictionary<int, SortedDictionary<string, long>>();
        foreach (var report in rows.Where(r => IsNumbered(r.RowKey, ReportEntity.Prefix) && r.GetString(nameof(ReportEntity.Status)) == ReportStatus.Accepted))
        {
            var period = Day(report.GetString(nameof(ReportEntity.PeriodEnd)))
                ?? DateOnly.FromDateTime((report.GetDateTimeOffset(nameof(ReportEntity.DecidedAt)) ?? DateTimeOffset.UnixEpoch).UtcDateTime);
            foreach (var cell in Read<AssistedCount>(report, nameof(ReportEntity.PeopleJson)).Where(c => c.Count > 0))
            {
                var key = $"{cell.Sex}/{cell.AgeGroup}/{cell.Form}";
                Add(people, key, cell.Count);
                Add(Year(peopleByYear, period.Year), key, cell.Count);
            }

            foreach (var cell in Read<AssistanceCount>(report, nameof(ReportEntity.AssistanceJson)).Where(c => c.Count > 0))
            {
                Add(assistance, cell.Type, cell.Count);
                Add(Year(assistanceByYear, period.Year), cell.Type, cell.Count);
            }

            var spent = Read<ExpenditureLine>(report, nameof(ReportEntity.ExpenditureJson)).Sum(l => l.ActualMinor);
            if (spent != 0)
            {
                transactions.Add(new GrantTransaction(GrantTransaction.Expenditure, spent, period));
            }
        }

        var countries = List(grant.GetString(nameof(GrantEntity.Countries)));
        var facts = new GrantFacts(
            grant.PartitionKey,
            grant.GetString(nameof(GrantEntity.RoundId)) ?? string.Empty,
            countries,
            List(grant.GetString(nameof(GrantEntity.ExploitationForms))),
            transactions.Where(t => t.Kind != GrantTransaction.Expenditure).Select(Flow).ToArray(),
            people,
            assistance)
        {
            PeopleByYear = Frozen(peopleByYear),
            AssistanceByYear = Frozen(assistanceByYear),
        };
        return new GrantRecord(
            facts,
            grant.GetString(nameof(GrantEntity.Title)) ?? string.Empty,
            Description(facts),
            Recipient(grant, organisation, countries),
            grant.GetString(nameof(GrantEntity.Status)) ?? GrantStatus.Active,
            Day(grant.GetString(nameof(GrantEntity.StartDate))),
            Day(grant.GetString(nameof(GrantEntity.EndDate))),
            transactions);
    }

    private static GrantTransaction Transaction(TableEntity entry, IReadOnlyDictionary<int, DateOnly> valueDates)
    {
        var kind = entry.GetString(nameof(LedgerEntryEntity.Kind));
        var amount = entry.GetInt64(nameof(LedgerEntryEntity.AmountMinor)) ?? 0;
        var at = DateOnly.FromDateTime((entry.GetDateTimeOffset(nameof(LedgerEntryEntity.At)) ?? DateTimeOffset.UnixEpoch).UtcDateTime);
        var tranche = entry.GetInt32(nameof(LedgerEntryEntity.TrancheNumber));
        return kind switch
        {
            LedgerKind.Commitment or LedgerKind.Adjustment => new GrantTransaction(GrantTransaction.Commitment, amount, at),
            LedgerKind.Disbursement => new GrantTransaction(
                GrantTransaction.Disbursement, amount, tranche is { } n && valueDates.TryGetValue(n, out var paid) ? paid : at),
            LedgerKind.Refund => new GrantTransaction(GrantTransaction.Refund, amount, at),
            _ => throw new FormatException($"Grant {entry.PartitionKey} has a ledger entry of unknown kind '{kind}'."),
        };
    }

    private static GrantFlow Flow(GrantTransaction transaction) => new(
        transaction.Kind switch
        {
            GrantTransaction.Disbursement => FlowKind.Disbursement,
            GrantTransaction.Refund => FlowKind.Refund,
            _ => FlowKind.Commitment,
        },
        transaction.MinorUnits,
        transaction.Date.Year);

    // Built from what the exports already publish (forms and countries), never from the application's own
    // text, which was written for reviewers and may say more about the organisation than it wants known.
    private static string Description(GrantFacts facts)
    {
        var forms = facts.Forms.Count == 0 ? "human trafficking" : string.Join(", ", facts.Forms.Select(f => f.Replace('-', ' ')));
        var where = facts.Countries.Select(c => CountryCode.TryParse(c, out var code) ? code.Name : c).ToArray();
        return where.Length == 0
            ? $"Assistance to survivors of {forms}."
            : $"Assistance to survivors of {forms} in {string.Join(", ", where)}.";
    }

    // An organisation that cannot be read is treated as one that asked not to be named: a missing row must never publish a name.
    private static GrantRecipient Recipient(TableEntity grant, OrganisationEntity? organisation, IReadOnlyList<string> countries) => new(
        grant.GetString(nameof(GrantEntity.OrganisationId)) ?? string.Empty,
        organisation?.Name ?? grant.GetString(nameof(GrantEntity.OrganisationName)) ?? string.Empty,
        organisation?.Country ?? (countries.Count > 0 ? countries[0] : string.Empty),
        organisation?.NotNamedPublicly ?? true);

    private static bool IsNumbered(string rowKey, string prefix) =>
        rowKey.Length == prefix.Length + 2 && rowKey.StartsWith(prefix, StringComparison.Ordinal);

    private static IReadOnlyList<string> List(string? csv) => (csv ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static IReadOnlyList<T> Read<T>(TableEntity row, string property) =>
        row.GetString(property) is { Length: > 0 } json ? JsonSerializer.Deserialize<T[]>(json, JsonSerializerOptions.Web) ?? [] : [];

    private static SortedDictionary<string, long> Year(SortedDictionary<int, SortedDictionary<string, long>> byYear, int year)
    {
        if (!byYear.TryGetValue(year, out var counts))
        {
            byYear[year] = counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        }

        return counts;
    }

    private static IReadOnlyDictionary<int, IReadOnlyDictionary<string, long>> Frozen(SortedDictionary<int, SortedDictionary<string, long>> byYear) =>
        byYear.ToDictionary(y => y.Key, y => (IReadOnlyDictionary<string, long>)y.Value);

    private static void Add(SortedDictionary<string, long> into, string key, long count) =>
        into[key] = checked(into.GetValueOrDefault(key) + count);
}
