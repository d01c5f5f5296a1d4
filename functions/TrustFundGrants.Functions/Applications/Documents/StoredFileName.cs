using TrustFundGrants.Domain;

namespace TrustFundGrants.Functions.Applications.Documents;

/// <summary>
/// The names a document is kept and downloaded under. The uploaded name is the uploader's claim: its
/// extension is replaced by the one the sniffed type calls for (a PDF called "budget.exe" comes back
/// as "budget.pdf", so no download opens in the program its name suggested), and bidirectional and
/// other invisible characters are dropped ("invoice‮fdp.exe" would read "invoiceexe.pdf").
/// </summary>
public static class StoredFileName
{
    public const int MaxLength = 200;

    private static readonly char[] Unsafe = ['/', '\\', ':', '*', '?', '"', '<', '>', '|'];

    /// <summary>The extension a sniffed content type is stored and downloaded with.</summary>
    public static string ExtensionFor(string contentType) => contentType switch
    {
        FileSignature.Pdf => ".pdf",
        FileSignature.Docx => ".docx",
        FileSignature.Xlsx => ".xlsx",
        FileSignature.Jpeg => ".jpg",
        FileSignature.Png => ".png",
        _ => throw new ArgumentOutOfRangeException(nameof(contentType), contentType, "Not a type documents are accepted as."),
    };

    /// <summary>The uploaded name made safe: one visible line, no path, and the extension of what the file is.</summary>
    public static string For(string? uploadedName, string contentType)
    {
        var extension = ExtensionFor(contentType);
        var name = TextLine.Sanitize(uploadedName, 1000);
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        name = string.Concat(name.Select(c => Array.IndexOf(Unsafe, c) >= 0 ? '_' : c)).Trim().TrimStart('.').TrimEnd('.', ' ');
        return Build(Stem(name), extension);
    }

    /// <summary>
    /// A name that tells a reviewer in a blind round what the document is, and nothing about who made it:
    /// the round's title for the document type.
    /// </summary>
    public static string Blind(string documentTitle, string contentType) => For(documentTitle, contentType);

    // The last extension goes whatever it was (".exe", ".jar", ".docm", or the right one, added back by Build);
    // a dotted tail that is not extension-like ("Annual.Report") is part of the name and stays.
    private static string Stem(string name)
    {
        var dot = name.LastIndexOf('.');
        var tail = dot > 0 ? name[(dot + 1)..] : string.Empty;
        return tail.Length is > 0 and <= 5 && tail.All(char.IsAsciiLetterOrDigit) ? name[..dot].TrimEnd('.', ' ') : name;
    }

    private static string Build(string stem, string extension)
    {
        stem = stem.Length == 0 ? "document" : stem;
        var room = MaxLength - extension.Length;
        if (stem.Length > room)
        {
            stem = TextLine.Sanitize(stem, room).TrimEnd('.', ' ');
        }

        return stem + extension;
    }
}
