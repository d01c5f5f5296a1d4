using Azure;
using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Applications;

/// <summary>
/// An uploaded document's record, in its application's partition. RowKey:
/// "{applicationId}|doc|{type}": one per required type, listed with one range read. The file itself
/// is a private blob named by a generated id; the uploaded name is kept only as data.
/// </summary>
public sealed class DocumentEntity : ITableEntity
{
    public string PartitionKey { get; set; } = string.Empty;

    public string RowKey { get; set; } = string.Empty;

    public DateTimeOffset? Timestamp { get; set; }

    public ETag ETag { get; set; }

    public string Type { get; set; } = string.Empty;

    public string BlobName { get; set; } = string.Empty;

    public string FileName { get; set; } = string.Empty;

    public string ContentType { get; set; } = string.Empty;

    public long Size { get; set; }

    public string Sha256 { get; set; } = string.Empty;

    public DateTimeOffset UploadedAt { get; set; }

    public static string RowKeyFor(string applicationId, string type) => $"{applicationId}|doc|{type}";

    public DocumentView ToView() => new(Type, FileName, ContentType, Size, Sha256, UploadedAt);
}
