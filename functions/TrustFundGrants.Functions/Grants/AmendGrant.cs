using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// Changes accepted terms, each change kept as an amendment. A no-cost extension (Secretariat) moves the
/// end date and every owed report's due date by the same days. A budget move applies at once when each
/// line changes by at most 10 %, or when the Secretariat makes it; the NGO's bigger moves wait for the Secretariat.
/// </summary>
public sealed class AmendGrant(Access access, IGrantStore grants, AuditLog audit, TimeProvider time)
{
    [Function(nameof(AmendGrant))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "grants/{id}/amendments")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat, Roles.Applicant);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var body = await RequestJson.ReadAsync<AmendmentRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var amendment = body.Value;
        var (file, problem) = await GrantRequests.ReadForChangeAsync(grants, request, caller, id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var grant = file!.Grant;
        if (grant.Status is not (GrantStatus.Active or GrantStatus.Suspended))
        {
            return Problems.Conflict($"This grant is {grant.Status}; amendments change the terms of an accepted, open grant.");
        }

        var errors = new Dictionary<string, string[]>();
        if (amendment.Validate(grant.CurrencyCode, errors) is not { } moves)
        {
            return Problems.Validation(errors);
        }

        var row = new AmendmentEntity
        {
            PartitionKey = id, Number = grant.AmendmentCount + 1, Kind = amendment.Kind, Reason = amendment.Reason.Trim(),
            ProposedById = caller.UserId, ProposedByEmail = caller.Email, ProposedAt = time.GetUtcNow(),
        };
        row.RowKey = AmendmentEntity.RowKeyFor(row.Number);
        grant.AmendmentCount = row.Number;
        var change = GrantChange.Of(grant, grant.ETag).Adding(row);
        var outcome = amendment.Kind == AmendmentRequest.Extension
            ? Extend(file, amendment.NewEndDate!.Value, row, caller, ref change)
            : Move(file, moves, row, caller, errors);
        if (outcome is not null)
        {
            return outcome;
        }

        return await GrantRequests.CommitAsync(grants, request, change, audit.Stage(id, caller, "grant.amended", "grant:" + id, null, new { row.Number, row.Kind, row.Status, row.ChangeJson }), cancellationToken);
    }

    private static IResult? Extend(GrantFile file, DateOnly newEnd, AmendmentEntity row, Caller caller, ref GrantChange change)
    {
        if (!caller.IsIn(Roles.Secretariat))
        {
            return Problems.Problem(StatusCodes.Status403Forbidden, "forbidden", "You do not have the role this needs.", "Only the Secretariat extends a grant; ask it to.");
        }

        var oldEnd = GrantRequests.ParseDay(file.Grant.EndDate);
        if (Extension.Check(oldEnd, newEnd) is { } refusal)
        {
            return Problems.Validation("newEndDate", refusal);
        }

        var days = newEnd.DayNumber - oldEnd.DayNumber;
        var moved = new List<(int, string, string)>();
        foreach (var report in file.Reports.Where(r => ReportStatus.Owed(r.Status)))
        {
            var from = report.DueOn;
            report.DueOn = GrantRequests.Day(GrantRequests.ParseDay(report.DueOn).AddDays(days));
            if (report.PeriodEnd == file.Grant.EndDate)
            {
                report.PeriodEnd = GrantRequests.Day(newEnd);
            }

            moved.Add((report.Number, from, report.DueOn));
            change = change.Replacing(report);
        }

        row.ChangeJson = AmendmentChanges.Extension(file.Grant.EndDate, GrantRequests.Day(newEnd), moved);
        row.Status = "Applied";
        (row.ApprovedByEmail, row.ApprovedAt) = (caller.Email, row.ProposedAt);
        file.Grant.EndDate = GrantRequests.Day(newEnd);
        return null;
    }

    private static IResult? Move(GrantFile file, IReadOnlyList<BudgetMove> moves, AmendmentEntity row, Caller caller, Dictionary<string, string[]> errors)
    {
        var lines = GrantBudget.Lines(file.Grant);
        var before = lines.Select(l => l.AmountMinor).ToArray();
        if (BudgetMoves.Apply(before, moves, errors) is not { } after)
        {
            return Problems.Validation(errors);
        }

        row.ChangeJson = AmendmentChanges.Moves(moves);
        if (BudgetMoves.WithinFreeShare(before, after) || caller.IsIn(Roles.Secretariat))
        {
            row.Status = "Applied";
            (row.ApprovedByEmail, row.ApprovedAt) = (caller.IsIn(Roles.Secretariat) ? caller.Email : null, caller.IsIn(Roles.Secretariat) ? row.ProposedAt : null);
            GrantBudget.Keep(file.Grant, lines.Select((l, i) => l with { AmountMinor = after[i] }).ToArray());
        }
        else
        {
            row.Status = "Pending";
        }

        return null;
    }
}
