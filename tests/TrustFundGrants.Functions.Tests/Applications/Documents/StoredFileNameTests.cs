using TrustFundGrants.Functions.Applications.Documents;

namespace TrustFundGrants.Functions.Tests.Applications.Documents;

public sealed class StoredFileNameTests
{
    [Theory]
    [InlineData("budget.exe", FileSignature.Pdf, "budget.pdf")]
    [InlineData("budget.jar", FileSignature.Docx, "budget.docx")]
    [InlineData("plan.docm", FileSignature.Docx, "plan.docx")]
    [InlineData("budget.PDF", FileSignature.Pdf, "budget.pdf")]
    [InlineData("photo.jpeg", FileSignature.Jpeg, "photo.jpg")]
    [InlineData("budget", FileSignature.Xlsx, "budget.xlsx")]
    [InlineData("Annual.Report", FileSignature.Pdf, "Annual.Report.pdf")]
    [InlineData("report.v2.pdf", FileSignature.Pdf, "report.v2.pdf")]
    public void For_AnyUploadedName_TakesTheExtensionOfTheSniffedType(string uploaded, string contentType, string expected)
    {
        Assert.Equal(expected, StoredFileName.For(uploaded, contentType));
    }

    [Theory]
    [InlineData("invoice\u202Efdp.exe", FileSignature.Pdf, "invoicefdp.pdf")]
    [InlineData("plan\u2066.docx\u2069.exe", FileSignature.Docx, "plan.docx.docx")]
    [InlineData("pl\u200Ban.pdf", FileSignature.Pdf, "plan.pdf")]
    [InlineData("a\r\nContent-Type: text\thtml.pdf", FileSignature.Pdf, "a Content-Type_ text html.pdf")]
    public void For_BidiFormatOrControlCharacters_AreStripped(string uploaded, string contentType, string expected)
    {
        Assert.Equal(expected, StoredFileName.For(uploaded, contentType));
    }

    [Theory]
    [InlineData("../../etc/passwd", "passwd.pdf")]
    [InlineData("C:\\Users\\amina\\plan.pdf", "plan.pdf")]
    [InlineData("...pdf", "pdf.pdf")]
    [InlineData("", "document.pdf")]
    [InlineData(null, "document.pdf")]
    [InlineData("\u202E", "document.pdf")]
    public void For_PathsAndEmptyNames_GiveAPlainName(string? uploaded, string expected)
    {
        Assert.Equal(expected, StoredFileName.For(uploaded, FileSignature.Pdf));
    }

    [Fact]
    public void For_VeryLongName_KeepsTheExtensionWithinTheLimit()
    {
        var name = StoredFileName.For(new string('a', 500) + ".exe", FileSignature.Pdf);

        Assert.Equal(StoredFileName.MaxLength, name.Length);
        Assert.EndsWith(".pdf", name, StringComparison.Ordinal);
    }

    [Fact]
    public void Blind_UsesTheRoundsTitleForTheType()
    {
        Assert.Equal("Project budget.xlsx", StoredFileName.Blind("Project budget", FileSignature.Xlsx));
    }
}
