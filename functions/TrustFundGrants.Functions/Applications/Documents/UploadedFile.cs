using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;
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
    public static async Task<UploadedFile?> SpoolAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = Path.Combine(Path.GetTempPath(), "tfg-upload-" + Guid.NewGuid().ToString("N"));
        var file = new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var buffer = new byte[81920];
            long size = 0;
            int read;
            while ((read = await request.Body.ReadAsync(buffer, cancellationToken)) > 0)
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
            return new UploadedFile(file, size, Convert.ToHexStringLower(hash.GetHashAndReset()), FileNameOf(request));
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => Content.DisposeAsync();

    // The name is only shown back to people; path parts and control characters are dropped.
    private static string FileNameOf(HttpRequest request)
    {
        var header = request.Headers.ContentDisposition.ToString();
        var name = ContentDispositionHeaderValue.TryParse(header, out var disposition)
            ? (disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : disposition.FileName.Value)?.Trim('"')
            : null;
        name = Path.GetFileName((name ?? "document").Replace('\\', '/'));
        name = new string(name.Where(c => !char.IsControl(c)).ToArray()).Trim();
        return name.Length == 0 ? "document" : name.Length > 200 ? name[..200] : name;
    }
}
