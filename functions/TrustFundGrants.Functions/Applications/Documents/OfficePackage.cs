using System.IO.Compression;
using System.Xml;

namespace TrustFundGrants.Functions.Applications.Documents;

/// <summary>
/// Tells a plain Word or Excel document from the other things a ZIP file can be. A DOCX and a
/// macro-enabled DOCM, a template, or a Java archive carrying a document's parts are all ZIP files
/// with the same names inside; what a package is, is the content type [Content_Types].xml declares
/// for the main part its root relationship names. Anything carrying macros (a vbaProject part, a
/// macro-enabled type) or Java classes is none of the accepted types, so it is refused rather than
/// stored under a harmless-looking name.
/// </summary>
internal static class OfficePackage
{
    public const string WordMain = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml";
    public const string ExcelMain = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

    private const long MaxPartBytes = 1024 * 1024;

    /// <summary><see cref="FileSignature.Docx"/>, <see cref="FileSignature.Xlsx"/>, or null for anything else.</summary>
    public static string? Classify(ZipArchive zip)
    {
        ArgumentNullException.ThrowIfNull(zip);
        if (zip.Entries.Any(e => IsExecutable(e.FullName)) || zip.GetEntry("[Content_Types].xml") is not { } manifest)
        {
            return null;
        }

        var types = Read(manifest, ContentType);
        if (types is null || types.Values.Any(IsMacroType) || zip.GetEntry("_rels/.rels") is not { } rels
            || Read(rels, MainDocument) is not { Count: 1 } main)
        {
            return null;
        }

        // The package's main part is what its root relationship names; its type is the part's Override, else its extension's Default.
        var part = "/" + main.Values.Single().TrimStart('/');
        var type = types.TryGetValue(part, out var declared) ? declared
            : types.TryGetValue("*." + Path.GetExtension(part).TrimStart('.'), out var byExtension) ? byExtension
            : null;
        return zip.GetEntry(part[1..]) is null ? null
            : type == WordMain ? FileSignature.Docx
            : type == ExcelMain ? FileSignature.Xlsx
            : null;
    }

    private static bool IsExecutable(string name) =>
        name.EndsWith("vbaProject.bin", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".class", StringComparison.OrdinalIgnoreCase)
        || name.Equals("META-INF/MANIFEST.MF", StringComparison.OrdinalIgnoreCase);

    private static bool IsMacroType(string contentType) =>
        contentType.Contains("macroEnabled", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("vbaProject", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("java", StringComparison.OrdinalIgnoreCase);

    /// <summary>From [Content_Types].xml: part name → content type for each Override, "*.{extension}" → type for each Default.</summary>
    private static void ContentType(XmlReader element, Dictionary<string, string> into)
    {
        var type = element.GetAttribute("ContentType");
        if (element.LocalName == "Override" && element.GetAttribute("PartName") is { } part && type is not null)
        {
            into[part] = type;
        }
        else if (element.LocalName == "Default" && element.GetAttribute("Extension") is { } extension && type is not null)
        {
            into["*." + extension] = type;
        }
    }

    /// <summary>From _rels/.rels: the target of the office-document relationship (transitional or strict).</summary>
    private static void MainDocument(XmlReader element, Dictionary<string, string> into)
    {
        if (element.LocalName == "Relationship" && element.GetAttribute("Target") is { } target
            && element.GetAttribute("Type") is { } type && type.EndsWith("/officeDocument", StringComparison.Ordinal))
        {
            into[element.GetAttribute("Id") ?? target] = target;
        }
    }

    /// <summary>What <paramref name="collect"/> gathers from each element of a small XML part; null if it is not well-formed XML.</summary>
    private static Dictionary<string, string>? Read(ZipArchiveEntry entry, Action<XmlReader, Dictionary<string, string>> collect)
    {
        if (entry.Length > MaxPartBytes)
        {
            return null;
        }

        var found = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        try
        {
            using var stream = entry.Open();
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, MaxCharactersInDocument = MaxPartBytes });
            while (reader.Read())
            {
                if (reader.NodeType == XmlNodeType.Element)
                {
                    collect(reader, found);
                }
            }

            return found;
        }
        catch (Exception ex) when (ex is XmlException or InvalidDataException)
        {
            return null;
        }
    }
}
