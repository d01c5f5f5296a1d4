using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Concurrency;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Decisions;

/// <summary>
/// The Secretariat decides an eligible application. The decision is held (the applicant sees nothing)
/// until the round's decisions are released. Approvals can never add up beyond the envelope: a decision
/// that moves the round's approved total commits with the ledger under the ledger's ETag; one that
/// leaves it alone (a rejection of what was not approved) commits without touching it, so it never
/// collides with approvals elsewhere in the round. Both commit under the application's ETag.
/// </summary>
public sealed class DecideApplication(
    Access access, ApplicationStore applications, RoundStore rounds, AuditLog audit, ConflictRetry retry, TimeProvider time)
{
    [Function(nameof(DecideApplication))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "applications/{id}/decision")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var body = await RequestJson.ReadAsync<DecisionRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        return await retry.RunAsync(ct => DecideAsync(session.Caller, id, body.Value, ct), Problems.PreconditionFailed, cancellationToken);
    }

    /// <summary>One read-check-write; null when another change committed between the read and the write.</summary>
    private async Task<IResult?> DecideAsync(Caller caller, string id, DecisionRequest decision, CancellationToken cancellationToken)
    {
        if (await applications.FindAsync(id, cancellationToken) is not { } application)
        {
            return Problems.NotFound();
        }

        if (!ApplicationLifecycle.MayDecide(application.Status, application.DecisionReleased))
        {
            return Problems.Conflict($"This application is {application.Status}{(application.DecisionReleased ? " and its decision was released" : string.Empty)}; only eligible applications are decided.");
        }

        var round = await rounds.FindAsync(application.PartitionKey, cancellationToken) ?? throw new InvalidOperationException("The application's round is missing.");
        var currency = CurrencyCode.Parse(round.Currency);
        var errors = new Dictionary<string, string[]>();
        var amount = decision.Validate(currency, application.RequestedMinor, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var ledger = await RoundLedger.ReadAsync(applications.Client, application.PartitionKey, cancellationToken);
        var change = RoundLedgerRule.Apply(
            new Money(round.EnvelopeMinor, currency), new Money(ledger.ApprovedMinor, currency), new Money(application.ApprovedMinor ?? 0, currency), amount);
        if (!change.Fits)
        {
            // A type of its own with the amount as data, so a page can word it and offer the remainder.
            return Problems.Problem(
                StatusCodes.Status409Conflict,
                "envelope-exceeded",
                "The round's envelope would be exceeded.",
                $"This approval would exceed the round's envelope; {change.Remaining} remains.",
                new Dictionary<string, object?> { ["remaining"] = AmountJson.From(change.Remaining) });
        }

        var before = new { application.DecisionOutcome, application.ApprovedMinor };
        application.DecisionOutcome = decision.Outcome;
        application.ApprovedMinor = decision.Outcome == DecisionOutcome.Approved ? amount.MinorUnits : null;
        application.DecisionRationale = decision.Rationale.Trim();
        application.DecidedAt = time.GetUtcNow();
        var writes = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, application, application.ETag) };
        if (change.Changed)
        {
            writes.Add(ledger.WriteTotal(change.Total.MinorUnits));
        }

        var entry = audit.Stage(application.PartitionKey, caller, "decision.recorded", "application:" + id, before, new { application.DecisionOutcome, application.ApprovedMinor });
        if (!await Optimistic.TryCommitAsync(() => audit.CommitAsync(applications.Client, writes, entry, cancellationToken)))
        {
            return null;
        }

        var shown = application.ApprovedMinor is { } minor ? AmountJson.From(new Money(minor, currency)) : null;
        return TypedResults.Ok(new DecisionView(id, decision.Outcome, shown, application.DecisionRationale, Released: false));
    }
}


public sealed record DecisionView(string ApplicationId, string Outcome, AmountJson? ApprovedAmount, string Rationale, bool Released);
