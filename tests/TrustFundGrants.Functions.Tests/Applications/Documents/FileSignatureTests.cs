using TrustFundGrants.Functions.Applications.Documents;

namespace TrustFundGrants.Functions.Tests.Applications.Documents;

/// <summary>Office files are accepted only as the plain types a round allows: never a macro-enabled or Java package.</summary>
public sealed class FileSignatureTests
{
    [Fact]
    public void Sniff_RealDocx_IsDocx()
    {
        using var file = OfficeFiles.Docx();
        Assert.Equal(FileSignature.Docx, FileSignature.Sniff(file));
    }

    [Fact]
    public void Sniff_RealXlsx_IsXlsx()
    {
        using var file = OfficeFiles.Xlsx();
        Assert.Equal(FileSignature.Xlsx, FileSignature.Sniff(file));
    }

    [Fact]
    public void Sniff_MacroEnabledDocm_IsNothingAccepted()
    {
        using var file = OfficeFiles.Zip(
            ("[Content_Types].xml", OfficeFiles.ContentTypes("/word/document.xml", "application/vnd.ms-word.document.macroEnabled.main+xml")),
            ("_rels/.rels", OfficeFiles.Relationships("word/document.xml")),
            ("word/document.xml", "<w:document/>"),
            ("word/vbaProject.bin", "Attribute VB_Name = \"AutoOpen\""));

        Assert.Null(FileSignature.Sniff(file));
    }

    [Fact]
    public void Sniff_DocxTypeWithAVbaProjectInside_IsNothingAccepted()
    {
        using var file = OfficeFiles.Zip(
            ("[Content_Types].xml", OfficeFiles.ContentTypes("/word/document.xml", OfficePackage.WordMain)),
            ("_rels/.rels", OfficeFiles.Relationships("word/document.xml")),
            ("word/document.xml", "<w:document/>"),
            ("word/vbaProject.bin", "macro"));

        Assert.Null(FileSignature.Sniff(file));
    }

    [Fact]
    public void Sniff_JarCarryingWordParts_IsNothingAccepted()
    {
        using var file = OfficeFiles.Zip(
            ("META-INF/MANIFEST.MF", "Manifest-Version: 1.0\nMain-Class: Payload\n"),
            ("Payload.class", "cafebabe"),
            ("[Content_Types].xml", OfficeFiles.ContentTypes("/word/document.xml", OfficePackage.WordMain)),
            ("word/document.xml", "<w:document/>"));

        Assert.Null(FileSignature.Sniff(file));
    }

    [Fact]
    public void Sniff_WordTemplate_IsNothingAccepted()
    {
        using var file = OfficeFiles.Zip(
            ("[Content_Types].xml", OfficeFiles.ContentTypes("/word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml")),
            ("word/document.xml", "<w:document/>"));

        Assert.Null(FileSignature.Sniff(file));
    }

    [Fact]
    public void Sniff_ContentTypesWithADtd_IsNothingAccepted()
    {
        using var file = OfficeFiles.Zip(
            ("[Content_Types].xml", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Types>&e;</Types>"),
            ("word/document.xml", "<w:document/>"));

        Assert.Null(FileSignature.Sniff(file));
    }

    [Fact]
    public void Sniff_PlainZip_IsNothingAccepted()
    {
        using var file = OfficeFiles.Zip(("readme.txt", "hello"));
        Assert.Null(FileSignature.Sniff(file));
    }
}
