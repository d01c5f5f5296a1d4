namespace TrustFundGrants.Domain;

/// <summary>A tranche as the terms set it: how much, on or after which day, after which report (1-based; null for the first tranche).</summary>
public sealed record PlannedTranche(int Number, Money Amount, DateOnly DueOn, int? AfterReport);

/// <summary>A report as the terms set it: interim or final, the last day of the period it covers, when it is due.</summary>
public sealed record PlannedReport(int Number, string Kind, DateOnly PeriodEnd, DateOnly DueOn);

public sealed record RequestedReport(string Kind, DateOnly PeriodEnd, DateOnly DueOn);

public sealed record RequestedTranche(TranchePart Part, DateOnly DueOn);

/// <summary>
/// The rules for an agreement's terms: a period, tranches adding up to the grant within it, and a
/// reporting schedule where each tranche after the first waits for the report before it (tranche 2
/// for report 1, ...), ending with the one final report.
/// </summary>
public static class GrantTerms
{
    public const string Interim = "interim";
    public const string Final = "final";

    /// <summary>A final report may fall due this long after the grant's end, to account for the last period.</summary>
    public const int FinalReportGraceDays = 90;

    public const int MaxReports = 12;

    public static (IReadOnlyList<PlannedTranche> Tranches, IReadOnlyList<PlannedReport> Reports)? Plan(
        Money grant, DateOnly start, DateOnly end, IReadOnlyList<RequestedTranche> tranches, IReadOnlyList<RequestedReport> reports, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(tranches);
        ArgumentNullException.ThrowIfNull(reports);
        ArgumentNullException.ThrowIfNull(errors);
        if (end <= start)
        {
            errors["endDate"] = ["The grant ends after it starts."];
            return null;
        }

        var amounts = TrancheSchedule.Split(grant, tranches.Select(t => t.Part).ToArray(), errors);
        for (var i = 0; i < tranches.Count; i++)
        {
            if (tranches[i].DueOn < start || tranches[i].DueOn > end)
            {
                errors[$"tranches[{i}].dueDate"] = [$"A tranche falls due within the grant period, {start:yyyy-MM-dd} to {end:yyyy-MM-dd}."];
            }
            else if (i > 0 && tranches[i].DueOn < tranches[i - 1].DueOn)
            {
                errors[$"tranches[{i}].dueDate"] = ["Tranches fall due in order."];
            }
        }

        CheckReports(start, end, reports, errors);
        if (reports.Count < tranches.Count - 1)
        {
            errors["reports"] = [$"Each tranche after the first waits for a report: {tranches.Count} tranches need at least {tranches.Count - 1} reports."];
        }

        if (errors.Count > 0 || amounts is null)
        {
            return null;
        }

        var planned = amounts.Select((a, i) => new PlannedTranche(i + 1, a, tranches[i].DueOn, i == 0 ? null : i)).ToArray();
        var plannedReports = reports.Select((r, i) => new PlannedReport(i + 1, r.Kind, r.PeriodEnd, r.DueOn)).ToArray();
        return (planned, plannedReports);
    }

    private static void CheckReports(DateOnly start, DateOnly end, IReadOnlyList<RequestedReport> reports, IDictionary<string, string[]> errors)
    {
        if (reports.Count is 0 or > MaxReports)
        {
            errors["reports"] = [$"Give 1 to {MaxReports} reports, the last of them the final report."];
            return;
        }

        for (var i = 0; i < reports.Count; i++)
        {
            var report = reports[i];
            var last = i == reports.Count - 1;
            var latest = last ? end.AddDays(FinalReportGraceDays) : end;
            if (report.Kind != (last ? Final : Interim))
            {
                errors[$"reports[{i}].kind"] = [last ? "The last report is the final report." : "Only the last report is final; the others are interim."];
            }
            else if (report.PeriodEnd < start || report.PeriodEnd > end)
            {
                errors[$"reports[{i}].periodEnd"] = [$"A reporting period ends within the grant period, {start:yyyy-MM-dd} to {end:yyyy-MM-dd}."];
            }
            else if (report.DueOn < report.PeriodEnd || report.DueOn > latest)
            {
                errors[$"reports[{i}].dueDate"] = [$"A report falls due after its period ends and no later than {latest:yyyy-MM-dd}."];
            }
            else if (i > 0 && (report.PeriodEnd <= reports[i - 1].PeriodEnd || report.DueOn <= reports[i - 1].DueOn))
            {
                errors[$"reports[{i}].dueDate"] = ["Reports follow one another: each period ends, and each report falls due, after the one before."];
            }
        }
    }
}
