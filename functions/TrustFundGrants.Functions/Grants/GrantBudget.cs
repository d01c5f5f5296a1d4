using System.Text.Json;

namespace TrustFundGrants.Functions.Grants;

/// <summary>One approved budget line as the grant stores it.</summary>
public sealed record StoredBudgetLine(string Category, string Description, long AmountMinor);

/// <summary>The grant's budget lines and what has been spent on each, read from and written to its row.</summary>
public static class GrantBudget
{
    public static IReadOnlyList<StoredBudgetLine> Lines(GrantEntity grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        return JsonSerializer.Deserialize<StoredBudgetLine[]>(grant.BudgetJson, JsonSerializerOptions.Web) ?? [];
    }

    public static long[] Spent(GrantEntity grant)
    {
        ArgumentNullException.ThrowIfNull(grant);
        var spent = JsonSerializer.Deserialize<long[]>(grant.SpentJson) ?? [];
        var lines = Lines(grant).Count;
        return spent.Length == lines ? spent : [.. spent, .. new long[Math.Max(0, lines - spent.Length)]];
    }

    public static void Keep(GrantEntity grant, IReadOnlyList<StoredBudgetLine> lines)
    {
        ArgumentNullException.ThrowIfNull(grant);
        grant.BudgetJson = JsonSerializer.Serialize(lines, JsonSerializerOptions.Web);
    }

    public static void KeepSpent(GrantEntity grant, IReadOnlyList<long> spent)
    {
        ArgumentNullException.ThrowIfNull(grant);
        grant.SpentJson = JsonSerializer.Serialize(spent);
    }
}
