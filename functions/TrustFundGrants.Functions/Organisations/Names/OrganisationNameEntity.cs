using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Organisations.Names;

/// <summary>
/// One word of one organisation's name, in table <see cref="OrganisationNameIndex.Table"/>.
/// PartitionKey: the word's first character, so a prefix search reads one partition.
/// RowKey: "{word}!{name's words}!{organisation id}": a prefix of the word is one range, exact words sort first
/// ('!' is below every letter and digit), then names in order; one organisation per word however often it recurs.
/// Name and country are copied so that a search reads nothing else.
/// </summary>
public sealed class OrganisationNameEntity : ITableEntity
{
    public const char Separator = '!';

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string OrganisationId { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;

    public string Country { get; set; } = string.Empty;

    public static OrganisationNameEntity For(string word, OrganisationEntity organisation)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var words = OrganisationNameWords.Of(organisation.Name);
        return new OrganisationNameEntity
        {
            PartitionKey = OrganisationNameWords.Partition(word),
            RowKey = $"{word}{Separator}{string.Join(' ', words)}{Separator}{organisation.PartitionKey}",
            OrganisationId = organisation.PartitionKey,
            Name = organisation.Name,
            Country = organisation.Country,
        };
    }
}

/// <summary>
/// The index rows an organisation has, kept in its own partition (RowKey "name-index"), so that a rename knows
/// which rows to remove. Keys are "{PartitionKey}/{RowKey}" of each index row.
/// </summary>
public sealed class OrganisationNameRecord : ITableEntity
{
    public const string Row = "name-index";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Keys { get; set; } = string.Empty;

    public IReadOnlyList<string> KeyList() => Keys.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}
