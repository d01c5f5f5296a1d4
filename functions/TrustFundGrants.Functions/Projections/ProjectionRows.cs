using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Projections;

/// <summary>
/// The projections table. PartitionKey: the fund's id, so the fund's dashboard row, the per-grant and
/// per-pledge rows it was summed from and the applied-event markers commit in one transaction. RowKeys:
/// "fund" (the <see cref="Domain.FundProjection"/> as JSON, split over properties because one string property
/// holds at most 32K characters), "grant-{id}" and "pledge-{id}" (the facts last added for each), and
/// "event-{messageId}" (this event was applied; a redelivery finds it and does nothing).
/// </summary>
public static class ProjectionRows
{
    public const string Table = "projections";
    public const string Fund = "fund";
    public const string GrantPrefix = "grant-";
    public const string PledgePrefix = "pledge-";

    private const int ChunkChars = 30_000;

    public static string? ReadJson(TableEntity row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var count = row.GetInt32("Chunks") ?? 0;
        return count == 0 ? null : string.Concat(Enumerable.Range(0, count).Select(i => row.GetString("Data" + i)));
    }

    public static TableEntity WithJson(string partitionKey, string rowKey, string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var row = new TableEntity(partitionKey, rowKey);
        var chunks = (json.Length + ChunkChars - 1) / ChunkChars;
        for (var i = 0; i < chunks; i++)
        {
            row["Data" + i] = json.Substring(i * ChunkChars, Math.Min(ChunkChars, json.Length - (i * ChunkChars)));
        }

        row["Chunks"] = chunks;
        return row;
    }
}
