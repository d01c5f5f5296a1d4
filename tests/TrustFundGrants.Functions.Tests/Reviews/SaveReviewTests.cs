using TrustFundGrants.Domain;
using Azure;
using Azure.Data.Tables;
using Moq;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Reviews;
using TrustFundGrants.Functions.Rounds;
using TrustFundGrants.Functions.Tests.Support;
using static TrustFundGrants.Functions.Tests.Applications.Samples;
using static TrustFundGrants.Functions.Tests.Support.FeatureDoubles;

namespace TrustFundGrants.Functions.Tests.Reviews;

public sealed class SaveReviewTests
{
    private static readonly string RowKey = AssignmentEntity.RowKeyFor(AppId, Reviewer.UserId);
    private static readonly string Id = AssignmentId.Format(RoundId, AppId, Reviewer.UserId);

    private readonly FeatureDoubles doubles = new();

    private Mock<TableClient> Assignments => doubles.Table(ReviewStores.AssignmentsTable);

    private SaveReview Function() => new(
        doubles.Access,
        new ReviewStores(doubles.TableService.Object),
        new RoundStore(doubles.TableService.Object, doubles.Time),
        new ApplicationStore(doubles.TableService.Object),
        doubles.Audit,
        doubles.Time);

    private static object Review(int relevance = 7, int? capacity = 4, string recommendation = "fund", string? amount = null) => new
    {
        scores = capacity is { } c ? new Dictionary<string, int> { ["relevance"] = relevance, ["capacity"] = c } : new Dictionary<string, int> { ["relevance"] = relevance },
        comments = "Strong shelter network.",
        recommendation,
        recommendedAmount = amount is null ? null : new { amount, currency = "USD" },
    };

    private async Task<ExecutedResult> SaveAsync(Caller caller, object review, string? id = null) =>
        await ExecutedResult.ExecuteAsync(await Function().Save(doubles.Request(caller, "PUT", review), id ?? Id, CancellationToken.None));

    private async Task<ExecutedResult> SubmitAsync(Caller caller) =>
        await ExecutedResult.ExecuteAsync(await Function().Submit(doubles.Request(caller), Id, CancellationToken.None));

    private static AssignmentEntity Assignment(string reviewStatus = "", bool recused = false, string scoresJson = "{}") => new()
    {
        PartitionKey = RoundId,
        RowKey = RowKey,
        ApplicationId = AppId,
        ReviewerId = Reviewer.UserId,
        OrganisationId = OrganisationId,
        ReviewStatus = reviewStatus,
        Recused = recused,
        ScoresJson = scoresJson,
        Recommendation = "fund",
        ETag = ReadETag,
    };

