using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Applications.Documents;

/// <summary>
/// What a reviewer in a blind round is shown of a document: the round's title for its type (every
/// applicant's budget is "Project budget.xlsx"), never the uploaded name, which often carries the
/// organisation's name, nor its hash, which could be matched against a copy seen elsewhere.
/// </summary>
public static class BlindDocumentNames
{
    public static string FileName(RoundEntity round, string type, string contentType)
    {
        ArgumentNullException.ThrowIfNull(round);
        var title = round.RequiredDocuments().FirstOrDefault(d => string.Equals(d.Type, type, StringComparison.Ordinal))?.Title;
        return StoredFileName.Blind(title ?? type, contentType);
    }

    public static DocumentView ForReviewer(RoundEntity round, DocumentView document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document with { FileName = FileName(round, document.Type, document.ContentType), Sha256 = string.Empty };
    }
}
