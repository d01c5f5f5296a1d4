using System.Text.Json;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Applications;

/// <summary>
/// The structured parts of a draft. Beneficiaries are aggregate counts by sex and age group: the
/// system never holds a survivor's identity, so there is no field that could name one.
/// </summary>
public sealed record ApplicationDetails(
    IReadOnlyList<string> Countries,
    IReadOnlyList<string> ExploitationForms,
    IReadOnlyList<string> TargetGroups,
    IReadOnlyList<BeneficiaryCount> PlannedBeneficiaries,
    IReadOnlyList<BudgetLine> BudgetLines,
    IReadOnlyDictionary<string, bool> EligibilityAnswers)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ApplicationDetails Empty { get; } = new([], [], [], [], [], new Dictionary<string, bool>());

    public static ApplicationDetails Parse(string json) => JsonSerializer.Deserialize<ApplicationDetails>(json, Json) ?? Empty;

    public string ToJson() => JsonSerializer.Serialize(this, Json);
}

public sealed record BeneficiaryCount(string Sex, string AgeGroup, int Count);

public sealed record BudgetLine(string Category, string Description, AmountJson Amount);