    private void Stored(AssignmentEntity assignment) =>
        Assignments
            .Setup(t => t.GetEntityIfExistsAsync<AssignmentEntity>(RoundId, RowKey, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Found(assignment));

    /// <summary>The round's rubric and the application's request, which the review is judged against.</summary>
    private void Context()
    {
        doubles.Holds(Round(closesAt: Now.AddDays(-1)));
        doubles.Table(ApplicationStore.Table)
            .Setup(t => t.GetEntityAsync<ApplicationEntity>(RoundId, AppId, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(Draft(ApplicationStatus.Eligible), Mock.Of<Response>()));
    }

    /// <summary>The assignment rows written, each checked to replace under the ETag of the read.</summary>
    private static List<AssignmentEntity> Written(List<TableTransactionAction> actions) =>
        actions.Where(a => a.Entity is AssignmentEntity).Select(a =>
        {
            Assert.Equal((TableTransactionActionType.UpdateReplace, ReadETag), (a.ActionType, a.ETag));
            return (AssignmentEntity)a.Entity;
        }).ToList();

    [Fact]
    public async Task Save_Applicant_Is403()
    {
        using var result = await SaveAsync(Applicant, Review());

        Assert.Equal(403, result.StatusCode);
    }

    [Fact]
    public async Task Save_AnotherReviewersAssignment_Is404WithoutReadingStorage()
    {
        using var result = await SaveAsync(Reviewer, Review(), AssignmentId.Format(RoundId, AppId, "0195a1b2-0000-7000-8000-00000000d999"));

        Assert.Equal(404, result.StatusCode);
    }

    [Fact]
    public async Task Save_ReviewerSteppedBack_Is404()
    {
        Stored(Assignment(recused: true));

        using var result = await SaveAsync(Reviewer, Review());

        Assert.Equal(404, result.StatusCode);
    }

    [Fact]
    public async Task Save_AlreadySubmitted_Is409()
    {
        Stored(Assignment(ReviewStatuses.Submitted));

        using var result = await SaveAsync(Reviewer, Review());

        Assert.Equal(409, result.StatusCode);
    }

    [Fact]
    public async Task Save_PartialDraft_StoresItUnderTheReadETagWithoutAuditing()
    {
        Stored(Assignment());
        Context();
        var actions = doubles.Commits(ReviewStores.AssignmentsTable);

        using var result = await SaveAsync(Reviewer, Review(capacity: null, amount: "40000.00"));

        Assert.Equal(200, result.StatusCode);
        Assert.Empty(AuditedActions(actions));
        var draft = Assert.Single(Written(actions));
        Assert.Equal(ReviewStatuses.Draft, draft.ReviewStatus);
        Assert.Equal("{\"relevance\":7}", draft.ScoresJson);
        Assert.Equal(4_000_000, draft.RecommendedMinor);
    }

    [Fact]
    public async Task Save_ScoreAboveTheCriterionsMaximum_Is400NamingTheCriterion()
    {
        Stored(Assignment());
        Context();

        using var result = await SaveAsync(Reviewer, Review(relevance: 11));

        Assert.Equal(400, result.StatusCode);
        Assert.Equal(["scores.relevance"], result.ErrorKeys);
    }

    [Fact]
    public async Task Save_RecommendingMoreThanRequested_Is400()
    {
        Stored(Assignment());
        Context();

        using var result = await SaveAsync(Reviewer, Review(amount: "45000.01"));

        Assert.Equal(400, result.StatusCode);
        Assert.Equal(["recommendedAmount.amount"], result.ErrorKeys);
    }

    [Fact]
    public async Task Save_UnknownRecommendation_Is400()
    {
        Stored(Assignment());
        Context();

        using var result = await SaveAsync(Reviewer, Review(recommendation: "yes"));

        Assert.Equal(["recommendation"], result.ErrorKeys);
    }

    [Fact]
    public async Task Save_DraftBeforeARecommendation_StoresItWithNoneChosen()
    {
        Stored(Assignment());
        Context();
        var actions = doubles.Commits(ReviewStores.AssignmentsTable);

        using var result = await SaveAsync(Reviewer, Review(capacity: null, recommendation: ""));

        Assert.Equal(200, result.StatusCode);
        var draft = Assert.Single(Written(actions));
        Assert.Equal((ReviewStatuses.Draft, string.Empty), (draft.ReviewStatus, draft.Recommendation));
    }

    [Fact]
    public async Task Save_SeveralFieldsWrong_NamesEveryOneInPlainWords()
    {
        Stored(Assignment());
        Context();

        using var result = await SaveAsync(Reviewer, Review(relevance: 11, recommendation: "yes", amount: "45000.01"));

        Assert.Equal(["recommendation", "recommendedAmount.amount", "scores.relevance"], result.ErrorKeys.Order(StringComparer.Ordinal));
        var recommendation = Assert.Single(result.ErrorsFor("recommendation"));
        Assert.DoesNotContain("do-not-fund", recommendation, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_NoRecommendationAndACriterionUnscored_NamesBothAtOnce()
    {
        var draft = Assignment(ReviewStatuses.Draft, scoresJson: "{\"relevance\":7}");
        draft.Recommendation = string.Empty;
        Stored(draft);
        Context();

        using var result = await SubmitAsync(Reviewer);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal(["recommendation", "scores.capacity"], result.ErrorKeys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Submit_CriterionLeftUnscored_Is400AndStaysADraft()
    {
        Stored(Assignment(ReviewStatuses.Draft, scoresJson: "{\"relevance\":7}"));
        Context();

        using var result = await SubmitAsync(Reviewer);

        Assert.Equal(400, result.StatusCode);
        Assert.Equal(["scores.capacity"], result.ErrorKeys);
    }

    [Fact]
    public async Task Submit_CompleteDraft_MakesItFinalAndAuditsIt()
    {
        Stored(Assignment(ReviewStatuses.Draft, scoresJson: "{\"relevance\":7,\"capacity\":4}"));
        Context();
        var actions = doubles.Commits(ReviewStores.AssignmentsTable);

        using var result = await SubmitAsync(Reviewer);

        Assert.Equal(200, result.StatusCode);
        var final = Assert.Single(Written(actions));
        Assert.Equal((ReviewStatuses.Submitted, (DateTimeOffset?)Now), (final.ReviewStatus, final.ReviewSubmittedAt));
        Assert.Equal(["review.submitted"], AuditedActions(actions));
    }

    [Fact]
    public async Task Submit_ChangedSinceRead_Is412AndAuditsNothing()
    {
        Stored(Assignment(ReviewStatuses.Draft, scoresJson: "{\"relevance\":7,\"capacity\":4}"));
        Context();
        Assignments
            .Setup(t => t.SubmitTransactionAsync(It.IsAny<IEnumerable<TableTransactionAction>>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(TransactionFailed(412));

        using var result = await SubmitAsync(Reviewer);

        Assert.Equal(412, result.StatusCode);
    }
}
