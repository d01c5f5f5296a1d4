using System.Net;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Projections;
using TrustFundGrants.IntegrationTests.Fixtures;
using TrustFundGrants.LocalRunner.Functions;

namespace TrustFundGrants.IntegrationTests.Donors;

/// <summary>
/// Every GET route the app serves, called as an anonymous visitor and as a donor against a fund whose
/// dashboard holds small counts of people: no response carries a count from 1 to 10, no hidden count can be
/// worked out from the cells and totals shown, and the raw projection never leaks. The Secretariat sees them.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class DisclosureSweepTests(RunnerFixture runner)
{
    private const string RawKey = "female/under-18/forced-labour";

    private static readonly IReadOnlyList<FunctionMetadata> Metadata =
        FunctionMetadata.Load(Path.Combine(AppContext.BaseDirectory, "functions.metadata"));

    [Fact]
    public async Task EveryOutsideGetRoute_SmallCounts_AreSuppressedTheSameWay()
    {
        var setup = await DonorSetup.CreateAsync(runner.Client, await runner.SecretariatAsync());
        var (pledge, _) = await setup.PledgeAsync("1000.00");
        await SeedSmallCountsAsync(runner, setup.FundId);
        var donor = await setup.DonorSessionAsync();
        var routes = Metadata.Where(f => f.Trigger.Type == "httpTrigger" && f.Trigger.GetList("methods").Contains("GET", StringComparer.OrdinalIgnoreCase))
            .SelectMany(f => Expand(f.Trigger.Get("route")!, setup.FundId, setup.DonorId, pledge))
            .ToArray();
        var tablesSeen = 0;

        foreach (var route in routes)
        {
            foreach (var session in new[] { null, donor })
            {
                using var request = session is null ? new HttpRequestMessage(HttpMethod.Get, "/api/" + route) : session.Bearer(HttpMethod.Get, "/api/" + route);
                using var response = await runner.Client.SendAsync(request);
                var text = await response.Content.ReadAsStringAsync();
                Assert.DoesNotContain(RawKey, text, StringComparison.Ordinal);
                if (response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentType?.MediaType == "application/json" && route != "openapi.json")
                {
                    using var document = JsonDocument.Parse(text);
                    tablesSeen += AssertSuppressed(document.RootElement, route);
                }
            }
        }

        Assert.True(tablesSeen >= 4, $"the sweep saw {tablesSeen} tables of counts; the dashboard shows two to each of two callers");
        var secretariat = await setup.DashboardAsync(setup.Secretariat);
        Assert.Equal(3, secretariat.GetProperty("peopleAssisted").GetProperty("cells")[0][1].GetInt64());
    }

    private static int AssertSuppressed(JsonElement element, string route)
    {
        var found = 0;
        if (element.ValueKind == JsonValueKind.Object)
        {
            if (element.TryGetProperty("cells", out var cells) && element.TryGetProperty("rowTotals", out var rowTotals))
            {
                Assert.Equal(DisclosureThreshold.Default, element.GetProperty("suppressedBelow").GetInt32());
                var grid = Grid(cells, rowTotals, element.GetProperty("columnTotals"), element.GetProperty("total"));
                foreach (var value in grid.Cast<long?>())
                {
                    Assert.False(value is > 0 and < DisclosureThreshold.Default, $"{route} shows a count of {value}");
                }

                Assert.Null(Suppression.FindBridge(Hidden(grid)));
                found++;
            }

            foreach (var property in element.EnumerateObject())
            {
                found += AssertSuppressed(property.Value, route);
            }
        }
        else if (element.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in element.EnumerateArray())
            {
                found += AssertSuppressed(item, route);
            }
        }

        return found;
    }

    private static long?[,] Grid(JsonElement cells, JsonElement rowTotals, JsonElement columnTotals, JsonElement total)
    {
        static long? Value(JsonElement e) => e.ValueKind == JsonValueKind.Null ? null : e.GetInt64();
        var rows = cells.GetArrayLength();
        var columns = columnTotals.GetArrayLength();
        var grid = new long?[rows + 1, columns + 1];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                grid[r, c] = Value(cells[r][c]);
            }

            grid[r, columns] = Value(rowTotals[r]);
        }

        for (var c = 0; c < columns; c++)
        {
            grid[rows, c] = Value(columnTotals[c]);
        }

        grid[rows, columns] = Value(total);
        return grid;
    }

    private static bool[,] Hidden(long?[,] grid)
    {
        var hidden = new bool[grid.GetLength(0), grid.GetLength(1)];
        for (var r = 0; r < grid.GetLength(0); r++)
        {
            for (var c = 0; c < grid.GetLength(1); c++)
            {
                hidden[r, c] = grid[r, c] is null;
            }
        }

        return hidden;
    }

    private static IEnumerable<string> Expand(string route, string fundId, string donorId, string pledgeId)
    {
        var filled = route.Replace("{fundId}", fundId, StringComparison.Ordinal)
            .Replace("{donorId}", donorId, StringComparison.Ordinal)
            .Replace("{id}", pledgeId, StringComparison.Ordinal);
        filled = System.Text.RegularExpressions.Regex.Replace(filled, @"\{(\w+)\??\}", m => m.Groups[1].Value == "format" ? "{format}" : Guid.NewGuid().ToString());
        return filled.Contains("{format}", StringComparison.Ordinal)
            ? Functions.Exports.ExportFund.Formats.Select(f => filled.Replace("{format}", f, StringComparison.Ordinal))
            : [filled];
    }

    internal static async Task SeedSmallCountsAsync(RunnerFixture runner, string fundId)
    {
        var grant = new GrantFacts(
            Guid.NewGuid().ToString(),
            "round",
            ["KH"],
            ["forced-labour"],
            [new GrantFlow(FlowKind.Commitment, 4_000_000, 2025)],
            new Dictionary<string, long> { [RawKey] = 3, ["female/18-plus/forced-labour"] = 40, ["male/18-plus/forced-labour"] = 25, ["female/18-plus/sexual-exploitation"] = 7 },
            new Dictionary<string, long> { ["shelter"] = 30, ["legal"] = 4 });
        // Added straight to what the projector holds: a grant with these exact small counts would take a whole grant cycle to make.
        var table = new TableServiceClient(runner.Azurite.ConnectionString).GetTableClient(ProjectionRows.Table);

        // The projector may be applying the fund's own events to the same row meanwhile: read again and reapply on a 412.
        while (true)
        {
            var current = await table.GetEntityIfExistsAsync<TableEntity>(fundId, ProjectionRows.Fund);
            var projection = current.HasValue && ProjectionRows.ReadJson(current.Value!) is { } json ? FundProjection.FromJson(json) : new FundProjection();
            projection.Replace(null, grant);
            var row = ProjectionRows.WithJson(fundId, ProjectionRows.Fund, projection.ToJson());
            try
            {
                if (current.HasValue)
                {
                    await table.UpdateEntityAsync(row, current.Value!.ETag, TableUpdateMode.Replace);
                }
                else
                {
                    await table.AddEntityAsync(row);
                }

                return;
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412)
            {
            }
        }
    }
}
