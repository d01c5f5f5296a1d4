using Azure;
using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Functions.Organisations;
using TrustFundGrants.Functions.Organisations.Names;

namespace TrustFundGrants.Functions.Tests.Organisations.Names;

public sealed class OrganisationNameIndexTests
{
    private const string OrgId = "0195a1b2-0000-7000-8000-0000000000aa";

    private readonly Mock<TableServiceClient> tables = new(MockBehavior.Strict);
    private readonly Mock<TableClient> index = new(MockBehavior.Strict);
    private readonly Mock<TableClient> organisations = new(MockBehavior.Strict);
    private readonly List<string> calls = [];

    public OrganisationNameIndexTests()
    {
        tables.Setup(t => t.GetTableClient(OrganisationNameIndex.Table)).Returns(index.Object);
        tables.Setup(t => t.GetTableClient(OrganisationStore.Table)).Returns(organisations.Object);
    }

    [Fact]
    public async Task SearchAsync_LongestWord_ReadsOnePartitionRangeAndChecksTheOtherWords()
    {
        string? filter = null;
        index.Setup(t => t.QueryAsync<OrganisationNameEntity>(It.IsAny<string>(), OrganisationNameIndex.MaxRowsRead, null, CancellationToken.None))
            .Callback((string f, int? _, IEnumerable<string>? _, CancellationToken _) => filter = f)
            .Returns(Pages(Row("refugio", "Casa Refugio Oaxaca", "org-1"), Row("refugio", "Refugio Lima", "org-2"), Row("refugios", "Casa de Refugios", "org-3")));

        var found = await Index().SearchAsync("Casa  RÉFUGIO", 20, CancellationToken.None);

        Assert.Equal("PartitionKey eq 'r' and RowKey ge 'refugio' and RowKey lt 'refugip'", filter);
        Assert.Equal(["org-1", "org-3"], found!.Select(m => m.Id));
        Assert.Equal(new OrganisationMatch("org-1", "Casa Refugio Oaxaca", "MX"), found![0]);
    }

    [Fact]
    public async Task SearchAsync_AnOrganisationUnderTwoWords_ListedOnce()
    {
        index.Setup(t => t.QueryAsync<OrganisationNameEntity>(It.IsAny<string>(), OrganisationNameIndex.MaxRowsRead, null, CancellationToken.None))
            .Returns(Pages(Row("hope", "Hope Hopeful", "org-1"), Row("hopeful", "Hope Hopeful", "org-1")));

        var found = await Index().SearchAsync("hope", 20, CancellationToken.None);

        Assert.Equal(["org-1"], found!.Select(m => m.Id));
    }

    [Fact]
    public async Task SearchAsync_MoreMatchesThanAsked_StopsAtTheLimit()
    {
        var rows = Enumerable.Range(0, 50).Select(i => Row("hope", $"Hope {i:D2}", $"org-{i:D2}")).ToArray();
        index.Setup(t => t.QueryAsync<OrganisationNameEntity>(It.IsAny<string>(), OrganisationNameIndex.MaxRowsRead, null, CancellationToken.None)).Returns(Pages(rows));

        var found = await Index().SearchAsync("hope", 20, CancellationToken.None);

        Assert.Equal(rows.Take(20).Select(r => r.OrganisationId), found!.Select(m => m.Id));
    }

    [Fact]
    public async Task SearchAsync_CommonWordRarelyMatchingTheRest_ReadsOnePageOfTheBound()
    {
        var pagesRead = 0;
        var rows = Enumerable.Range(0, 2000).Select(i => Row("house", $"House {i:D4}", $"org-{i:D4}")).ToArray();
        index.Setup(t => t.QueryAsync<OrganisationNameEntity>(It.IsAny<string>(), OrganisationNameIndex.MaxRowsRead, null, CancellationToken.None))
            .Returns(AsyncPageable<OrganisationNameEntity>.FromPages(rows.Chunk(OrganisationNameIndex.MaxRowsRead).Select(chunk =>
            {
                pagesRead++;
                return Page<OrganisationNameEntity>.FromValues(chunk, "more", Mock.Of<Response>());
            })));

        var found = await Index().SearchAsync("house nowhere", 20, CancellationToken.None);

        Assert.Empty(found!);
        Assert.Equal(1, pagesRead);
    }

    [Fact]
    public async Task SearchAsync_NoWord_Null()
    {
        Assert.Null(await Index().SearchAsync("-- !!", 20, CancellationToken.None));
    }

    [Fact]
    public async Task SyncAsync_FirstIndexing_UpsertsEachWordThenAddsTheRecord()
    {
        organisations.Setup(t => t.GetEntityIfExistsAsync<OrganisationNameRecord>(OrgId, OrganisationNameRecord.Row, null, CancellationToken.None)).ReturnsAsync(Missing<OrganisationNameRecord>());
        AcceptUpserts();
        OrganisationNameRecord? added = null;
        organisations.Setup(t => t.AddEntityAsync(It.IsAny<OrganisationNameRecord>(), CancellationToken.None))
            .Callback((OrganisationNameRecord r, CancellationToken _) => added = r)
            .ReturnsAsync(Mock.Of<Response>());

        await Index().SyncAsync(Organisation("Safe Harbour Safe"), CancellationToken.None);

        Assert.Equal(["upsert s/safe!safe harbour safe!" + OrgId, "upsert h/harbour!safe harbour safe!" + OrgId], calls);
        Assert.Equal(["h/harbour!safe harbour safe!" + OrgId, "s/safe!safe harbour safe!" + OrgId], added!.KeyList());
    }

