using System.Text.Json;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants;

/// <summary>An approved budget line with its (amended) amount; <c>Line</c> is its 0-based number, how reports and moves name it.</summary>
public sealed record GrantBudgetLine(int Line, string Category, string Description, AmountJson Amount, AmountJson Spent);

public sealed record GrantTotalsView(AmountJson Committed, AmountJson Disbursed, AmountJson Refunded, AmountJson Balance, AmountJson RefundOwed);

public sealed record AcceptanceView(string Name, string Title, DateTimeOffset At);

public sealed record TrancheView(
    int Number, AmountJson Amount, string DueDate, int? AfterReport, string Status,
    string? RequestedBy, DateTimeOffset? RequestedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt,
    string? PaymentReference, string? ValueDate, DateTimeOffset? PaidAt);

public sealed record ReportSummaryView(int Number, string Kind, string PeriodEnd, string DueDate, string Status, DateTimeOffset? SubmittedAt);

public sealed record AmendmentView(int Number, string Kind, string Status, string Reason, JsonElement Change, string ProposedBy, DateTimeOffset ProposedAt, string? ApprovedBy);

public sealed record GrantView(
    string Id, string FundId, string RoundId, string ApplicationId, string OrganisationId, string OrganisationName,
    string Title, string Reference, AmountJson Amount, string Status, string? StatusReason,
    string? StartDate, string? EndDate, IReadOnlyList<GrantBudgetLine> Budget, IReadOnlyList<string> Countries,
    IReadOnlyList<string> ExploitationForms, IReadOnlyList<string> TargetGroups, GrantTotalsView Totals,
    DateTimeOffset? SentAt, AcceptanceView? Acceptance, IReadOnlyList<TrancheView> Tranches,
    IReadOnlyList<ReportSummaryView> Reports, IReadOnlyList<AmendmentView> Amendments)
{
    public static GrantView From(GrantFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var g = file.Grant;
        var currency = g.CurrencyCode;
        AmountJson Amount(long minor) => AmountJson.From(new Money(minor, currency));
        var spent = GrantBudget.Spent(g);
        var budget = GrantBudget.Lines(g).Select((l, i) => new GrantBudgetLine(i, l.Category, l.Description, Amount(l.AmountMinor), Amount(spent[i]))).ToArray();
        var totals = new GrantTotalsView(Amount(g.CommittedMinor), Amount(g.DisbursedMinor), Amount(g.RefundedMinor), Amount(g.Totals.BalanceMinor), Amount(g.RefundOwedMinor));
        return new GrantView(
            g.PartitionKey, g.FundId, g.RoundId, g.PartitionKey, g.OrganisationId, g.OrganisationName, g.Title, g.Reference, Amount(g.AmountMinor),
            g.Status, g.StatusReason, Nonempty(g.StartDate), Nonempty(g.EndDate), budget, Split(g.Countries), Split(g.ExploitationForms),
            JsonSerializer.Deserialize<string[]>(g.TargetGroupsJson) ?? [], totals, g.SentAt,
            g.AcceptedAt is { } at ? new AcceptanceView(g.AcceptedByName ?? string.Empty, g.AcceptedByTitle ?? string.Empty, at) : null,
            file.Tranches.OrderBy(t => t.Number).Select(t => Tranche(t, currency)).ToArray(),
            file.Reports.OrderBy(r => r.Number).Select(r => new ReportSummaryView(r.Number, r.Kind, r.PeriodEnd, r.DueOn, r.Status, r.SubmittedAt)).ToArray(),
            file.Amendments.OrderBy(a => a.Number).Select(a => new AmendmentView(
                a.Number, a.Kind, a.Status, a.Reason, JsonDocument.Parse(a.ChangeJson).RootElement.Clone(), a.ProposedByEmail, a.ProposedAt, a.ApprovedByEmail)).ToArray());
    }

    public static TrancheView Tranche(TrancheEntity t, CurrencyCode currency)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new(
            t.Number, AmountJson.From(new Money(t.AmountMinor, currency)), t.DueOn, t.AfterReport, t.Status,
            t.RequestedByEmail, t.RequestedAt, t.ApprovedByEmail, t.ApprovedAt, t.PaymentReference, t.ValueDate, t.PaidAt);
    }

    private static string? Nonempty(string value) => value.Length == 0 ? null : value;

    private static string[] Split(string value) => value.Split(',', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A grant in a list: enough to find it and see where it stands.</summary>
public sealed record GrantSummary(
    string Id, string Title, string Reference, string OrganisationId, string OrganisationName, string Status,
    AmountJson Amount, AmountJson Disbursed, IReadOnlyList<string> Countries, string? NextReportDue)
{
    public static GrantSummary From(GrantIndexEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var currency = CurrencyCode.Parse(e.Currency);
        return new(
            e.GrantId, e.Title, e.Reference, e.OrganisationId, e.OrganisationName, e.Status,
            AmountJson.From(new Money(e.AmountMinor, currency)), AmountJson.From(new Money(e.DisbursedMinor, currency)),
            e.Countries.Split(',', StringSplitOptions.RemoveEmptyEntries), e.DueOn.Length == 0 ? null : e.DueOn);
    }
}

/// <summary>A tranche in the Secretariat's payment lists: who asked for it and who approved it (four eyes, visible).</summary>
public sealed record PaymentItem(
    string GrantId, string Title, string Reference, string OrganisationName, int Tranche, AmountJson Amount,
    string? RequestedBy, DateTimeOffset? RequestedAt, string? ApprovedBy, DateTimeOffset? ApprovedAt)
{
    public static PaymentItem From(GrantIndexEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.GrantId, e.Title, e.Reference, e.OrganisationName, e.Number ?? 0, AmountJson.From(new Money(e.AmountMinor, CurrencyCode.Parse(e.Currency))),
            e.RequestedByEmail, e.RequestedAt, e.ApprovedByEmail, e.ApprovedAt);
    }
}

/// <summary>A report in the Secretariat's lists (owed, overdue, waiting for review).</summary>
public sealed record ReportItem(string GrantId, string Title, string Reference, string OrganisationName, int Report, string Kind, string Status, string DueDate)
{
    public static ReportItem From(GrantIndexEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.GrantId, e.Title, e.Reference, e.OrganisationName, e.Number ?? 0, e.Kind ?? string.Empty, e.Status, e.DueOn);
    }
}

public sealed record LedgerEntryView(int Sequence, string Kind, AmountJson Amount, DateTimeOffset At, string By, string Note, int? Tranche, string? Reference)
{
    public static LedgerEntryView From(LedgerEntryEntity e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.Sequence, e.Kind, AmountJson.From(new Money(e.AmountMinor, CurrencyCode.Parse(e.Currency))), e.At, e.ByEmail, e.Note, e.TrancheNumber, e.Reference);
    }
}
