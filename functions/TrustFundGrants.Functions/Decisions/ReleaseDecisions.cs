using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Applications;
using TrustFundGrants.Functions.Applications.Submission;
using TrustFundGrants.Functions.Grants;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Decisions;

/// <summary>
/// Makes a round's held decisions known: each application takes its outcome as its status and its
/// decision email is owed through the outbox in the same transaction, so every applicant is told
/// exactly once. Releasing again only releases what was decided since.
/// </summary>
public sealed class ReleaseDecisions(Access access, RoundStore rounds, ApplicationStore applications, Outbox outbox, AuditLog audit)
{
    [Function(nameof(ReleaseDecisions))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rounds/{roundId}/decisions/release")] HttpRequest request,
        string roundId,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (await rounds.FindAsync(roundId, cancellationToken) is null)
        {
            return Problems.NotFound();
        }

        var held = new List<ApplicationEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {roundId} and Status eq {ApplicationStatus.Eligible} and DecisionReleased eq {false} and DecisionOutcome ne {string.Empty}");
        await foreach (var application in applications.Client.QueryAsync<ApplicationEntity>(filter, cancellationToken: cancellationToken))
        {
            held.Add(application);
        }

        var released = 0;
        foreach (var application in held)
        {
            application.Status = DecisionOutcome.StatusOnRelease(application.DecisionOutcome!);
            application.DecisionReleased = true;
            var email = outbox.Stage(roundId, ApplicationEmailMessage.Queue, new ApplicationEmailMessage(roundId, application.RowKey, ApplicationEmailMessage.Kinds.Decision));

            // Each release is its own transaction, so each carries its own entry, kept in the round's history.
            var entry = audit.Stage(roundId, caller, "decision.released", "round:" + roundId, null, new { applicationId = application.RowKey, application.Status });
            // An approval owes its grant with the same commit, so no released approval is ever left without one.
            var grant = application.Status == ApplicationStatus.Approved
                ? outbox.Stage(roundId, GrantCreationMessage.Queue, new GrantCreationMessage(roundId, application.RowKey))
                : null;
            try
            {
                List<TableTransactionAction> changes =
                [
                    new(TableTransactionActionType.UpdateReplace, application, application.ETag),
                    new(TableTransactionActionType.Add, email),
                ];
                if (grant is not null)
                {
                    changes.Add(new(TableTransactionActionType.Add, grant));
                }

                await audit.CommitAsync(applications.Client, changes, entry, cancellationToken);
            }
            catch (TableTransactionFailedException ex) when (ex.Status == StatusCodes.Status412PreconditionFailed)
            {
                // Changed meanwhile (a concurrent release, a late change of decision): the next release picks it up.
                continue;
            }

            released++;
        }

        return TypedResults.Ok(new { released, stillHeld = held.Count - released });
    }
}
