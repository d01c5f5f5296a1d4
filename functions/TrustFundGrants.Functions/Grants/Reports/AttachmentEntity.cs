using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Grants.Reports;

/// <summary>
/// A file attached to a report, in the grant's partition. RowKey "attachment-NN-{id}" (NN the report), so
/// one range read lists a report's files. The file is a private blob named by its id, never by the upload's name.
/// </summary>
public sealed class AttachmentEntity : ITableEntity
{
    public const string Prefix = "attachment-";

    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string AttachmentId { get; set; } = string.Empty;

    public int Report { get; set; }

    public string BlobName { get; set; } = string.Empty;

    public string FileName { get; set; } = string.Empty;

    public string ContentType { get; set; } = string.Empty;

    public long Size { get; set; }

    public string Sha256 { get; set; } = string.Empty;

    public DateTimeOffset UploadedAt { get; set; }

    public static string ReportPrefix(int report) => $"{Prefix}{report:D2}-";

    public static string RowKeyFor(int report, string id) => ReportPrefix(report) + id;
}
