using System.Text.Json;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants.Reports;

public sealed record ExpenditureView(int Line, string Category, AmountJson Budget, AmountJson SpentBefore, AmountJson Actual, string? Explanation, bool Over);

public sealed record AttachmentView(string Id, string FileName, string ContentType, long Size, string Sha256, DateTimeOffset UploadedAt);

/// <summary>A report with its content, the grant's budget to report against, and its attachments.</summary>
public sealed record ReportView(
    string GrantId, int Number, string Kind, string PeriodEnd, string DueDate, string Status,
    ReportNarrative Narrative, IReadOnlyList<AssistedCount> PeopleAssisted, long PeopleTotal, IReadOnlyList<AssistanceCount> Assistance,
    IReadOnlyList<ExpenditureView> Expenditure, AmountJson ExpenditureTotal, string? Comments, DateTimeOffset? SubmittedAt, string? SubmittedBy,
    DateTimeOffset? DecidedAt, IReadOnlyList<AttachmentView> Attachments)
{
    public static ReportView From(GrantEntity grant, ReportEntity report, IEnumerable<AttachmentEntity> attachments)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(report);
        var currency = grant.CurrencyCode;
        AmountJson Amount(long minor) => AmountJson.From(new Money(minor, currency));
        var people = JsonSerializer.Deserialize<AssistedCount[]>(report.PeopleJson, JsonSerializerOptions.Web) ?? [];
        var spending = (JsonSerializer.Deserialize<ExpenditureLine[]>(report.ExpenditureJson, JsonSerializerOptions.Web) ?? []).ToDictionary(l => l.Line);
        var spent = GrantBudget.Spent(grant);
        // Once accepted, this report's own spending is part of the grant's spent figures.
        var own = report.Status == ReportStatus.Accepted;
        var lines = GrantBudget.Lines(grant).Select((l, i) =>
        {
            var actual = spending.TryGetValue(i, out var line) ? line.ActualMinor : 0;
            var before = spent[i] - (own ? actual : 0);
            return new ExpenditureView(i, l.Category, Amount(l.AmountMinor), Amount(before), Amount(actual), line?.Explanation, Domain.Expenditure.IsOver(l.AmountMinor, before + actual));
        }).ToArray();
        return new ReportView(
            grant.PartitionKey, report.Number, report.Kind, report.PeriodEnd, report.DueOn, report.Status,
            JsonSerializer.Deserialize<ReportNarrative>(report.NarrativeJson, JsonSerializerOptions.Web) ?? new ReportNarrative(null, null, null, null),
            people, Domain.PeopleAssisted.Total(people),
            JsonSerializer.Deserialize<AssistanceCount[]>(report.AssistanceJson, JsonSerializerOptions.Web) ?? [],
            lines, Amount(spending.Values.Sum(l => l.ActualMinor)), report.Comments, report.SubmittedAt, report.SubmittedByEmail, report.DecidedAt,
            attachments.OrderBy(a => a.UploadedAt).Select(a => new AttachmentView(a.AttachmentId, a.FileName, a.ContentType, a.Size, a.Sha256, a.UploadedAt)).ToArray());
    }

    public static long Spending(ReportEntity report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return (JsonSerializer.Deserialize<ExpenditureLine[]>(report.ExpenditureJson, JsonSerializerOptions.Web) ?? []).Sum(l => l.ActualMinor);
    }
}
