using System.IO.Compression;
using TrustFundGrants.Functions.Applications.Documents;

namespace TrustFundGrants.Functions.Tests.Applications.Documents;

public sealed class FileSignatureMagicBytesTests
{
    private static MemoryStream Zip(params string[] entries)
    {
        var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                writer.Write("<x/>");
            }
        }

        stream.Position = 0;
        return stream;
    }

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31, 0x2E, 0x37 }, FileSignature.Pdf)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00 }, FileSignature.Png)]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10 }, FileSignature.Jpeg)]
    public void Sniff_KnownMagicBytes_NamesTheType(byte[] head, string expected)
    {
        using var file = new MemoryStream(head);

        Assert.Equal(expected, FileSignature.Sniff(file));
        Assert.Equal(0, file.Position);
    }

    [Theory]
    [InlineData("<html><body>")]
    [InlineData("MZ\u0090\u0000")]
    [InlineData("")]
    public void Sniff_AnythingElse_IsNull(string content)
    {
        using var file = new MemoryStream(System.Text.Encoding.Latin1.GetBytes(content));

        Assert.Null(FileSignature.Sniff(file));
    }

    [Fact]
    public void Sniff_ZipThatIsNoOfficeDocument_IsNull()
    {
        using var file = Zip("readme.txt");

        Assert.Null(FileSignature.Sniff(file));
    }

    [Fact]
    public void Sniff_TruncatedZip_IsNullNotAnException()
    {
        using var file = new MemoryStream([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00]);

        Assert.Null(FileSignature.Sniff(file));
    }
}
