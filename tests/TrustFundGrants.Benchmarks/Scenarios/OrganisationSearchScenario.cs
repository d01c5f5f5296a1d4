using System.Diagnostics;
using Azure.Data.Tables;
using TrustFundGrants.Benchmarks.Harness;
using TrustFundGrants.Functions.Organisations;
using TrustFundGrants.Functions.Organisations.Names;

namespace TrustFundGrants.Benchmarks.Scenarios;

/// <summary>
/// Issue 14.6: the organisation search reads the name index (<see cref="OrganisationNameIndex"/>), not the
/// register. The index is seeded with the rows the app writes (<see cref="OrganisationNameEntity.For"/>) for
/// 100 organisations, searched, then grown to 100,000 and searched again with the same queries; every answer is
/// checked against the same search worked out in memory over the names seeded. Each organisation's name has a
/// word from a list of 40, one from a list of 50 and a serial word of its own, so a common word matches
/// thousands of names at 100,000 and a serial one. Each search is timed beside the raw range query it makes
/// (the same filter, one page of the same bound, no matching), in turn, so that the growth Azurite adds to any
/// query is told apart from what the app adds to its own.
/// </summary>
internal sealed class OrganisationSearchScenario : IScenario
{
    public const double Target = 1.5;

    private static readonly string[] First =
    [
        "hope", "safe", "casa", "refugio", "esperanza", "harbour", "haven", "light", "bridge", "path", "home", "shelter", "future", "dignity",
        "freedom", "voices", "women", "children", "youth", "migrant", "rights", "justice", "care", "action", "aid", "alliance", "network",
        "centre", "foundation", "fundacion", "association", "asociacion", "mission", "trust", "union", "council", "circle", "house", "hands", "wings",
    ];

    private static readonly string[] Second =
    [
        "nairobi", "manila", "lima", "oaxaca", "dhaka", "kampala", "accra", "lagos", "quito", "bogota", "cusco", "cebu", "davao", "mombasa", "kisumu",
        "chiapas", "tijuana", "juarez", "medellin", "cali", "arequipa", "trujillo", "piura", "iloilo", "baguio", "chittagong", "sylhet", "khulna",
        "gulu", "mbarara", "kumasi", "tamale", "ibadan", "kano", "enugu", "guayaquil", "cuenca", "loja", "santiago", "valparaiso", "rosario",
        "cordoba", "mendoza", "salta", "asuncion", "encarnacion", "montevideo", "salto", "paysandu", "rivera",
    ];

    public string Name => "organisation-search";

    public string Description => "GET /api/organisations?name= as the app runs it (OrganisationNameIndex.SearchAsync) at 100 and at 100,000 organisations";

    public async Task<IReadOnlyList<Table>> RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        var (small, large, repeats) = context.Quick ? (100, 20_000, 10) : (100, 100_000, 20);
        var service = new TableServiceClient(context.ConnectionString);
        await service.GetTableClient(OrganisationNameIndex.Table).CreateIfNotExistsAsync(cancellationToken);
        var index = new OrganisationNameIndex(service);
        var names = new List<OrganisationEntity>();
        string[] queries = ["hope", "ho", "refugio lima", "esp cus", "n000042", "wings rivera n00009"];

        var table = new Table(
            Fmt.Inv($"organisation-search: {queries.Length} queries x {repeats}, in process against Azurite"),
            "organisations", "index rows", "search p50 ms", "search p95 ms", "raw query p50 ms", "raw query p95 ms", "search/raw p50", "answers checked");
        var p50s = new List<double>();
        var rawP50s = new List<double>();
        foreach (var size in new[] { small, large })
        {
            BenchContext.Progress(Fmt.Inv($"organisation-search: seeding the name index up to {size} organisations"));
            var added = Organisations(names.Count, size);
            await SeedAsync(index.Client, added, cancellationToken);
            names.AddRange(added);

            var checkedAnswers = 0;
            foreach (var query in queries)
            {
                var expected = Expected(names, query);
                var found = await index.SearchAsync(query, 20, cancellationToken) ?? [];
                if (!found.Select(m => m.Id).SequenceEqual(expected))
                {
                    throw new InvalidOperationException(Fmt.Inv($"Search '{query}' at {size}: answered {found.Count} ({string.Join(",", found.Take(3).Select(m => m.Name))}), expected {expected.Count}."));
                }

                checkedAnswers++;
            }

            var times = new List<double>();
            var rawTimes = new List<double>();
            for (var r = 0; r < repeats; r++)
            {
                foreach (var query in queries)
                {
                    // Which goes first alternates, so that neither always finds Azurite warmed by the other.
                    for (var turn = 0; turn < 2; turn++)
                    {
                        var start = Stopwatch.GetTimestamp();
                        if ((turn + r) % 2 == 0)
                        {
                            await index.SearchAsync(query, 20, cancellationToken);
                            times.Add(Latencies.Since(start));
                        }
                        else
                        {
                            await RawRangeAsync(index.Client, query, cancellationToken);
                            rawTimes.Add(Latencies.Since(start));
                        }
                    }
                }
            }

            var s = new Latencies(times);
            var raw = new Latencies(rawTimes);
            p50s.Add(s.P50);
            rawP50s.Add(raw.P50);
            table.Add(
                Fmt.Int(size), Fmt.Int(names.Sum(n => OrganisationNameWords.Of(n.Name).Distinct().Count())), Fmt.Ms(s.P50), Fmt.Ms(s.P95),
                Fmt.Ms(raw.P50), Fmt.Ms(raw.P95), Fmt.Ratio(s.P50 / raw.P50), Fmt.Inv($"{checkedAnswers} of {queries.Length}"));
        }

