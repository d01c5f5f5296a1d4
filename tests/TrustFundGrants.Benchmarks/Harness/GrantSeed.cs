using Azure.Data.Tables;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Grants;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>
/// Writes the rows the grant functions read, with the app's own entity types: active grants with their
/// tranches, reports and a ledger of any length, index rows, and a round of approved, unreleased applications.
/// Entity-group transactions of 100 per partition, several partitions at once.
/// </summary>
internal static class GrantSeed
{
    public static GrantEntity Grant(string id, int ledger)
    {
        var grant = new GrantEntity
        {
            PartitionKey = id, FundId = Guid.CreateVersion7().ToString(), RoundId = Guid.CreateVersion7().ToString(), OrganisationId = Guid.CreateVersion7().ToString(),
            OrganisationName = "Casa Segura", Title = "Safe houses in Tijuana", Reference = "TFG-2027-0001", Currency = "USD", AmountMinor = 4_500_000,
            Countries = "MX", ExploitationForms = "sexual-exploitation,forced-labour", Status = GrantStatus.Active, StartDate = "2027-01-01", EndDate = "2027-12-31",
            CommittedMinor = 4_500_000, LedgerCount = ledger, Version = 1, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        GrantBudget.Keep(grant, [new("shelter", "Rent and utilities", 3_000_000), new("legal", "Lawyers' fees", 1_500_000)]);
        GrantBudget.KeepSpent(grant, [0, 0]);
        return grant;
    }

    /// <summary>A grant's whole partition: the grant, 3 tranches, 2 reports and <paramref name="ledger"/> ledger entries.</summary>
    public static IEnumerable<ITableEntity> Partition(string id, int ledger)
    {
        yield return Grant(id, ledger);
        for (var t = 1; t <= 3; t++)
        {
            yield return new TrancheEntity { PartitionKey = id, RowKey = TrancheEntity.RowKeyFor(t), Number = t, AmountMinor = 1_500_000, DueOn = "2027-01-01", AfterReport = t == 1 ? null : t - 1 };
        }

        for (var r = 1; r <= 2; r++)
        {
            yield return new ReportEntity { PartitionKey = id, RowKey = ReportEntity.RowKeyFor(r), Number = r, Kind = r == 2 ? GrantTerms.Final : GrantTerms.Interim, PeriodEnd = "2027-06-30", DueOn = "2027-07-31" };
        }

        for (var s = 1; s <= ledger; s++)
        {
            yield return new LedgerEntryEntity
            {
                PartitionKey = id, RowKey = LedgerEntryEntity.RowKeyFor(s), Sequence = s, Kind = s == 1 ? LedgerKind.Commitment : LedgerKind.Adjustment,
                AmountMinor = s == 1 ? 4_500_000 : 0, Currency = "USD", At = DateTimeOffset.UtcNow, ByEmail = "admin@fund.example", Note = "seeded",
            };
        }
    }

    public static GrantIndexEntry IndexEntry(string partition, string row, string grantId, int? number = null) => new()
    {
        PartitionKey = partition, RowKey = row, GrantId = grantId, Status = GrantStatus.Active, Title = "Safe houses in Tijuana", Reference = "TFG-2027-0001",
        OrganisationName = "Casa Segura", Countries = "MX", Currency = "USD", AmountMinor = 4_500_000, DueOn = "2027-07-31", Number = number,
        RequestedByEmail = number is null ? null : "admin@fund.example", RequestedAt = number is null ? null : DateTimeOffset.UtcNow, Version = 1,
    };

    /// <summary>An approved, unreleased, eligible application of <paramref name="roundId"/>, as DecideApplication leaves it.</summary>
    public static ApplicationEntity Approved(string roundId, string organisationId) => new()
    {
        PartitionKey = roundId, RowKey = Guid.CreateVersion7().ToString(), OrganisationId = organisationId, Status = ApplicationStatus.Eligible,
        Title = "Safe houses in Tijuana", Summary = "Shelter and legal aid.", Currency = "USD", RequestedMinor = 4_500_000, DurationMonths = 18,
        DetailsJson = new ApplicationDetails(["MX"], ["forced-labour"], ["women"], [], [new("shelter", "Rent", new("45000.00", "USD"))], new Dictionary<string, bool>()).ToJson(),
        Reference = "TFG-2027-0001", SubmittedByEmail = "ngo@example.org", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        DecisionOutcome = "approved", ApprovedMinor = 4_500_000, DecisionRationale = "Strong.", DecidedAt = DateTimeOffset.UtcNow,
    };

    /// <summary>Writes rows grouped by partition in transactions of 100, <paramref name="parallel"/> partitions at once.</summary>
    public static async Task WriteAsync(TableClient table, IEnumerable<ITableEntity> rows, int parallel, CancellationToken cancellationToken)
    {
        var batches = rows.GroupBy(r => r.PartitionKey).SelectMany(p => p.Chunk(100)).ToArray();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken }, async (batch, ct) =>
            await table.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct));
    }

    public static RoundEntity Round(string roundId) => new()
    {
        RowKey = roundId, FundId = Guid.CreateVersion7().ToString(), Title = "Benchmark call", Currency = "USD", EnvelopeMinor = 10_000_000_000,
        OpensAt = DateTimeOffset.UtcNow.AddDays(-60), ClosesAt = DateTimeOffset.UtcNow.AddDays(-30), TimeZone = "UTC",
    };
}
