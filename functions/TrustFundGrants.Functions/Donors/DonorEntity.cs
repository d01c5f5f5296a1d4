using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Donors;

/// <summary>
/// A donor organisation. PartitionKey: "donor" (a fund has tens of donors, listed together);
/// RowKey: the donor's id, which donor users carry in their session.
/// </summary>
public sealed class DonorEntity : ITableEntity
{
    public const string Partition = "donor";

    public string PartitionKey { get; set; } = Partition;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Name { get; set; } = string.Empty;

    /// <summary>One of <see cref="DonorKinds.All"/>.</summary>
    public string Kind { get; set; } = string.Empty;

    /// <summary>ISO 3166-1 alpha-2, or empty for multilaterals.</summary>
    public string Country { get; set; } = string.Empty;

    public DateTimeOffset CreatedAt { get; set; }

    public DonorView ToView() => new(RowKey, Name, Kind, Country.Length == 0 ? null : Country, CreatedAt);
}

public sealed record DonorView(string Id, string Name, string Kind, string? Country, DateTimeOffset CreatedAt);

public static class DonorKinds
{
    public static IReadOnlyList<string> All { get; } = ["government", "multilateral", "foundation", "private-sector"];
}
