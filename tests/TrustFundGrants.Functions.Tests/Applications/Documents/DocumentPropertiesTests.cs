using DocumentFormat.OpenXml.Packaging;
using PdfSharp.Pdf.IO;
using TrustFundGrants.Functions.Applications.Documents;

namespace TrustFundGrants.Functions.Tests.Applications.Documents;

/// <summary>A blind round's documents keep their content and lose who made them.</summary>
public sealed class DocumentPropertiesTests
{
    [Fact]
    public async Task WriteAnonymousAsync_Docx_ClearsCreatorEditorCompanyAndManager()
    {
        using var source = OfficeFiles.Docx();
        Assert.Contains(OfficeFiles.Company, OfficeFiles.AllText(source), StringComparison.Ordinal);
        using var cleared = new MemoryStream();

        Assert.True(await DocumentProperties.WriteAnonymousAsync(source, FileSignature.Docx, cleared, CancellationToken.None));

        var text = OfficeFiles.AllText(cleared);
        Assert.DoesNotContain(OfficeFiles.Author, text, StringComparison.Ordinal);
        Assert.DoesNotContain(OfficeFiles.Company, text, StringComparison.Ordinal);
        Assert.Contains("Our project plan.", text, StringComparison.Ordinal);
        using var document = WordprocessingDocument.Open(cleared, isEditable: false);
        Assert.True(string.IsNullOrEmpty(document.PackageProperties.Creator));
        Assert.True(string.IsNullOrEmpty(document.PackageProperties.LastModifiedBy));
        Assert.Equal("Project plan", document.PackageProperties.Title);
        Assert.Equal(FileSignature.Docx, FileSignature.Sniff(cleared));
    }

    [Fact]
    public async Task WriteAnonymousAsync_Xlsx_ClearsCreatorEditorAndCompany()
    {
        using var source = OfficeFiles.Xlsx();
        using var cleared = new MemoryStream();

        Assert.True(await DocumentProperties.WriteAnonymousAsync(source, FileSignature.Xlsx, cleared, CancellationToken.None));

        var text = OfficeFiles.AllText(cleared);
        Assert.DoesNotContain(OfficeFiles.Author, text, StringComparison.Ordinal);
        Assert.DoesNotContain(OfficeFiles.Company, text, StringComparison.Ordinal);
        Assert.Equal(FileSignature.Xlsx, FileSignature.Sniff(cleared));
    }

    [Fact]
    public async Task WriteAnonymousAsync_Pdf_ClearsAuthorCreatorAndTheOriginalProducer()
    {
        using var source = OfficeFiles.Pdf();
        using var cleared = new MemoryStream();

        Assert.True(await DocumentProperties.WriteAnonymousAsync(source, FileSignature.Pdf, cleared, CancellationToken.None));

        using var document = PdfReader.Open(cleared, PdfDocumentOpenMode.Import);
        Assert.True(string.IsNullOrEmpty(document.Info.Author));
        // PDFsharp names itself as creator and producer when it saves: the tool, not the person.
        Assert.DoesNotContain(OfficeFiles.Company, document.Info.Creator ?? string.Empty, StringComparison.Ordinal);
        Assert.DoesNotContain(OfficeFiles.Company, document.Info.Producer ?? string.Empty, StringComparison.Ordinal);
        Assert.Equal("Project plan", document.Info.Title);
        Assert.Equal(1, document.PageCount);
        cleared.Position = 0;
        var raw = System.Text.Encoding.Latin1.GetString(cleared.ToArray());
        Assert.DoesNotContain(OfficeFiles.Author, raw, StringComparison.Ordinal);
        Assert.DoesNotContain(OfficeFiles.Company, raw, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteAnonymousAsync_BrokenPdf_ReturnsFalse()
    {
        using var source = new MemoryStream("%PDF-1.7\nnot really a pdf"u8.ToArray());
        using var cleared = new MemoryStream();

        Assert.False(await DocumentProperties.WriteAnonymousAsync(source, FileSignature.Pdf, cleared, CancellationToken.None));
    }
}
