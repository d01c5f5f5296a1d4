using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Contributions;
using TrustFundGrants.Functions.Donors;
using TrustFundGrants.Functions.Funds;
using TrustFundGrants.Functions.Grants;
using TrustFundGrants.Functions.Organisations;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Projections;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>
/// A fund with grants and contributions, written with the app's own entity types as the grant and contribution
/// functions leave them: each grant active (to one of up to 500 organisations, a tenth of them not named publicly), its partition holding the grant row (running totals), three
/// tranches (the first paid), two reports owed and a ledger of a commitment and a disbursement; its index rows
/// (<see cref="GrantIndex.Rows"/>, the same function the index sync uses); pledges with one receipt each.
/// <see cref="Expected"/> is what any correct projection of those rows must total.
/// </summary>
internal static class FundSeed
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);
    private static readonly string[] Countries = CountryCode.All.Take(40).Select(c => c.Code).ToArray();

    public static async Task<string> FundAsync(TableServiceClient tables, string name, CancellationToken cancellationToken)
    {
        var fundId = Guid.CreateVersion7().ToString();
        var client = tables.GetTableClient(FundStore.Table);
        await client.CreateIfNotExistsAsync(cancellationToken);
        await client.AddEntityAsync(new FundEntity { RowKey = fundId, Name = name, Currency = "USD", CreatedAt = DateTimeOffset.UtcNow }, cancellationToken);
        return fundId;
    }

    /// <summary>Grant <paramref name="i"/> of a fund: deterministic amounts, countries, forms and rounds, so the totals are known.</summary>
    public static GrantEntity Grant(string fundId, int i)
    {
        var committed = 2_000_000L + (i % 977 * 1_000);
        var grant = new GrantEntity
        {
            PartitionKey = Guid.CreateVersion7().ToString(), FundId = fundId, RoundId = RoundOf(fundId, i), OrganisationId = OrganisationOf(fundId, i),
            OrganisationName = $"NGO {i % 500}", Title = $"Shelter, legal aid and reintegration, grant {i}", Reference = $"TFG-{2022 + (i % 4)}-{i:D5}",
            Currency = "USD", AmountMinor = committed, Countries = string.Join(',', Countries[i % Countries.Length], Countries[(i + 7) % Countries.Length]),
            ExploitationForms = ApplicationDraft.Forms[i % ApplicationDraft.Forms.Count], Status = GrantStatus.Active,
            StartDate = Fmt.Inv($"{2022 + (i % 4)}-03-01"), EndDate = Fmt.Inv($"{2023 + (i % 4)}-08-31"), ContactEmail = "ngo@example.org",
            CommittedMinor = committed, DisbursedMinor = FirstTranche(committed), LedgerCount = 2, Version = 5,
            AcceptedAt = DateTimeOffset.UtcNow, AcceptedByName = "Director", AcceptedByTitle = "Director", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        GrantBudget.Keep(grant, [new("shelter", "Rent and utilities", committed - 500_000), new("legal", "Lawyers' fees", 500_000)]);
        GrantBudget.KeepSpent(grant, [0, 0]);
        return grant;
    }

    /// <summary>The grant's whole partition and its index rows.</summary>
    public static IEnumerable<ITableEntity> GrantRows(GrantEntity grant, out IReadOnlyList<GrantIndexEntry> index)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var id = grant.PartitionKey;
        var year = int.Parse(grant.StartDate[..4], CultureInfo.InvariantCulture);
        var first = FirstTranche(grant.CommittedMinor);
        var second = (grant.CommittedMinor - first) / 2;
        long[] amounts = [first, second, grant.CommittedMinor - first - second];
        var tranches = amounts.Select((amount, t) => new TrancheEntity
        {
            PartitionKey = id, RowKey = TrancheEntity.RowKeyFor(t + 1), Number = t + 1, AmountMinor = amount, DueOn = Fmt.Inv($"{year + (t / 2)}-{3 + (t * 4):D2}-01"),
            AfterReport = t == 0 ? null : t, Status = t == 0 ? TrancheStatus.Paid : TrancheStatus.Scheduled,
            PaymentReference = t == 0 ? "PAY-" + id[..8] : null, ValueDate = t == 0 ? Fmt.Inv($"{year}-03-15") : null, PaidAt = t == 0 ? DateTimeOffset.UtcNow : null,
        }).ToArray();
        var reports = Enumerable.Range(1, 2).Select(r => new ReportEntity
        {
            PartitionKey = id, RowKey = ReportEntity.RowKeyFor(r), Number = r, Kind = r == 2 ? GrantTerms.Final : GrantTerms.Interim,
            PeriodEnd = Fmt.Inv($"{year + r - 1}-12-31"), DueOn = Fmt.Inv($"{year + r}-01-31"),
        }).ToArray();
        LedgerEntryEntity Entry(int sequence, string kind, long amount, int? tranche) => new()
        {
            PartitionKey = id, RowKey = LedgerEntryEntity.RowKeyFor(sequence), Sequence = sequence, Kind = kind, AmountMinor = amount, Currency = grant.Currency,
            At = new DateTimeOffset(year, 3, sequence, 12, 0, 0, TimeSpan.Zero), ByEmail = "finance@fund.example", Note = "seeded", TrancheNumber = tranche,
            Reference = tranche is null ? null : "PAY-" + id[..8],
        };

        index = GrantIndex.Rows(new GrantFile(grant, tranches, reports, []));
        return new ITableEntity[] { grant }.Concat(tranches).Concat(reports)
            .Append(Entry(1, LedgerKind.Commitment, grant.CommittedMinor, null))
            .Append(Entry(2, LedgerKind.Disbursement, first, 1));
    }

    /// <summary>
    /// Writes <paramref name="count"/> grants of the fund (partitions and index rows) and returns them. Grant
    /// partitions are one transaction each, 16 at a time; index partitions in transactions of 100.
    /// </summary>
    public static async Task<IReadOnlyList<GrantEntity>> GrantsAsync(TableServiceClient tables, string fundId, int count, CancellationToken cancellationToken)
    {
        var grants = tables.GetTableClient(GrantStore.Table);
        var indexTable = tables.GetTableClient(GrantIndex.Table);
        await grants.CreateIfNotExistsAsync(cancellationToken);
        await indexTable.CreateIfNotExistsAsync(cancellationToken);
        var entities = Enumerable.Range(0, count).Select(i => Grant(fundId, i)).ToArray();
        var index = new List<GrantIndexEntry>();
        var rows = new List<ITableEntity>();
        foreach (var grant in entities)
        {
            rows.AddRange(GrantRows(grant, out var entries));
            index.AddRange(entries);
        }

        var organisations = tables.GetTableClient(OrganisationStore.Table);
        await organisations.CreateIfNotExistsAsync(cancellationToken);
        var profiles = entities.DistinctBy(g => g.OrganisationId).Select((g, n) => new OrganisationEntity
        {
            PartitionKey = g.OrganisationId, Name = g.OrganisationName, Country = g.Countries[..2], NotNamedPublicly = n % 10 == 0,
            ContactEmail = "ngo@example.org", CreatedAt = DateTimeOffset.UtcNow, CreatedBy = "seed",
        });
        await GrantSeed.WriteAsync(grants, rows, 16, cancellationToken);
        await GrantSeed.WriteAsync(indexTable, index, 16, cancellationToken);
        await GrantSeed.WriteAsync(organisations, profiles, 16, cancellationToken);
        return entities;
    }

    /// <summary>
    /// Writes <paramref name="count"/> pledges to the fund from as many donors (a tenth of them earmarked to a
    /// country), each with one receipt of half the pledge in the fund's currency, and their donors.
    /// </summary>
    public static async Task<IReadOnlyList<PledgeEntity>> PledgesAsync(TableServiceClient tables, string fundId, int count, CancellationToken cancellationToken)
    {
        var contributions = tables.GetTableClient(ContributionStore.Table);
        var donors = tables.GetTableClient(DonorStore.Table);
        await contributions.CreateIfNotExistsAsync(cancellationToken);
        await donors.CreateIfNotExistsAsync(cancellationToken);
        var pledges = new List<PledgeEntity>();
        var rows = new List<ITableEntity>();
        for (var p = 0; p < count; p++)
        {
            var donor = new DonorEntity { RowKey = Guid.CreateVersion7().ToString(), Name = $"Donor {p}", Kind = p % 2 == 0 ? "government" : "foundation", CreatedAt = DateTimeOffset.UtcNow };
            await donors.AddEntityAsync(donor, cancellationToken);
            var pledged = 50_000_000L + (p * 10_000);
            var pledge = new PledgeEntity
            {
                PartitionKey = Guid.CreateVersion7().ToString(), DonorId = donor.RowKey, FundId = fundId, Currency = "USD", PledgedMinorUnits = pledged,
                PledgedOn = "2024-01-15", EarmarkKind = p % 10 == 0 ? Earmark.Country : string.Empty, EarmarkValue = p % 10 == 0 ? Countries[p % Countries.Length] : string.Empty,
                ReceivedMinorUnits = pledged / 2, FundCurrency = "USD", ReceivedFundMinorUnits = pledged / 2, Receipts = 1, CreatedAt = DateTimeOffset.UtcNow,
            };
            pledges.Add(pledge);
            rows.Add(pledge);
            rows.Add(new ReceiptEntity
            {
                PartitionKey = pledge.PartitionKey, RowKey = ReceiptEntity.RowPrefix + Guid.CreateVersion7(), MinorUnits = pledged / 2, Currency = "USD",
                ValueDate = Fmt.Inv($"{2024 + (p % 2)}-02-01"), FundMinorUnits = pledged / 2, FundCurrency = "USD", Reference = "BANK-" + p,
                RecordedAt = DateTimeOffset.UtcNow, RecordedBy = "finance@fund.example",
            });
        }

        await GrantSeed.WriteAsync(contributions, rows, 8, cancellationToken);
        return pledges;
    }

    /// <summary>
    /// The fund's projection partition as the projector leaves it after one event per grant: the dashboard row
    /// (a recomputation over all <paramref name="grants"/> grants' facts), and a "grant-{id}" facts row and an
    /// applied-event marker for the first <paramref name="rowsFor"/> of them, in transactions of 100. Azurite
    /// checks every inserted key against its partition, so seeding grows faster than linearly with the
    /// partition (20,000 rows take about 40 s on the shared machine; 200,000 did not finish in 10 minutes).
    /// </summary>
    public static async Task ProjectionAsync(TableServiceClient tables, string fundId, int grants, int rowsFor, CancellationToken cancellationToken)
    {
        var client = tables.GetTableClient(ProjectionRows.Table);
        await client.CreateIfNotExistsAsync(cancellationToken);
        var facts = Enumerable.Range(0, grants).Select(i => Facts(Grant(fundId, i))).ToArray();
        var rows = facts.Take(rowsFor).SelectMany(f => new ITableEntity[]
        {
            ProjectionRows.WithJson(fundId, ProjectionRows.GrantPrefix + f.GrantId, JsonSerializer.Serialize(f, Web)),
            ProjectionMarker(fundId),
        }).Append(ProjectionRows.WithJson(fundId, ProjectionRows.Fund, FundProjection.Recompute(facts, []).ToJson()));
        await GrantSeed.WriteAsync(client, rows, 4, cancellationToken);
    }

    /// <summary>What the projections count of one seeded grant: its commitment and first tranche in its start year.</summary>
    public static GrantFacts Facts(GrantEntity grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var year = int.Parse(grant.StartDate[..4], CultureInfo.InvariantCulture);
        return new GrantFacts(
            grant.PartitionKey, grant.RoundId, grant.Countries.Split(','), grant.ExploitationForms.Split(','),
            [new GrantFlow(FlowKind.Commitment, grant.CommittedMinor, year), new GrantFlow(FlowKind.Disbursement, grant.DisbursedMinor, year)],
            new Dictionary<string, long>(), new Dictionary<string, long>());
    }

    /// <summary>The totals every correct projection of these rows shows, whatever order its events came in.</summary>
    public static Expected Expected(IEnumerable<GrantEntity> grants, IEnumerable<PledgeEntity> pledges)
    {
        var g = grants.ToArray();
        var p = pledges.ToArray();
        return new Expected(g.Length, g.Sum(x => x.CommittedMinor), g.Sum(x => x.DisbursedMinor), p.Sum(x => x.ReceivedFundMinorUnits));
    }

    private static TableEntity ProjectionMarker(string fundId) => ProcessedMarker.For(fundId, Guid.CreateVersion7().ToString(), DateTimeOffset.UtcNow);

    private static long FirstTranche(long committed) => committed * 40 / 100;

    // Six rounds and up to 500 organisations per fund, stable within a fund.
    private static string RoundOf(string fundId, int i) => new Guid(fundId[..^1] + (char)('0' + (i % 6))).ToString();

    private static string OrganisationOf(string fundId, int i) => new Guid(fundId[..^4] + (i % 500).ToString("x4", CultureInfo.InvariantCulture)).ToString();
}

/// <summary>A fund's expected dashboard: grants, committed, disbursed and received, in minor units.</summary>
internal sealed record Expected(int Grants, long Committed, long Disbursed, long Received);
