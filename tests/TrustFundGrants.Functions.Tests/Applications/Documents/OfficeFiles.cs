using System.IO.Compression;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.ExtendedProperties;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DocumentFormat.OpenXml.Wordprocessing;
using PdfSharp.Pdf;

namespace TrustFundGrants.Functions.Tests.Applications.Documents;

/// <summary>Real documents built in memory, with the authorship a blind round must not pass on.</summary>
internal static class OfficeFiles
{
    public const string Author = "Amina Otieno";
    public const string Company = "Safe Harbour Kenya";

    public static MemoryStream Docx()
    {
        var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(new DocumentFormat.OpenXml.Wordprocessing.Run(new DocumentFormat.OpenXml.Wordprocessing.Text("Our project plan.")))));
            Sign(document, document.AddExtendedFilePropertiesPart());
        }

        stream.Position = 0;
        return stream;
    }

    public static MemoryStream Xlsx()
    {
        var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheet = workbook.AddNewPart<WorksheetPart>();
            sheet.Worksheet = new Worksheet(new SheetData());
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheet), SheetId = 1, Name = "Budget" }));
            Sign(document, document.AddExtendedFilePropertiesPart());
        }

        stream.Position = 0;
        return stream;
    }

    public static MemoryStream Pdf()
    {
        var stream = new MemoryStream();
        using (var document = new PdfDocument())
        {
            document.AddPage();
            document.Info.Author = Author;
            document.Info.Creator = Company + " Word";
            document.Info.Title = "Project plan";
            document.Save(stream, closeStream: false);
        }

        stream.Position = 0;
        return stream;
    }

    /// <summary>A ZIP with the given entries; each value is the entry's text.</summary>
    public static MemoryStream Zip(params (string Name, string Text)[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, text) in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open(), Encoding.UTF8);
                writer.Write(text);
            }
        }

        stream.Position = 0;
        return stream;
    }

    public static string ContentTypes(string mainPart, string mainType) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="{mainPart}" ContentType="{mainType}"/></Types>""";

    public static string Relationships(string mainPart) =>
        $"""<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="R1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="{mainPart}"/></Relationships>""";

    private static void Sign(OpenXmlPackage document, ExtendedFilePropertiesPart extended)
    {
        document.PackageProperties.Creator = Author;
        document.PackageProperties.LastModifiedBy = Author;
        document.PackageProperties.Title = "Project plan";
        extended.Properties = new Properties(new Company(Company), new Manager(Author), new Application("Microsoft Office Word"));
    }

    /// <summary>Every text part of a package, for checking that a name appears nowhere in it.</summary>
    public static string AllText(Stream package)
    {
        package.Position = 0;
        using var zip = new ZipArchive(package, ZipArchiveMode.Read, leaveOpen: true);
        var text = new StringBuilder();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            text.Append(reader.ReadToEnd());
        }

        package.Position = 0;
        return text.ToString();
    }
}
