namespace TrustFundGrants.Functions.Grants;

/// <summary>A grant as one read gives it: the grant row, its tranches, reports and amendments, never its ledger.</summary>
public sealed record GrantFile(
    GrantEntity Grant,
    IReadOnlyList<TrancheEntity> Tranches,
    IReadOnlyList<ReportEntity> Reports,
    IReadOnlyList<AmendmentEntity> Amendments)
{
    public TrancheEntity? Tranche(int number) => Tranches.FirstOrDefault(t => t.Number == number);

    public ReportEntity? Report(int number) => Reports.FirstOrDefault(r => r.Number == number);
}
