using System.Globalization;
using Azure.Data.Tables;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>Rows the raw baselines write: a grant-sized row, and copies of the app's own rows under new keys.</summary>
internal static class BenchEntities
{
    public static string Key(long i) => i.ToString("D10", CultureInfo.InvariantCulture);

    /// <summary>About the size of a grant row: a few typed columns and a paragraph of text (as in the storage scenario).</summary>
    public static TableEntity GrantRow(string partition, string row) => new(partition, row)
    {
        ["Title"] = "Community water point rehabilitation, phase 2",
        ["AmountMinor"] = 12_500_000L,
        ["Currency"] = "USD",
        ["Status"] = "Submitted",
        ["SubmittedAt"] = DateTimeOffset.UtcNow,
        ["Beneficiaries"] = 1840,
        ["Summary"] = new string('x', 400),
    };

    /// <summary>
    /// The same properties, with their types, under new keys: an "equivalent fresh entity" for the raw
    /// baselines, so they move the same bytes the app does.
    /// </summary>
    public static TableEntity Copy(TableEntity source, string partitionKey, string rowKey)
    {
        ArgumentNullException.ThrowIfNull(source);
        var copy = new TableEntity(partitionKey, rowKey);
        foreach (var (name, value) in source)
        {
            if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" || name.EndsWith("@odata.type", StringComparison.Ordinal))
            {
                continue;
            }

            copy[name] = value;
        }

        return copy;
    }
}
