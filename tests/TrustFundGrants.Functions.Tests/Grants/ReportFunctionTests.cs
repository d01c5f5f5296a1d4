using Microsoft.AspNetCore.Http;
using Moq;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Grants;
using TrustFundGrants.Functions.Grants.Reports;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Tests.Support;

namespace TrustFundGrants.Functions.Tests.Grants;

/// <summary>A grantee's report: saved as a draft, submitted once (or again after it is returned), accepted or returned by the Secretariat.</summary>
public sealed class ReportFunctionTests
{
    private readonly GrantDoubles doubles = new();

    public ReportFunctionTests() =>
        doubles.Store.Setup(s => s.AttachmentsAsync(GrantDoubles.GrantId, It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);

    [Fact]
    public async Task SaveReport_CountsAndSpendingWithinTheBudget_WritesTheDraftUnderTheReadETag()
    {
        var file = GrantDoubles.ActiveGrant();
        doubles.Holds(file);

        using var result = await SaveAsync(GrantDoubles.Member, Content("Ran two shelters."));

        Assert.Equal(StatusCodes.Status200OK, result.StatusCode);
        var change = Assert.Single(doubles.Commits);
        var report = Assert.IsType<ReportEntity>(Assert.Single(change.Replace));
        Assert.Equal((1, ReportStatus.Draft, GrantDoubles.Read), (report.Number, report.Status, change.IfMatch));
        Assert.Contains("\"actualMinor\":1000000", report.ExpenditureJson, StringComparison.Ordinal);
        Assert.Equal("report.saved", Assert.Single(doubles.Audited).Action);
    }

    [Fact]
    public async Task SaveReport_NarrativeWithAPhoneNumberAndSpendingInAnotherCurrency_400NamingBothAndNothingWritten()
    {
        var file = GrantDoubles.ActiveGrant();
        doubles.Holds(file, commits: false);

        using var result = await SaveAsync(GrantDoubles.Member, Content("Call Maria on +52 664 123 4567.", currency: "EUR"));

        Assert.Equal(StatusCodes.Status400BadRequest, result.StatusCode);
        Assert.Equal(["expenditure[0].actual.currency", "narrative.activities"], result.ErrorKeys.Order(StringComparer.Ordinal));
        Assert.Empty(doubles.Commits);
        Assert.Equal(("{}", "[]"), (file.Report(1)!.NarrativeJson, file.Report(1)!.ExpenditureJson));
    }

    [Fact]
    public async Task SaveReport_SubmittedReport_409()
    {
        var file = GrantDoubles.ActiveGrant();
        file.Report(1)!.Status = ReportStatus.Submitted;
        doubles.Holds(file, commits: false);

        using var result = await SaveAsync(GrantDoubles.Member, Content("More"));

        Assert.Equal(StatusCodes.Status409Conflict, result.StatusCode);
    }

    [Fact]
    public async Task SubmitReport_DraftWithActivitiesAndResults_SubmittedByTheMember()
    {
        var file = GrantDoubles.ActiveGrant();
        file.Report(1)!.NarrativeJson = """{"activities":"Two shelters","results":"40 people housed","challenges":null,"changes":null}""";
        doubles.Holds(file);

        using var result = await SubmitAsync(GrantDoubles.Member);

        Assert.Equal(StatusCodes.Status200OK, result.StatusCode);
        var report = Assert.IsType<ReportEntity>(Assert.Single(Assert.Single(doubles.Commits).Replace));
        Assert.Equal((ReportStatus.Submitted, GrantDoubles.Member.Email, (DateTimeOffset?)doubles.Clock.GetUtcNow()), (report.Status, report.SubmittedByEmail, report.SubmittedAt));
        Assert.Equal("report.submitted", Assert.Single(doubles.Audited).Action);
    }

    [Fact]
    public async Task SubmitReport_EmptyNarrative_400NamingActivitiesAndResultsAtOnce()
    {
        var file = GrantDoubles.ActiveGrant();
        file.Report(1)!.NarrativeJson = """{"activities":" ","results":null,"challenges":null,"changes":null}""";
        doubles.Holds(file, commits: false);

        using var result = await SubmitAsync(GrantDoubles.Member);

        Assert.Equal(["narrative.activities", "narrative.results"], result.ErrorKeys.Order(StringComparer.Ordinal));
        Assert.Equal(ReportStatus.Draft, file.Report(1)!.Status);
    }

    [Fact]
    public async Task SubmitReport_AlreadyAccepted_409()
    {
        var file = GrantDoubles.ActiveGrant();
        file.Report(1)!.Status = ReportStatus.Accepted;
        doubles.Holds(file, commits: false);

        using var result = await SubmitAsync(GrantDoubles.Member);

        Assert.Equal(StatusCodes.Status409Conflict, result.StatusCode);
    }

    [Fact]
    public async Task SubmitReport_ByAnotherOrganisation_404()
    {
        doubles.Holds(GrantDoubles.ActiveGrant(), commits: false);

        using var result = await SubmitAsync(GrantDoubles.Stranger);

        Assert.Equal(StatusCodes.Status404NotFound, result.StatusCode);
    }

    [Fact]
    public async Task SubmitReport_ClosedGrant_409()
    {
        var file = GrantDoubles.ActiveGrant();
        file.Grant.Status = GrantStatus.Closed;
        doubles.Holds(file, commits: false);

        using var result = await SubmitAsync(GrantDoubles.Member);

        Assert.Equal(StatusCodes.Status409Conflict, result.StatusCode);
    }

    [Fact]
    public async Task ReturnReport_Submitted_ReturnedWithTheCommentsAndTheEmailOwedInTheSameCommit()
    {
        var file = GrantDoubles.ActiveGrant();
        file.Report(1)!.Status = ReportStatus.Submitted;
        doubles.Holds(file);

        using var result = await ReturnAsync(GrantDoubles.Finance, "Add the legal aid figures.");

        Assert.Equal(StatusCodes.Status200OK, result.StatusCode);
        var change = Assert.Single(doubles.Commits);
        var report = Assert.IsType<ReportEntity>(Assert.Single(change.Replace));
        Assert.Equal((ReportStatus.ReturnedForChanges, "Add the legal aid figures.", GrantDoubles.Finance.Email), (report.Status, report.Comments, report.DecidedByEmail));
        Assert.Contains("\"kind\":\"report-returned\"", Assert.Single(GrantDoubles.Staged(change, GrantEmailMessage.Queue)), StringComparison.Ordinal);
        Assert.Equal("report.returned", Assert.Single(doubles.Audited).Action);
    }

    [Fact]
    public async Task ReturnReport_WithoutComments_400BeforeAnyRead()
    {
        using var result = await ReturnAsync(GrantDoubles.Finance, "  ");

        Assert.Equal(["comments"], result.ErrorKeys);
        doubles.Store.Verify(s => s.ReadAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ReturnReport_ADraft_409()
    {
        doubles.Holds(GrantDoubles.ActiveGrant(), commits: false);

        using var result = await ReturnAsync(GrantDoubles.Finance, "Change it");

        Assert.Equal(StatusCodes.Status409Conflict, result.StatusCode);
    }

    [Fact]
    public async Task ReturnReport_ByTheNgo_403()
    {
        using var result = await ReturnAsync(GrantDoubles.Member, "Change it");

        Assert.Equal(StatusCodes.Status403Forbidden, result.StatusCode);
    }

    [Fact]
    public async Task AcceptReport_Interim_NextTrancheFallsDueWithTheEmailAndEventOwed()
    {
        var file = GrantDoubles.ActiveGrant(first: TrancheStatus.Paid, disbursed: 1_800_000);
        file.Report(1)!.Status = ReportStatus.Submitted;
        file.Report(1)!.ExpenditureJson = """[{"line":0,"actualMinor":1000000,"explanation":null}]""";
        doubles.Holds(file);

        using var result = await ExecutedResult.ExecuteAsync(await new AcceptReport(doubles.Access, doubles.Store.Object, doubles.Outbox, doubles.Audit, doubles.Clock)
            .Run(doubles.Request(GrantDoubles.Finance, "POST", ifMatch: GrantDoubles.Read), GrantDoubles.GrantId, "1", CancellationToken.None));

        Assert.Equal(StatusCodes.Status200OK, result.StatusCode);
        var change = Assert.Single(doubles.Commits);
        Assert.Equal(TrancheStatus.Due, Assert.Single(change.Replace.OfType<TrancheEntity>()).Status);
        Assert.Equal([1_000_000L, 0L], GrantBudget.Spent(change.Grant));
        Assert.Contains("\"kind\":\"report-accepted\"", Assert.Single(GrantDoubles.Staged(change, GrantEmailMessage.Queue)), StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"report-accepted\"", Assert.Single(GrantDoubles.Staged(change, Functions.Platform.Outbox.ProjectionEvent.Queue)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcceptReport_FinalWhileAPaymentIsApproved_409AndNothingCommitted()
    {
        var file = GrantDoubles.ActiveGrant(first: TrancheStatus.Approved);
        file.Report(2)!.Status = ReportStatus.Submitted;
        file.Report(2)!.ExpenditureJson = "[]";
        doubles.Holds(file, commits: false);

        using var result = await ExecutedResult.ExecuteAsync(await new AcceptReport(doubles.Access, doubles.Store.Object, doubles.Outbox, doubles.Audit, doubles.Clock)
            .Run(doubles.Request(GrantDoubles.Finance, "POST", ifMatch: GrantDoubles.Read), GrantDoubles.GrantId, "2", CancellationToken.None));

        Assert.Equal(StatusCodes.Status409Conflict, result.StatusCode);
        Assert.Empty(doubles.Commits);
    }

    private static object Content(string activities, string currency = "USD") => new
    {
        narrative = new { activities, results = "Housed 40 people", challenges = (string?)null, changes = (string?)null },
        peopleAssisted = new[] { new { sex = "female", ageGroup = "18-plus", form = "forced-labour", count = 25 } },
        assistance = new[] { new { type = "shelter", count = 25 } },
        expenditure = new[] { new { line = 0, actual = new { amount = "10000.00", currency }, explanation = (string?)null } },
    };

    private async Task<ExecutedResult> SaveAsync(Caller caller, object content) =>
        await ExecutedResult.ExecuteAsync(await new SaveReport(doubles.Access, doubles.Store.Object, doubles.Audit, doubles.Clock)
            .Run(doubles.Request(caller, "PUT", content, GrantDoubles.Read), GrantDoubles.GrantId, "1", CancellationToken.None));

    private async Task<ExecutedResult> SubmitAsync(Caller caller) =>
        await ExecutedResult.ExecuteAsync(await new SubmitReport(doubles.Access, doubles.Store.Object, doubles.Audit, doubles.Clock)
            .Run(doubles.Request(caller, "POST", ifMatch: GrantDoubles.Read), GrantDoubles.GrantId, "1", CancellationToken.None));

    private async Task<ExecutedResult> ReturnAsync(Caller caller, string comments) =>
        await ExecutedResult.ExecuteAsync(await new ReturnReport(doubles.Access, doubles.Store.Object, doubles.Outbox, doubles.Audit, doubles.Clock)
            .Run(doubles.Request(caller, "POST", new { comments }, GrantDoubles.Read), GrantDoubles.GrantId, "1", CancellationToken.None));
}
