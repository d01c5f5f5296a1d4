using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Applications.Documents;

/// <summary>
/// An upload spooled to a temporary file while its size is counted and its SHA-256 computed, so a
/// 50 MB document never sits in memory and an oversized one is cut off as soon as it passes the limit.
/// </summary>
public sealed class UploadedFile : IAsyncDisposable
{
    private UploadedFile(FileStream content, long size, string sha256, string fileName)
    {
        Content = content;
        Size = size;
        Sha256 = sha256;
        FileName = fileName;
    }

    public FileStream Content { get; }

    public long Size { get; }

    public string Sha256 { get; }

    public string FileName { get; }

    /// <summary>The spooled file, or null when the body was larger than <paramref name="maxBytes"/>.</summary>
    public static Task<UploadedFile?> SpoolAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SpoolAsync(request.Body, FileNameOf(request), maxBytes, cancellationToken);
    }

    /// <summary>
    /// This file rewritten by <paramref name="rewrite"/> (from this content into a scratch stream) and spooled
    /// again, so size and hash describe what is stored; null when the rewrite cannot read the file.
    /// </summary>
    public async Task<UploadedFile?> RewrittenAsync(Func<Stream, Stream, CancellationToken, Task<bool>> rewrite, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rewrite);
        await using var scratch = TempFile();
        if (!await rewrite(Content, scratch, cancellationToken))
        {
            return null;
        }

        scratch.Position = 0;
        // The original passed the size limit; a rewrite only removes properties, so it is not limited again.
        return await SpoolAsync(scratch, FileName, long.MaxValue, cancellationToken);
    }

    private static FileStream TempFile() => new(
        Path.Combine(Path.GetTempPath(), "tfg-upload-" + Guid.NewGuid().ToString("N")),
        FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);

    private static async Task<UploadedFile?> SpoolAsync(Stream body, string fileName, long maxBytes, CancellationToken cancellationToken)
    {
        var file = TempFile();
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long size = 0;
            int read;
            while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
            {
                size += read;
                if (size > maxBytes)
                {
                    await file.DisposeAsync();
                    return null;
                }

                hash.AppendData(buffer, 0, read);
                await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            }

            await file.FlushAsync(cancellationToken);
            file.Position = 0;
            return new UploadedFile(file, size, Convert.ToHexStringLower(hash.GetHashAndReset()), fileName);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Content.DisposeAsync();

    // The name is only shown back to people; path parts, control and invisible format characters are dropped
    // (StoredFileName then gives it the extension of what the file really is).
    private static string FileNameOf(HttpRequest request)
    {
        var header = request.Headers.ContentDisposition.ToString();
        var name = ContentDispositionHeaderValue.TryParse(header, out var disposition)
            ? (disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value)?.Trim('"')
            : null;
        name = Path.GetFileName((name ?? "document").Replace('\\', '/'));
        name = TextLine.Sanitize(name, 200);
        return name.Length == 0 ? "document" : name;
    }
}
