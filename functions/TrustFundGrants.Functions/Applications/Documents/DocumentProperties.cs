using DocumentFormat.OpenXml.Packaging;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace TrustFundGrants.Functions.Applications.Documents;

/// <summary>
/// Clears who made a document from the document itself, for blind rounds: a reviewer who never sees
/// the applicant's name would otherwise read it in File › Properties. Word and Excel lose the core
/// properties' creator and last editor, the extended properties' company and manager, and any custom
/// properties; a PDF loses its document information's author, creator and producer, and its XMP
/// metadata stream (which repeats them); PDFsharp then names itself as creator and producer. The
/// content itself is untouched.
/// </summary>
public static class DocumentProperties
{
    /// <summary>Writes <paramref name="source"/> without authorship into <paramref name="destination"/>; false if it cannot be read as <paramref name="contentType"/>.</summary>
    public static async Task<bool> WriteAnonymousAsync(Stream source, string contentType, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        source.Position = 0;
        try
        {
            switch (contentType)
            {
                case FileSignature.Docx or FileSignature.Xlsx:
                    await source.CopyToAsync(destination, cancellationToken);
                    destination.Position = 0;
                    ClearOffice(destination, contentType);
                    break;
                case FileSignature.Pdf:
                    ClearPdf(source, destination);
                    break;
                default:
                    await source.CopyToAsync(destination, cancellationToken);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Both libraries throw whatever their parsers meet on a malformed file (PDFsharp even an
            // ArgumentOutOfRangeException); any of them means the file cannot be made anonymous.
            return false;
        }

        destination.Position = 0;
        return true;
    }

    private static void ClearOffice(Stream package, string contentType)
    {
        using OpenXmlPackage document = contentType == FileSignature.Docx
            ? WordprocessingDocument.Open(package, isEditable: true)
            : SpreadsheetDocument.Open(package, isEditable: true);
        document.PackageProperties.Creator = null;
        document.PackageProperties.LastModifiedBy = null;
        var extended = document switch
        {
            WordprocessingDocument word => word.ExtendedFilePropertiesPart,
            SpreadsheetDocument sheet => sheet.ExtendedFilePropertiesPart,
            _ => null,
        };
        if (extended?.Properties is { } properties)
        {
            properties.Company?.Remove();
            properties.Manager?.Remove();
            properties.Save();
        }

        var custom = document switch
        {
            WordprocessingDocument word => word.CustomFilePropertiesPart,
            SpreadsheetDocument sheet => sheet.CustomFilePropertiesPart,
            _ => null,
        };
        if (custom is not null)
        {
            document.DeletePart(custom);
        }
    }

    private static void ClearPdf(Stream source, Stream destination)
    {
        using var document = PdfReader.Open(source, PdfDocumentOpenMode.Modify);
        foreach (var key in new[] { "/Author", "/Creator", "/Producer" })
        {
            document.Info.Elements.Remove(key);
        }

        document.Internals.Catalog.Elements.Remove("/Metadata");
        document.Save(destination, closeStream: false);
    }
}
