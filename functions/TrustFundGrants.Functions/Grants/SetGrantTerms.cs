using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants;

/// <summary>
/// The Secretariat sets a draft grant's period, tranche schedule and reporting schedule, replacing any set
/// before. Only drafts: once sent, terms change by amendment alone.
/// </summary>
public sealed class SetGrantTerms(Access access, IGrantStore grants, AuditLog audit)
{
    [Function(nameof(SetGrantTerms))]
    public async Task<IResult> Run(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "grants/{id}/terms")] HttpRequest request,
        string id,
        CancellationToken cancellationToken)
    {
        var session = await access.RequireAsync(request, Roles.Secretariat);
        if (session.IsDenied)
        {
            return session.Denied;
        }

        var caller = session.Caller;

        var body = await RequestJson.ReadAsync<GrantTermsRequest>(request, cancellationToken);
        if (body.IsInvalid)
        {
            return body.Problem;
        }

        var (file, problem) = await GrantRequests.ReadForChangeAsync(grants, request, caller, id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var grant = file!.Grant;
        if (!GrantStatus.TermsEditable(grant.Status))
        {
            return Problems.Conflict($"This grant is {grant.Status}; its terms change only by amendment.");
        }

        var errors = new Dictionary<string, string[]>();
        if (body.Value.Validate(grant, errors) is not { } plan)
        {
            return Problems.Validation(errors);
        }

        var before = new { grant.StartDate, grant.EndDate, Tranches = file.Tranches.Count, Reports = file.Reports.Count };
        grant.StartDate = GrantRequests.Day(body.Value.StartDate);
        grant.EndDate = GrantRequests.Day(body.Value.EndDate);
        var change = GrantChange.Of(grant, grant.ETag);
        change = Schedule(change, file.Tranches, plan.Tranches.Select(t => Tranche(id, t)).ToArray());
        change = Schedule(change, file.Reports, plan.Reports.Select(r => Report(id, r)).ToArray());
        return await GrantRequests.CommitAsync(grants, request, change, audit.Stage(id, caller, "grant.terms-set", "grant:" + id, before, new { grant.StartDate, grant.EndDate, plan.Tranches, plan.Reports }), cancellationToken);
    }

    // Rows that exist are replaced under their ETag, new ones added, ones beyond the new schedule removed.
    private static GrantChange Schedule<T>(GrantChange change, IReadOnlyList<T> existing, IReadOnlyList<T> wanted)
        where T : class, ITableEntity
    {
        foreach (var row in wanted)
        {
            if (existing.FirstOrDefault(e => e.RowKey == row.RowKey) is { } old)
            {
                row.ETag = old.ETag;
                change = change.Replacing(row);
            }
            else
            {
                change = change.Adding(row);
            }
        }

        return change.Removing(existing.Where(e => wanted.All(w => w.RowKey != e.RowKey)).ToArray());
    }

    private static TrancheEntity Tranche(string grantId, PlannedTranche t) => new()
    {
        PartitionKey = grantId,
        RowKey = TrancheEntity.RowKeyFor(t.Number),
        Number = t.Number,
        AmountMinor = t.Amount.MinorUnits,
        DueOn = GrantRequests.Day(t.DueOn),
        AfterReport = t.AfterReport,
    };

    private static ReportEntity Report(string grantId, PlannedReport r) => new()
    {
        PartitionKey = grantId,
        RowKey = ReportEntity.RowKeyFor(r.Number),
        Number = r.Number,
        Kind = r.Kind,
        PeriodEnd = GrantRequests.Day(r.PeriodEnd),
        DueOn = GrantRequests.Day(r.DueOn),
    };
}
