using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Rounds;

namespace TrustFundGrants.Functions.Applications;

/// <summary>An applicant starts a draft for their organisation in an open round.</summary>
public sealed class CreateApplication(Access access, RoundStore rounds, ApplicationStore applications, AuditLog audit, TimeProvider time)
{
    [Function(nameof(CreateApplication))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "rounds/{roundId}/applications")] HttpRequest request,
        string roundId,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Applicant);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        if (await rounds.FindAsync(roundId, cancellationToken) is not { } round)
        {
            return Problems.NotFound();
        }

        var now = time.GetUtcNow();
        if (RoundSchedule.StatusAt(round.OpensAt, round.ClosesAt, now) != RoundStatus.Open)
        {
            return Problems.Conflict($"This round takes applications from {RoundSchedule.InZone(round.OpensAt, round.TimeZone):yyyy-MM-dd HH:mm} to {RoundSchedule.InZone(round.ClosesAt, round.TimeZone):yyyy-MM-dd HH:mm} ({round.TimeZone}).");
        }

        var application = new ApplicationEntity
        {
            PartitionKey = round.RowKey,
            RowKey = Guid.CreateVersion7().ToString(),
            OrganisationId = caller.OrganisationId!,
            Currency = round.Currency,
            CreatedAt = now,
            UpdatedAt = now,
        };
        await applications.AddKeyAsync(application, cancellationToken);
        var entry = audit.Stage(application.PartitionKey, caller, "application.created", "application:" + application.RowKey, null, new { roundId, application.OrganisationId });
        application.ETag = (await audit.CommitAsync(applications.Client, [new TableTransactionAction(TableTransactionActionType.Add, application)], entry, cancellationToken))[0];
        request.HttpContext.Response.Headers.ETag = application.ETag.ToString("H");
        return TypedResults.Created($"/api/applications/{application.RowKey}", ApplicationView.From(application, []));
    }
}
