namespace TrustFundGrants.Functions.Platform.Auth;

/// <summary>The four kinds of people the system serves. Stored and sent as these exact words.</summary>
public static class Roles
{
    public const string Secretariat = "Secretariat";
    public const string Reviewer = "Reviewer";
    public const string Applicant = "Applicant";
    public const string Donor = "Donor";

    public static IReadOnlyList<string> All { get; } = [Secretariat, Reviewer, Applicant, Donor];

    /// <summary>Accepts any casing from a client ("reviewer") and returns the canonical word, or null.</summary>
    public static string? Parse(string? role) =>
        All.FirstOrDefault(r => string.Equals(r, role, StringComparison.OrdinalIgnoreCase));
}
