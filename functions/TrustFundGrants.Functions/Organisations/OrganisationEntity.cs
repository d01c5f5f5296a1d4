using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Organisations;

/// <summary>An applicant NGO. PartitionKey: its id; RowKey: "profile" (later rows of the same organisation share the partition).</summary>
public sealed class OrganisationEntity : ITableEntity
{
    public const string Row = "profile";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = Row;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Name { get; set; } = string.Empty;

    public string Country { get; set; } = string.Empty;

    public string RegistrationNumber { get; set; } = string.Empty;

    public string Website { get; set; } = string.Empty;

    public string ContactEmail { get; set; } = string.Empty;

    /// <summary>The NGO asked not to be named outside the Secretariat (its safety depends on it): public views say "An organisation in …".</summary>
    public bool NotNamedPublicly { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public string CreatedBy { get; set; } = string.Empty;

    public OrganisationView ToView() => new(PartitionKey, Name, Country, RegistrationNumber, Website, ContactEmail, CreatedAt, NotNamedPublicly);
}

public sealed record OrganisationView(
    string Id, string Name, string Country, string RegistrationNumber, string Website, string ContactEmail, DateTimeOffset CreatedAt, bool NotNamedPublicly);
