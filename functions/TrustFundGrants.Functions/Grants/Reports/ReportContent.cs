using System.Text.Json;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants.Reports;

/// <summary>
/// What a grantee writes into a report. People assisted are counts by category only: there is no field
/// that could hold a name, and narrative text holding an email address or a phone number is refused.
/// </summary>
public sealed record ReportContent(
    ReportNarrative Narrative,
    IReadOnlyList<AssistedCount> PeopleAssisted,
    IReadOnlyList<AssistanceCount> Assistance,
    IReadOnlyList<ExpenditureRequest> Expenditure)
{
    public const int MaxCells = 200;

    /// <summary>Checks the content against the grant's budget; on success writes it to <paramref name="report"/>.</summary>
    public bool TryApply(ReportEntity report, GrantEntity grant, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(errors);
        foreach (var (field, text) in Narrative.Sections())
        {
            if (NarrativeGuard.Check(text) is { } refusal)
            {
                errors["narrative." + field] = [refusal];
            }
        }

        if (PeopleAssisted.Count > MaxCells || Assistance.Count > MaxCells || Expenditure.Count > MaxCells)
        {
            errors["$"] = [$"At most {MaxCells} rows in each list."];
            return false;
        }

        Domain.PeopleAssisted.Check(PeopleAssisted, Assistance, errors);
        var lines = new List<ExpenditureLine>();
        for (var i = 0; i < Expenditure.Count; i++)
        {
            var line = Expenditure[i];
            if (NarrativeGuard.Check(line.Explanation) is { } refusal)
            {
                errors[$"expenditure[{i}].explanation"] = [refusal];
            }

            var actual = line.Actual.Read(grant.CurrencyCode, $"expenditure[{i}].actual", errors);
            lines.Add(new ExpenditureLine(line.Line, actual?.MinorUnits ?? 0, line.Explanation?.Trim()));
        }

        var budget = GrantBudget.Lines(grant).Select(l => l.AmountMinor).ToArray();
        Domain.Expenditure.Check(budget, GrantBudget.Spent(grant), lines, errors);
        if (errors.Count > 0)
        {
            return false;
        }

        report.NarrativeJson = JsonSerializer.Serialize(Narrative, JsonSerializerOptions.Web);
        report.PeopleJson = JsonSerializer.Serialize(PeopleAssisted, JsonSerializerOptions.Web);
        report.AssistanceJson = JsonSerializer.Serialize(Assistance, JsonSerializerOptions.Web);
        report.ExpenditureJson = JsonSerializer.Serialize(lines, JsonSerializerOptions.Web);
        return true;
    }
}

/// <summary>The report's narrative sections; any may be empty while it is a draft.</summary>
public sealed record ReportNarrative(string? Activities, string? Results, string? Challenges, string? Changes)
{
    public IEnumerable<(string Field, string? Text)> Sections() =>
        [("activities", Activities), ("results", Results), ("challenges", Challenges), ("changes", Changes)];
}

/// <summary>Spending on one approved budget line (0-based) in the period, and why, where it runs over.</summary>
public sealed record ExpenditureRequest(int Line, AmountJson Actual, string? Explanation = null);
