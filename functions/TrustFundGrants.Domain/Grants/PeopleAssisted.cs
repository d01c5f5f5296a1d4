namespace TrustFundGrants.Domain;

/// <summary>One cell of the people-assisted grid: how many, never who.</summary>
public sealed record AssistedCount(string Sex, string AgeGroup, string Form, int Count);

/// <summary>How many people received one type of assistance.</summary>
public sealed record AssistanceCount(string Type, int Count);

/// <summary>
/// The people a grant assisted in a period, as aggregate counts only: by sex x age group x form of
/// exploitation, and by type of assistance. No field can hold anything but a category and a count.
/// </summary>
public static class PeopleAssisted
{
    public const int MaxCount = 1_000_000;

    public static readonly IReadOnlyList<string> Sexes = ["female", "male", "other"];

    public static readonly IReadOnlyList<string> AgeGroups = ["under-18", "18-plus"];

    public static readonly IReadOnlyList<string> Forms =
    [
        "sexual-exploitation", "forced-labour", "forced-criminality", "domestic-servitude", "forced-marriage", "child-trafficking", "organ-removal", "other",
    ];

    public static readonly IReadOnlyList<string> AssistanceTypes =
    [
        "shelter", "medical", "psychosocial", "legal", "education-vocational", "reintegration", "other",
    ];

    public static void Check(IReadOnlyList<AssistedCount> grid, IReadOnlyList<AssistanceCount> assistance, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(grid);
        ArgumentNullException.ThrowIfNull(assistance);
        ArgumentNullException.ThrowIfNull(errors);
        var seen = new HashSet<(string, string, string)>();
        for (var i = 0; i < grid.Count; i++)
        {
            var cell = grid[i];
            var error = !Sexes.Contains(cell.Sex) ? ("sex", "sex is one of: " + string.Join(", ", Sexes) + ".")
                : !AgeGroups.Contains(cell.AgeGroup) ? ("ageGroup", "ageGroup is one of: " + string.Join(", ", AgeGroups) + ".")
                : !Forms.Contains(cell.Form) ? ("form", "form is one of: " + string.Join(", ", Forms) + ".")
                : cell.Count is < 0 or > MaxCount ? ("count", $"A count is a whole number from 0 to {MaxCount:N0}.")
                : !seen.Add((cell.Sex, cell.AgeGroup, cell.Form)) ? ("$", "Give each sex, age group and form once.")
                : ((string, string)?)null;
            if (error is var (field, message))
            {
                errors[field == "$" ? $"peopleAssisted[{i}]" : $"peopleAssisted[{i}].{field}"] = [message];
            }
        }

        var types = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < assistance.Count; i++)
        {
            if (!AssistanceTypes.Contains(assistance[i].Type) || !types.Add(assistance[i].Type))
            {
                errors[$"assistance[{i}].type"] = ["type is one of: " + string.Join(", ", AssistanceTypes) + ", each once."];
            }
            else if (assistance[i].Count is < 0 or > MaxCount)
            {
                errors[$"assistance[{i}].count"] = [$"A count is a whole number from 0 to {MaxCount:N0}."];
            }
        }
    }

    public static long Total(IEnumerable<AssistedCount> grid) => grid.Sum(c => (long)c.Count);
}
