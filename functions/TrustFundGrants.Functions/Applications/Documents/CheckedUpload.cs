using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Microsoft.AspNetCore.Http;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Applications.Documents;

/// <summary>
/// A request body received as a file and held to the checks every stored file passes (within its size,
/// not empty, of an accepted type by its bytes), or the problem that says which check it failed. Application
/// documents and report attachments both arrive this way, so the two cannot drift apart.
/// </summary>
public sealed class CheckedUpload : IAsyncDisposable
{
    private CheckedUpload(UploadedFile? file, string? contentType, IResult? problem) => (File, ContentType, Problem) = (file, contentType, problem);

    public UploadedFile? File { get; }

    /// <summary>The type sniffed from the bytes, never the one the uploader declared.</summary>
    public string? ContentType { get; }

    public IResult? Problem { get; }

    [MemberNotNullWhen(true, nameof(Problem))]
    [MemberNotNullWhen(false, nameof(File), nameof(ContentType))]
    public bool IsRefused => Problem is not null;

    /// <summary>
    /// Spools the body (413 past <paramref name="maxBytes"/>), refuses an empty file (400) and a type not in
    /// <paramref name="accepted"/> (415, explained by <paramref name="refusal"/> from the sniffed type, null when it is none known).
    /// </summary>
    public static async Task<CheckedUpload> ReceiveAsync(
        HttpRequest request, long maxBytes, IReadOnlyCollection<string> accepted, Func<string?, string> refusal, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(accepted);
        ArgumentNullException.ThrowIfNull(refusal);
        var upload = await UploadedFile.SpoolAsync(request, maxBytes, cancellationToken);
        if (upload is null)
        {
            return new CheckedUpload(null, null, Problems.PayloadTooLarge(maxBytes));
        }

        var sniffed = upload.Size == 0 ? null : FileSignature.Sniff(upload.Content);
        if (upload.Size == 0 || sniffed is null || !accepted.Contains(sniffed))
        {
            await upload.DisposeAsync();
            return new CheckedUpload(null, null, upload.Size == 0
                ? Problems.Validation("file", "The file is empty.")
                : Problems.Problem(StatusCodes.Status415UnsupportedMediaType, "unsupported-file", "This file type is not accepted here.", refusal(sniffed)));
        }

        return new CheckedUpload(upload, sniffed, null);
    }

    /// <summary>
    /// Stores <paramref name="file"/> (this upload, or a rewritten copy of it) as a private blob carrying its hash, size,
    /// sniffed type and shown name, and the ids of what it belongs to (<paramref name="owners"/>).
    /// </summary>
    public async Task StoreAsync(BlobClient blob, UploadedFile file, string fileName, IReadOnlyDictionary<string, string> owners, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blob);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(owners);
        if (IsRefused)
        {
            throw new InvalidOperationException("A refused upload is not stored.");
        }

        var metadata = new Dictionary<string, string>(owners)
        {
            ["sha256"] = file.Sha256,
            ["size"] = file.Size.ToString(CultureInfo.InvariantCulture),
            ["contenttype"] = ContentType,
            ["filename"] = Uri.EscapeDataString(fileName),
        };
        await blob.UploadAsync(file.Content, new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = ContentType }, Metadata = metadata }, cancellationToken);
    }

    public ValueTask DisposeAsync() => File?.DisposeAsync() ?? ValueTask.CompletedTask;
}