    [Fact]
    public async Task SyncAsync_Renamed_RemovesTheOldWordsAndReplacesTheRecordUnderItsETag()
    {
        var record = new OrganisationNameRecord { PartitionKey = OrgId, Keys = "s/safe!safe harbour!" + OrgId + "\nh/harbour!safe harbour!" + OrgId, ETag = new ETag("\"r1\"") };
        organisations.Setup(t => t.GetEntityIfExistsAsync<OrganisationNameRecord>(OrgId, OrganisationNameRecord.Row, null, CancellationToken.None)).ReturnsAsync(Response.FromValue(record, Mock.Of<Response>()));
        AcceptUpserts();
        index.Setup(t => t.DeleteEntityAsync(It.IsAny<string>(), It.IsAny<string>(), ETag.All, CancellationToken.None))
            .Callback((string p, string r, ETag _, CancellationToken _) => calls.Add($"delete {p}/{r}"))
            .ReturnsAsync(Mock.Of<Response>());
        organisations.Setup(t => t.UpdateEntityAsync(record, new ETag("\"r1\""), TableUpdateMode.Replace, CancellationToken.None))
            .Callback(() => calls.Add("record"))
            .ReturnsAsync(Mock.Of<Response>());

        await Index().SyncAsync(Organisation("Safe Haven"), CancellationToken.None);

        Assert.Equal(
            ["upsert s/safe!safe haven!" + OrgId, "upsert h/haven!safe haven!" + OrgId, "delete s/safe!safe harbour!" + OrgId, "delete h/harbour!safe harbour!" + OrgId, "record"],
            calls);
        Assert.Equal(["h/haven!safe haven!" + OrgId, "s/safe!safe haven!" + OrgId], record.KeyList());
    }

    [Fact]
    public async Task SyncAsync_RecordChangedMeanwhile_RemovesWhatItWroteForANameGoneThenThrows()
    {
        organisations.Setup(t => t.GetEntityIfExistsAsync<OrganisationNameRecord>(OrgId, OrganisationNameRecord.Row, null, CancellationToken.None)).ReturnsAsync(Missing<OrganisationNameRecord>());
        AcceptUpserts();
        organisations.Setup(t => t.AddEntityAsync(It.IsAny<OrganisationNameRecord>(), CancellationToken.None)).ThrowsAsync(new RequestFailedException(409, "EntityAlreadyExists"));
        organisations.Setup(t => t.GetEntityAsync<OrganisationEntity>(OrgId, OrganisationEntity.Row, null, CancellationToken.None))
            .ReturnsAsync(Response.FromValue(Organisation("Safe Haven"), Mock.Of<Response>()));
        index.Setup(t => t.DeleteEntityAsync(It.IsAny<string>(), It.IsAny<string>(), ETag.All, CancellationToken.None))
            .Callback((string p, string r, ETag _, CancellationToken _) => calls.Add($"delete {p}/{r}"))
            .ReturnsAsync(Mock.Of<Response>());

        var ex = await Assert.ThrowsAsync<RequestFailedException>(() => Index().SyncAsync(Organisation("Safe Harbour"), CancellationToken.None));

        // Both rows it wrote carry the old name, so neither belongs to the name as it is now.
        Assert.Equal(409, ex.Status);
        Assert.Equal(["delete h/harbour!safe harbour!" + OrgId, "delete s/safe!safe harbour!" + OrgId], calls.Where(c => c.StartsWith("delete", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
    }

    private OrganisationNameIndex Index() => new(tables.Object);

    private void AcceptUpserts() =>
        index.Setup(t => t.UpsertEntityAsync(It.IsAny<OrganisationNameEntity>(), TableUpdateMode.Replace, CancellationToken.None))
            .Callback((OrganisationNameEntity row, TableUpdateMode _, CancellationToken _) => calls.Add($"upsert {row.PartitionKey}/{row.RowKey}"))
            .ReturnsAsync(Mock.Of<Response>());

    private static OrganisationEntity Organisation(string name) => new() { PartitionKey = OrgId, Name = name, Country = "KE" };

    private static OrganisationNameEntity Row(string word, string name, string id) => new()
    {
        PartitionKey = word[..1],
        RowKey = $"{word}!{string.Join(' ', OrganisationNameWords.Of(name))}!{id}",
        OrganisationId = id,
        Name = name,
        Country = "MX",
    };

    private static AsyncPageable<OrganisationNameEntity> Pages(params OrganisationNameEntity[] rows) =>
        AsyncPageable<OrganisationNameEntity>.FromPages([Page<OrganisationNameEntity>.FromValues(rows, null, Mock.Of<Response>())]);

    private static NullableResponse<T> Missing<T>()
        where T : class
    {
        var missing = new Mock<NullableResponse<T>>();
        missing.SetupGet(r => r.HasValue).Returns(false);
        return missing.Object;
    }
}
