using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Exports;
using TrustFundGrants.Functions.Projections;

namespace TrustFundGrants.Functions.Tests.Exports;

/// <summary>Two grants as the grants feature would hand them over: one to a named NGO, one to an NGO that asked not to be named.</summary>
internal static class ExportSamples
{
    public const string HiddenName = "Safe Haven Phnom Penh";

    public static ExportContext Context(bool isPublic) => new(
        "0193e0a4-0000-7000-8000-000000000001",
        "Trust Fund for Victims of Trafficking",
        CurrencyCode.Parse("USD"),
        "XI-TFG",
        isPublic,
        new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero),
        [new IncomingFunds("Government of Norway", "government", 5_000_000, new DateOnly(2025, 1, 15)), new IncomingFunds("Open Society", "foundation", 1_083_40, new DateOnly(2025, 2, 1))]);

    public static GrantRecord[] Grants() =>
    [
        Grant("0193e0a4-0000-7000-8000-0000000000a1", "Shelter and legal aid for survivors", new GrantRecipient("org-1", "Hope Nigeria", "NG", false), ["NG"], "Active"),
        Grant("0193e0a4-0000-7000-8000-0000000000a2", "Reintegration = jobs, \"safe\" housing", new GrantRecipient("org-2", HiddenName, "KH", true), ["KH", "TH", "VN"], "Closed"),
    ];

    public static async IAsyncEnumerable<GrantRecord> Stream(IEnumerable<GrantRecord> grants)
    {
        foreach (var grant in grants)
        {
            await Task.Yield();
            yield return grant;
        }
    }

    public static GrantRecord Grant(string id, string title, GrantRecipient recipient, string[] countries, string status) => new(
        new GrantFacts(id, "round-1", countries, ["forced-labour"], [new GrantFlow(FlowKind.Commitment, 4_000_000, 2025), new GrantFlow(FlowKind.Disbursement, 1_600_000, 2025)], new Dictionary<string, long>(), new Dictionary<string, long>()),
        title,
        "Support to survivors of trafficking: shelter, legal aid and reintegration.",
        recipient,
        status,
        new DateOnly(2025, 3, 1),
        new DateOnly(2026, 2, 28),
        [
            new GrantTransaction(GrantTransaction.Commitment, 4_000_000, new DateOnly(2025, 3, 1)),
            new GrantTransaction(GrantTransaction.Disbursement, 1_600_000, new DateOnly(2025, 3, 10)),
            new GrantTransaction(GrantTransaction.Expenditure, 1_200_000, new DateOnly(2025, 9, 30)),
            new GrantTransaction(GrantTransaction.Refund, 12_345, new DateOnly(2026, 3, 1)),
        ]);

    public static string StandardsPath(params string[] parts) => Path.Combine([AppContext.BaseDirectory, "Standards", .. parts]);
}
