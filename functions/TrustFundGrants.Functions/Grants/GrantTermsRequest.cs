using TrustFundGrants.Domain;
using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Grants;

/// <summary>The agreement's terms as the Secretariat sets them; dates are yyyy-MM-dd.</summary>
public sealed record GrantTermsRequest(DateOnly StartDate, DateOnly EndDate, IReadOnlyList<TrancheRequest> Tranches, IReadOnlyList<ReportRequest> Reports)
{
    /// <summary>The schedules planned for <paramref name="grant"/>, or null with every field that is not sound in <paramref name="errors"/>.</summary>
    public (IReadOnlyList<PlannedTranche> Tranches, IReadOnlyList<PlannedReport> Reports)? Validate(GrantEntity grant, IDictionary<string, string[]> errors)
    {
        ArgumentNullException.ThrowIfNull(grant);
        ArgumentNullException.ThrowIfNull(errors);
        var currency = grant.CurrencyCode;
        var tranches = new List<RequestedTranche>();
        for (var i = 0; i < Tranches.Count; i++)
        {
            var t = Tranches[i];
            var amount = t.Amount?.Read(currency, $"tranches[{i}].amount", errors);
            tranches.Add(new RequestedTranche(new TranchePart(t.Percent, amount), t.DueDate));
        }

        if (errors.Count > 0)
        {
            return null;
        }

        var reports = Reports.Select(r => new RequestedReport(r.Kind, r.PeriodEnd, r.DueDate)).ToArray();
        return GrantTerms.Plan(new Money(grant.AmountMinor, currency), StartDate, EndDate, tranches, reports, errors);
    }
}

/// <summary>A tranche: a percentage of the grant or an amount, and the first day it may be paid.</summary>
public sealed record TrancheRequest(DateOnly DueDate, decimal? Percent = null, AmountJson? Amount = null);

/// <summary>A report: interim or final, the last day of the period it covers, and when it is due.</summary>
public sealed record ReportRequest(string Kind, DateOnly PeriodEnd, DateOnly DueDate);
