using System.IO.Compression;

namespace TrustFundGrants.Functions.Applications.Documents;

/// <summary>
/// What a file really is, from its bytes: the declared Content-Type and the file name are the
/// uploader's claims and are not trusted. DOCX and XLSX are both ZIP files, told apart by the parts
/// inside them, and a macro-enabled or Java package is neither (see <see cref="OfficePackage"/>).
/// </summary>
public static class FileSignature
{
    public const string Pdf = "application/pdf";
    public const string Docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    public const string Xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public const string Jpeg = "image/jpeg";
    public const string Png = "image/png";

    private static readonly byte[] PdfMagic = "%PDF-"u8.ToArray();
    private static readonly byte[] PngMagic = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static readonly byte[] JpegMagic = [0xFF, 0xD8, 0xFF];
    private static readonly byte[] ZipMagic = [0x50, 0x4B, 0x03, 0x04];

    /// <summary>The sniffed content type of a seekable stream, or null for anything not on the list.</summary>
    public static string? Sniff(Stream file)
    {
        ArgumentNullException.ThrowIfNull(file);
        Span<byte> head = stackalloc byte[8];
        file.Position = 0;
        var read = file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        head = head[..read];
        file.Position = 0;
        return head.StartsWith(PdfMagic) ? Pdf
            : head.StartsWith(PngMagic) ? Png
            : head.StartsWith(JpegMagic) ? Jpeg
            : head.StartsWith(ZipMagic) ? OfficeType(file)
            : null;
    }

    private static string? OfficeType(Stream file)
    {
        try
        {
            using var zip = new ZipArchive(file, ZipArchiveMode.Read, leaveOpen: true);
            return OfficePackage.Classify(zip);
        }
        catch (InvalidDataException)
        {
            return null;
        }
        finally
        {
            file.Position = 0;
        }
    }
}
