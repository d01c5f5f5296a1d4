using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Decisions;

/// <summary>
/// The Secretariat decides an eligible application. The decision is held (the applicant sees nothing)
/// until the round's decisions are released. Approvals can never add up beyond the envelope: the
/// decision and the round's ledger commit together under the ledger's ETag, retried on a race.
/// </summary>
public sealed class DecideApplication(Access access, ApplicationStore applications, RoundStore rounds, AuditLog audit, TimeProvider time)
{
    private static readonly Dictionary<string, string> Outcomes = new(StringComparer.Ordinal)
    {
        ["approved"] = ApplicationStatus.Approved,
        ["rejected"] = ApplicationStatus.Rejected,
        ["waitlisted"] = ApplicationStatus.Waitlisted,
    };

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

        var caller = session.Caller;

        var body = await RequestJson.ReadAsync<DecisionRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        for (var attempt = 0; attempt < 10; attempt++)
        {
            if (await applications.FindAsync(id, cancellationToken) is not { } application)
            {
                return Problems.NotFound();
            }

            if (application.Status != ApplicationStatus.Eligible || application.DecisionReleased)
            {
                return Problems.Conflict($"This application is {application.Status}{(application.DecisionReleased ? " and its decision was released" : string.Empty)}; only eligible applications are decided.");
            }

            var round = await rounds.FindAsync(application.PartitionKey, cancellationToken) ?? throw new InvalidOperationException("The application's round is missing.");
            var currency = CurrencyCode.Parse(round.Currency);
            var decision = body.Value;
            var errors = new Dictionary<string, string[]>();
            Money? approved = null;
            if (!Outcomes.ContainsKey(decision.Outcome))
            {
                errors["outcome"] = ["Decide approved, rejected or waitlisted."];
            }
            else if (decision.Outcome == "approved")
            {
                approved = decision.ApprovedAmount?.Read(currency, "approvedAmount", errors);
                if (decision.ApprovedAmount is null)
                {
                    errors["approvedAmount"] = ["An approval names the amount."];
                }
                else if (approved is { MinorUnits: <= 0 })
                {
                    errors["approvedAmount.amount"] = ["Approve an amount above zero."];
                }
                else if (approved is { } amount && amount.MinorUnits > (application.RequestedMinor ?? 0))
                {
                    errors["approvedAmount.amount"] = [$"Approve at most the requested {new Money(application.RequestedMinor ?? 0, currency)}."];
                }
            }
            else if (decision.ApprovedAmount is not null)
            {
                errors["approvedAmount"] = ["Only an approval names an amount."];
            }

            if (string.IsNullOrWhiteSpace(decision.Rationale) || decision.Rationale.Trim().Length > 4000)
            {
                errors["rationale"] = ["Give the panel's reasoning (up to 4,000 characters); the applicant reads it when decisions are released."];
            }

            if (errors.Count > 0)
            {
                return Problems.Validation(errors);
            }

            var ledgerRead = await applications.Client.GetEntityIfExistsAsync<RoundLedger>(application.PartitionKey, RoundLedger.Row, cancellationToken: cancellationToken);
            var ledger = ledgerRead.HasValue ? ledgerRead.Value! : new RoundLedger { PartitionKey = application.PartitionKey };
            var total = ledger.ApprovedMinor - (application.ApprovedMinor ?? 0) + (approved?.MinorUnits ?? 0);
            if (total > round.EnvelopeMinor)
            {
                var remaining = new Money(round.EnvelopeMinor - (ledger.ApprovedMinor - (application.ApprovedMinor ?? 0)), currency);
                // A type of its own with the amount as data, so a page can word it and offer the remainder.
                return Problems.Problem(
                    StatusCodes.Status409Conflict,
                    "envelope-exceeded",
                    "The round's envelope would be exceeded.",
                    $"This approval would exceed the round's envelope; {remaining} remains.",
                    new Dictionary<string, object?> { ["remaining"] = AmountJson.From(remaining) });
            }

            var before = new { application.DecisionOutcome, application.ApprovedMinor };
            ledger.ApprovedMinor = total;
            application.DecisionOutcome = decision.Outcome;
            application.ApprovedMinor = approved?.MinorUnits;
            application.DecisionRationale = decision.Rationale.Trim();
            application.DecidedAt = time.GetUtcNow();
            var entry = audit.Stage(application.PartitionKey, caller, "decision.recorded", "application:" + id, before, new { application.DecisionOutcome, application.ApprovedMinor });
            try
            {
                await audit.CommitAsync(
                    applications.Client,
                    [
                        new TableTransactionAction(TableTransactionActionType.UpdateReplace, application, application.ETag),
                        ledgerRead.HasValue
                            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, ledger, ledger.ETag)
                            : new TableTransactionAction(TableTransactionActionType.Add, ledger),
                    ],
                    entry,
                    cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status is StatusCodes.Status412PreconditionFailed or StatusCodes.Status409Conflict)
            {
                // Another decision in this round committed first: read the new total and judge again.
                continue;
            }

            return TypedResults.Ok(new DecisionView(id, decision.Outcome, approved is { } a ? AmountJson.From(a) : null, application.DecisionRationale, Released: false));
        }

        return Problems.PreconditionFailed();
    }
}

public sealed record DecisionRequest(string Outcome, string Rationale, AmountJson? ApprovedAmount = null);

public sealed record DecisionView(string ApplicationId, string Outcome, AmountJson? ApprovedAmount, string Rationale, bool Released);
