using TrustFundGrants.Domain;
using System.Text.Json;
using Moq;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;
using TrustFundGrants.Functions.Tests.Support;
using static TrustFundGrants.Functions.Tests.Support.FeatureDoubles;

namespace TrustFundGrants.Functions.Tests.Applications;

/// <summary>A round, an NGO's complete draft in it and the people around it, as the feature tests need them.</summary>
internal static class Samples
{
    public const string RoundId = "0195a1b2-0000-7000-8000-00000000a001";
    public const string AppId = "0195a1b2-0000-7000-8000-00000000b001";
    public const string OrganisationId = "0195a1b2-0000-7000-8000-00000000c001";

    public static readonly Caller Applicant = new("user-ngo", "ngo@example.org", "ngo@example.org", [Roles.Applicant], OrganisationId, null);
    public static readonly Caller OtherApplicant = new("user-other", "other@example.org", "other@example.org", [Roles.Applicant], "0195a1b2-0000-7000-8000-00000000c002", null);
    public static readonly Caller Reviewer = new("0195a1b2-0000-7000-8000-00000000d001", "reviewer@example.org", "reviewer@example.org", [Roles.Reviewer], null, null);
    public static readonly Caller Secretariat = new("user-secretariat", "admin@fund.example", "admin@fund.example", [Roles.Secretariat], null, null);

    public static RoundEntity Round(DateTimeOffset? closesAt = null) => new()
    {
        RowKey = RoundId,
        FundId = "fund-1",
        Title = "Open call",
        OpensAt = Now.AddDays(-10),
        ClosesAt = closesAt ?? Now.AddDays(1),
        TimeZone = "America/Mexico_City",
        Currency = "USD",
        EnvelopeMinor = 50_000_000,
        MinGrantMinor = 2_000_000,
        MaxGrantMinor = 6_000_000,
        MaxDurationMonths = 24,
        EligibilityJson = JsonSerializer.Serialize(new[] { new EligibilityQuestion("registered", "Is the organisation registered?", true) }, JsonSerializerOptions.Web),
        CriteriaJson = JsonSerializer.Serialize(new[] { new Criterion("relevance", "Relevance", null, 3, 10), new Criterion("capacity", "Capacity", null, 2, 5) }, JsonSerializerOptions.Web),
        RequiredDocumentsJson = JsonSerializer.Serialize(new[] { new RequiredDocument("budget", "Budget", 1024, ["application/pdf"]) }, JsonSerializerOptions.Web),
        ReviewersPerApplication = 2,
        ETag = ReadETag,
    };

    public static ApplicationDetails CompleteDetails(bool registered = true) => new(
        ["MX"],
        ["forced-labour"],
        ["women"],
        [new BeneficiaryCount("female", "18-plus", 120)],
        [new BudgetLine("shelter", "Rent", new AmountJson("30000.00", "USD")), new BudgetLine("legal", "Lawyers", new AmountJson("15000.00", "USD"))],
        new Dictionary<string, bool> { ["registered"] = registered });

    public static ApplicationEntity Draft(string status = ApplicationStatus.Draft, bool registered = true) => new()
    {
        PartitionKey = RoundId,
        RowKey = AppId,
        OrganisationId = OrganisationId,
        Status = status,
        Title = "Safe houses in Tijuana",
        Summary = "Shelter and legal aid.",
        Currency = "USD",
        RequestedMinor = 4_500_000,
        DurationMonths = 18,
        DetailsJson = CompleteDetails(registered).ToJson(),
        ETag = ReadETag,
    };

    public static DocumentEntity Budget() => new()
    {
        PartitionKey = RoundId,
        RowKey = DocumentEntity.RowKeyFor(AppId, "budget"),
        Type = "budget",
        FileName = "budget.pdf",
        ContentType = "application/pdf",
    };

    /// <summary>The key table finds the application's round, the application table holds <paramref name="application"/>.</summary>
    public static void Holds(this FeatureDoubles doubles, ApplicationEntity application)
    {
        doubles.Table(ApplicationStore.KeyTable)
            .Setup(t => t.GetEntityIfExistsAsync<Azure.Data.Tables.TableEntity>(application.RowKey, "key", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Found(new Azure.Data.Tables.TableEntity(application.RowKey, "key") { ["RoundId"] = application.PartitionKey }));
        doubles.Table(ApplicationStore.Table)
            .Setup(t => t.GetEntityIfExistsAsync<ApplicationEntity>(application.PartitionKey, application.RowKey, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Found(application));
    }

    public static void Holds(this FeatureDoubles doubles, RoundEntity round) =>
        doubles.Table(RoundStore.Table)
            .Setup(t => t.GetEntityIfExistsAsync<RoundEntity>(RoundEntity.Partition, round.RowKey, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Found(round));

    public static void HoldsDocuments(this FeatureDoubles doubles, params DocumentEntity[] documents) =>
        doubles.Table(ApplicationStore.Table)
            .Setup(t => t.QueryAsync<DocumentEntity>(It.IsAny<string>(), null, null, It.IsAny<CancellationToken>()))
            .Returns(Pages(documents));
}
