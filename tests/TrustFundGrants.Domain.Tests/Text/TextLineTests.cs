using TrustFundGrants.Domain;

namespace TrustFundGrants.Domain.Tests.Text;

public sealed class TextLineTests
{
    [Theory]
    [InlineData("Safe Harbour\r\nBcc: everyone@example.org")]
    [InlineData("Safe\nHarbour")]
    [InlineData("Safe\tHarbour")]
    [InlineData("Safe\u0000Harbour")]
    [InlineData("invoice\u202Efdp.exe")]
    [InlineData("Safe\u2066Harbour\u2069")]
    [InlineData("Safe\u200BHarbour")]
    [InlineData("Safe\u200EHarbour")]
    [InlineData("\uFEFFSafe Harbour")]
    [InlineData("Safe\u2028Harbour")]
    [InlineData("Safe\u0085Harbour")]
    public void Problem_ControlOrFormatCharacter_IsRefused(string value)
    {
        Assert.Equal(TextLine.ForbiddenMessage, TextLine.Problem(value, 1, 200));
    }

    [Theory]
    [InlineData("Safe Harbour Kenya")]
    [InlineData("Fundación Esperanza – Perú")]
    [InlineData("مؤسسة الأمل")]
    [InlineData("希望基金会")]
    [InlineData("Ngo 🌍 Africa")]
    public void Problem_VisibleTextInAnyScript_IsAccepted(string value)
    {
        Assert.Null(TextLine.Problem(value, 2, 200));
    }

    [Theory]
    [InlineData("", 1, 10, "Give 1 to 10 characters.")]
    [InlineData("   ", 1, 10, "Give 1 to 10 characters.")]
    [InlineData(null, 1, 10, "Give 1 to 10 characters.")]
    [InlineData("12345678901", 0, 10, "At most 10 characters.")]
    public void Problem_OutsideTheLength_SaysTheLimits(string? value, int min, int max, string expected)
    {
        Assert.Equal(expected, TextLine.Problem(value, min, max));
    }

    [Fact]
    public void Problem_LengthCountsTrimmed()
    {
        Assert.Null(TextLine.Problem("  ab  ", 2, 2));
    }

    [Theory]
    [InlineData("Safe Harbour\r\nBcc: x@example.org", "Safe Harbour Bcc: x@example.org")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]
    [InlineData("  a \t\t b  ", "a b")]
    [InlineData(null, "")]
    [InlineData("\u200B\u200B", "")]
    public void Sanitize_DropsForbiddenAndFoldsWhiteSpace(string? value, string expected)
    {
        Assert.Equal(expected, TextLine.Sanitize(value, 100));
    }

    [Fact]
    public void Sanitize_LongValue_IsCutWithoutSplittingASurrogatePair()
    {
        var cut = TextLine.Sanitize("abcd🌍", 5);

        Assert.Equal("abcd", cut);
        Assert.False(TextLine.HasForbidden(cut));
    }

    [Fact]
    public void Sanitize_Result_AlwaysPassesTheRule()
    {
        var all = new string(Enumerable.Range(0, 0x3000).Select(i => (char)i).Where(c => !char.IsSurrogate(c)).ToArray());

        var clean = TextLine.Sanitize(all, 20000);

        Assert.False(TextLine.HasForbidden(clean));
        Assert.DoesNotContain('\n', clean);
    }
}
