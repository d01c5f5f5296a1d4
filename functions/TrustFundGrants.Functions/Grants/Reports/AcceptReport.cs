using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Grants.Reports;

/// <summary>
/// The Secretariat accepts a submitted report. Its spending joins the grant's spent figures, and the
/// tranche that waited for it falls due (if its day has come). Accepting the final report settles the
/// grant (<see cref="CloseOutPlan"/>): what is still owed becomes due, what never will be is released
/// from the commitment, unspent money paid out becomes a refund owed, and the grant closes when nothing is left.
/// </summary>
public sealed class AcceptReport(Access access, IGrantStore grants, Outbox outbox, AuditLog audit, TimeProvider time)
{
    [Function(nameof(AcceptReport))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "grants/{id}/reports/{number}/accept")] HttpRequest request,
        string id,
        string number,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var (read, problem) = await GrantRequests.ReadForChangeAsync(grants, request, caller, id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var file = read!;
        if (ReportSteps.Find(file, number) is not { } report)
        {
            return Problems.NotFound();
        }

        if ((ReportSteps.RequireOpenGrant(file.Grant) ?? (report.Status == ReportStatus.Submitted ? null : Problems.Conflict($"This report is {report.Status}; only a submitted report is accepted."))) is { } refused)
        {
            return refused;
        }

        var grant = file.Grant;
        var now = time.GetUtcNow();
        (report.Status, report.DecidedAt, report.DecidedByEmail) = (ReportStatus.Accepted, now, caller.Email);
        var spent = GrantBudget.Spent(grant);
        foreach (var line in JsonSerializer.Deserialize<ExpenditureLine[]>(report.ExpenditureJson, JsonSerializerOptions.Web) ?? [])
        {
            spent[line.Line] += line.ActualMinor;
        }

        GrantBudget.KeepSpent(grant, spent);
        var change = GrantChange.Of(grant, grant.ETag).Replacing(report).Owing(
            outbox.Stage(id, GrantEmailMessage.Queue, new GrantEmailMessage(id, GrantEmailMessage.Kinds.ReportAccepted, report.Number)),
            outbox.Stage(id, ProjectionEvent.Queue, new ProjectionEvent(ProjectionEvent.ReportAccepted, grant.FundId, id, now)));
        var settled = report.Kind == GrantTerms.Final
            ? CloseOut(file, change, spent.Sum(), now, caller.Email)
            : NextTrancheDue(file, change, report.Number);
        if (settled is null)
        {
            return Problems.Conflict("A payment of this grant is requested or approved: record it paid before accepting the final report.");
        }

        return await ReportSteps.CommitAsync(grants, request, settled, report.Number, audit.Stage(id, caller, "report.accepted", "grant:" + id, new { report.Number, Status = ReportStatus.Submitted }, new { report.Number, report.Status, GrantStatus = grant.Status, grant.RefundOwedMinor }), cancellationToken);
    }

    private GrantChange NextTrancheDue(GrantFile file, GrantChange change, int report)
    {
        var tranche = file.Tranches.FirstOrDefault(t => t.AfterReport == report && t.Status == TrancheStatus.Scheduled);
        if (tranche is not null && TrancheRules.FallsDue(GrantRequests.ParseDay(tranche.DueOn), GrantRequests.Today(time), reportAccepted: true))
        {
            tranche.Status = TrancheStatus.Due;
            change = change.Replacing(tranche);
        }

        return change;
    }

    private GrantChange? CloseOut(GrantFile file, GrantChange change, long spent, DateTimeOffset now, string by)
    {
        if (file.Tranches.Any(t => t.Status is TrancheStatus.Requested or TrancheStatus.Approved))
        {
            return null;
        }

        var grant = file.Grant;
        var plan = CloseOutPlan.For(grant.Totals, spent);
        var remaining = file.Tranches.Where(t => t.Status is TrancheStatus.Scheduled or TrancheStatus.Due).OrderBy(t => t.Number).ToArray();
        for (var i = 0; i < remaining.Length; i++)
        {
            var tranche = remaining[i];
            if (i == 0 && plan.PayNowMinor > 0)
            {
                tranche.AmountMinor = plan.PayNowMinor;
                tranche.Status = TrancheRules.FallsDue(GrantRequests.ParseDay(tranche.DueOn), GrantRequests.Today(time), reportAccepted: true) ? TrancheStatus.Due : TrancheStatus.Scheduled;
            }
            else
            {
                tranche.Status = TrancheStatus.Cancelled;
            }

            change = change.Replacing(tranche);
        }

        if (plan.ReleaseMinor > 0)
        {
            change = GrantLedgerWrites.Append(change, LedgerKind.Adjustment, -plan.ReleaseMinor, now, by, "Released at close-out: not spent, never paid", null, null)
                ?? throw new InvalidOperationException("Close-out released more than the balance.");
        }

        grant.RefundOwedMinor = plan.RefundOwedMinor;
        grant.FinalReportAccepted = true;
        GrantClosing.CloseIfSettled(file);
        return change;
    }
}
