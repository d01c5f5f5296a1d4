using Azure;
using Azure.Data.Tables;
using TrustFundGrants.Domain;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// A grantee report, in its grant's partition. RowKey "report-NN". Its content is aggregate: narrative
/// sections, counts of people assisted, spending per budget line; never a record about one person.
/// </summary>
public sealed class ReportEntity : ITableEntity
{
    public const string Prefix = "report-";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public int Number { get; set; }

    /// <summary>interim or final.</summary>
    public string Kind { get; set; } = GrantTerms.Interim;

    public string PeriodEnd { get; set; } = string.Empty;

    public string DueOn { get; set; } = string.Empty;

    public string Status { get; set; } = ReportStatus.Draft;

    /// <summary>The narrative sections (activities, results, challenges, changes) as JSON.</summary>
    public string NarrativeJson { get; set; } = "{}";

    public string PeopleJson { get; set; } = "[]";

    public string AssistanceJson { get; set; } = "[]";

    public string ExpenditureJson { get; set; } = "[]";

    /// <summary>The Secretariat's comments when it returned the report.</summary>
    public string? Comments { get; set; }

    public DateTimeOffset? SubmittedAt { get; set; }

    public string? SubmittedByEmail { get; set; }

    public DateTimeOffset? DecidedAt { get; set; }

    public string? DecidedByEmail { get; set; }

    public DateTimeOffset? UpdatedAt { get; set; }

    public static string RowKeyFor(int number) => Prefix + number.ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
}