        var ratio = p50s[1] / p50s[0];
        table.Add("ratio", "", Fmt.Ratio(ratio), "", Fmt.Ratio(rawP50s[1] / rawP50s[0]), "", "", "");
        table.Note("Each answer is compared with the same search worked out in memory over every name seeded (the first 20 organisations with a word beginning with the longest query word, in key order, whose name has a word beginning with each other query word).");
        table.Note(Fmt.Inv($"Raw query: the search's own filter (the longest word's partition and key range) with the SDK, one page of up to {OrganisationNameIndex.MaxRowsRead} rows read whole as TableEntity, no matching."));
        table.Note(Fmt.Inv($"A search reads one page of up to {OrganisationNameIndex.MaxRowsRead} rows of one partition's key range and stops at 20 matches. In Azure Table Storage that is an index seek whatever the table's size. Azurite evaluates every query as a predicate over every entity of the table (LokiTableMetadataStore.queryTableEntities: .chain().where(...)), so here any query's time grows with the table, the index's included; the old search (every 'profile' row of the register, filtered in the app) read all N rows and sent them over HTTP on top of that."));
        context.Check(new TargetCheck(
            "organisation-search", Fmt.Inv($"search p50 at {large} / at {small}"), Fmt.Ratio(ratio), Fmt.Inv($"<= {Target:0.0}x"), ratio <= Target,
            Fmt.Inv($"{Fmt.Ms(p50s[0])} ms vs {Fmt.Ms(p50s[1])} ms; raw range query {Fmt.Ms(rawP50s[0])} vs {Fmt.Ms(rawP50s[1])} ms ({Fmt.Ratio(rawP50s[1] / rawP50s[0])}); search/raw {Fmt.Ratio(p50s[0] / rawP50s[0])} and {Fmt.Ratio(p50s[1] / rawP50s[1])}; every answer checked")));
        return [table];
    }

    /// <summary>The request the search makes, with nothing of the app's around it.</summary>
    private static async Task RawRangeAsync(TableClient index, string query, CancellationToken cancellationToken)
    {
        var longest = OrganisationNameWords.Of(query).MaxBy(w => w.Length)!;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {OrganisationNameWords.Partition(longest)} and RowKey ge {longest} and RowKey lt {OrganisationNameWords.After(longest)}");
        await foreach (var _ in index.QueryAsync<TableEntity>(filter, maxPerPage: OrganisationNameIndex.MaxRowsRead, cancellationToken: cancellationToken).AsPages())
        {
            break;
        }
    }

    private static List<OrganisationEntity> Organisations(int from, int to) =>
        Enumerable.Range(from, to - from).Select(i => new OrganisationEntity
        {
            PartitionKey = Guid.CreateVersion7().ToString(),
            Name = Fmt.Inv($"{Title(First[i % First.Length])} {Title(Second[(i / First.Length) % Second.Length])} N{i:D6}"),
            Country = "KE",
        }).ToList();

    private static string Title(string word) => char.ToUpperInvariant(word[0]) + word[1..];

    private static async Task SeedAsync(TableClient index, List<OrganisationEntity> organisations, CancellationToken cancellationToken)
    {
        var rows = organisations.SelectMany(o => OrganisationNameWords.Of(o.Name).Distinct(StringComparer.Ordinal).Select(w => OrganisationNameEntity.For(w, o)));
        var batches = rows.GroupBy(r => r.PartitionKey).SelectMany(g => g.Chunk(100)).ToArray();
        await Parallel.ForEachAsync(batches, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (batch, ct) =>
            await index.SubmitTransactionAsync(batch.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), ct));
    }

    /// <summary>The search worked out in memory: the same rule (bound included), over every name seeded.</summary>
    private static List<string> Expected(List<OrganisationEntity> organisations, string query)
    {
        var words = OrganisationNameWords.Of(query);
        var longest = words.MaxBy(w => w.Length)!;
        return organisations
            .SelectMany(o => OrganisationNameWords.Of(o.Name).Distinct(StringComparer.Ordinal).Where(w => w.StartsWith(longest, StringComparison.Ordinal))
                .Select(w => (Key: OrganisationNameEntity.For(w, o).RowKey, o)))
            .OrderBy(k => k.Key, StringComparer.Ordinal)
            .Take(OrganisationNameIndex.MaxRowsRead)
            .Select(k => k.o)
            .DistinctBy(o => o.PartitionKey)
            .Where(o => OrganisationNameWords.Matches(OrganisationNameWords.Of(o.Name), words))
            .Take(20)
            .Select(o => o.PartitionKey)
            .ToList();
    }
}
