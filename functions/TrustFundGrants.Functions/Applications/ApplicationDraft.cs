using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Applications;

/// <summary>
/// What an applicant writes into a draft. Every field may still be empty (a draft is work in
/// progress), but whatever is given must be well-formed; completeness is checked at submission.
/// </summary>
public sealed record ApplicationDraft(
    string? Title,
    string? Summary,
    AmountJson? RequestedAmount,
    int? DurationMonths,
    IReadOnlyList<string>? Countries,
    IReadOnlyList<string>? ExploitationForms,
    IReadOnlyList<string>? TargetGroups,
    IReadOnlyList<BeneficiaryCount>? PlannedBeneficiaries,
    IReadOnlyList<BudgetLineJson>? BudgetLines,
    IReadOnlyDictionary<string, bool>? EligibilityAnswers)
{
    public const int MaxBudgetLines = 100;

    public static readonly IReadOnlyList<string> Forms =
    [
        "sexual-exploitation", "forced-labour", "forced-criminality", "domestic-servitude", "forced-marriage", "child-trafficking", "organ-removal", "other",
    ];

    public static readonly IReadOnlyList<string> Sexes = ["female", "male", "other"];

    public static readonly IReadOnlyList<string> AgeGroups = ["under-18", "18-plus"];

    /// <summary>Checks form; on success applies it to <paramref name="entity"/>. Errors name each field.</summary>
    public bool TryApply(ApplicationEntity entity, CurrencyCode currency, IReadOnlyCollection<string> questionIds, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentNullException.ThrowIfNull(errors);
        if (TextLine.Problem(Title, 0, 200) is { } titleProblem)
        {
            errors["title"] = [titleProblem];
        }

        Length(errors, "summary", Summary, 4000);
        var requested = RequestedAmount?.Read(currency, "requestedAmount", errors);
        if (DurationMonths is < 1 or > 120)
        {
            errors["durationMonths"] = ["Give the duration in whole months, 1 to 120."];
        }

        Each(errors, "countries", Countries, 50, (c, f) => CountryCode.TryParse(c, out _) ? null : "Use ISO 3166-1 alpha-2 codes, such as KE.");
        Each(errors, "exploitationForms", ExploitationForms, Forms.Count, (c, f) => Forms.Contains(c) ? null : "Choose from: " + string.Join(", ", Forms) + ".");
        Each(errors, "targetGroups", TargetGroups, 20, (c, f) => c is { Length: > 0 and <= 100 } ? null : "Describe each group in 1 to 100 characters.");
        Each(errors, "plannedBeneficiaries", PlannedBeneficiaries, Sexes.Count * AgeGroups.Count, (b, f) =>
            !Sexes.Contains(b.Sex) ? "sex is one of: " + string.Join(", ", Sexes) + "."
            : !AgeGroups.Contains(b.AgeGroup) ? "ageGroup is one of: " + string.Join(", ", AgeGroups) + "."
            : b.Count is < 0 or > 1_000_000 ? "count is a whole number from 0 to 1,000,000."
            : null);
        if (PlannedBeneficiaries is { } counts && counts.GroupBy(b => (b.Sex, b.AgeGroup)).Any(g => g.Count() > 1))
        {
            errors["plannedBeneficiaries"] = ["Give each sex and age group once."];
        }

        var lines = new List<BudgetLine>();
        Each(errors, "budgetLines", BudgetLines, MaxBudgetLines, (line, f) =>
        {
            if (line.Category is not { Length: > 0 and <= 100 } || line.Description is not { Length: <= 500 }
                || TextLine.HasForbidden(line.Category) || TextLine.HasForbidden(line.Description))
            {
                return "Each line needs a category (up to 100 characters) and a description (up to 500), each one line of visible text.";
            }

            var amount = line.Amount.Read(currency, f + ".amount", errors);
            if (amount is { } money)
            {
                lines.Add(new BudgetLine(line.Category, line.Description, AmountJson.From(money)));
            }

            return null;
        });
        if (EligibilityAnswers is { } answers && answers.Keys.FirstOrDefault(k => !questionIds.Contains(k)) is { } unknown)
        {
            errors[$"eligibilityAnswers.{unknown}"] = ["This round asks no such question."];
        }

        if (errors.Count > 0)
        {
            return false;
        }

        entity.Title = Title?.Trim() ?? string.Empty;
        entity.Summary = Summary?.Trim() ?? string.Empty;
        entity.Currency = currency.Code;
        entity.RequestedMinor = requested?.MinorUnits;
        entity.DurationMonths = DurationMonths;
        entity.DetailsJson = new ApplicationDetails(
            Countries ?? [], ExploitationForms ?? [], TargetGroups ?? [], PlannedBeneficiaries ?? [], lines,
            EligibilityAnswers ?? new Dictionary<string, bool>()).ToJson();
        return true;
    }

    private static void Length(IDictionary<string, string[]> errors, string field, string? value, int max)
    {
        if (value is { Length: > 0 } text && text.Length > max)
        {
            errors[field] = [$"At most {max} characters."];
        }
    }

    private static void Each<T>(IDictionary<string, string[]> errors, string field, IReadOnlyList<T>? items, int max, Func<T, string, string?> check)
    {
        if (items is null)
        {
            return;
        }

        if (items.Count > max)
        {
            errors[field] = [$"At most {max} items."];
            return;
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (check(items[i], $"{field}[{i}]") is { } message)
            {
                errors[$"{field}[{i}]"] = [message];
            }
        }
    }
}

/// <summary>A budget line as sent: the amount is validated against the round's currency.</summary>
public sealed record BudgetLineJson(string Category, string Description, AmountJson Amount);
