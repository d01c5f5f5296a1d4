using System.Net;
using System.Text.Json;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Grants;

/// <summary>A grant's whole life through the API: agreement, four-eyes payments, reports returned and accepted, close-out with a refund.</summary>
[Collection(RunnerCollection.Name)]
public sealed class GrantCycleTests(RunnerFixture runner)
{
    [Fact]
    public async Task Grant_FromReleaseToClose_PaysTwiceRefundsTheUnspentAndClosesWithTotalsEqualToTheLedger()
    {
        var grant = await GrantSetup.ApprovedAsync(runner);
        var (_, draft, _) = await grant.GetAsync();
        Assert.Equal("Draft", draft.GetProperty("status").GetString());
        Assert.Equal("45000.00", draft.GetProperty("amount").GetProperty("amount").GetString());
        Assert.Equal(["shelter", "legal"], draft.GetProperty("budget").EnumerateArray().Select(l => l.GetProperty("category").GetString()));

        await grant.ActiveAsync();
        var (_, active, _) = await grant.GetAsync(grant.Ngo);
        Assert.Equal("Active", active.GetProperty("status").GetString());
        Assert.Equal(["18000.00", "18000.00", "9000.00"], active.GetProperty("tranches").EnumerateArray().Select(t => t.GetProperty("amount").GetProperty("amount").GetString()));
        Assert.Equal(["Due", "Scheduled", "Scheduled"], Statuses(active));
        Assert.Equal("Ana Ruiz", active.GetProperty("acceptance").GetProperty("name").GetString());

        var second = await GrantSetup.SecondSecretariatAsync(runner);
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Secretariat, HttpMethod.Post, "/tranches/1/request")).Status);
        var (selfApproval, refusal, _) = await grant.ChangeAsync(grant.Secretariat, HttpMethod.Post, "/tranches/1/approve");
        Assert.Equal(HttpStatusCode.Forbidden, selfApproval);
        Assert.Equal("urn:trustfundgrants:problem:four-eyes", refusal.GetProperty("type").GetString());
        Assert.Equal("Requested", Statuses((await grant.GetAsync()).Body)[0]);
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(second, HttpMethod.Post, "/tranches/1/approve")).Status);
        var awaiting = await GrantSetup.Json(runner.Client, grant.Secretariat, HttpMethod.Get, "/api/grants/payments?state=awaiting-payment&limit=100");
        var item = awaiting.GetProperty("items").EnumerateArray().Single(i => i.GetProperty("grantId").GetString() == grant.GrantId);
        Assert.Equal(RunnerFixture.Secretariat, item.GetProperty("requestedBy").GetString());
        Assert.Equal(GrantSetup.SecondSecretariat, item.GetProperty("approvedBy").GetString());
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Secretariat, HttpMethod.Post, "/tranches/1/pay", new { reference = "PAY-" + grant.GrantId[..8], valueDate = Today() })).Status);

        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Ngo, HttpMethod.Put, "/reports/1", GrantSetup.Report())).Status);
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Ngo, HttpMethod.Post, "/reports/1/submit")).Status);
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Secretariat, HttpMethod.Post, "/reports/1/return", new { comments = "Split the legal aid by form of exploitation." })).Status);
        var (_, returned, _) = await GrantSetup.Send(runner.Client, grant.Ngo, HttpMethod.Get, $"/api/grants/{grant.GrantId}/reports/1");
        Assert.Equal("ReturnedForChanges", returned.GetProperty("status").GetString());
        Assert.Equal("Split the legal aid by form of exploitation.", returned.GetProperty("comments").GetString());
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Ngo, HttpMethod.Put, "/reports/1", GrantSetup.Report(femaleAdults: 15))).Status);
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Ngo, HttpMethod.Post, "/reports/1/submit")).Status);
        var (accepted, report, _) = await grant.ChangeAsync(grant.Secretariat, HttpMethod.Post, "/reports/1/accept");
        Assert.Equal(HttpStatusCode.OK, accepted);
        Assert.Equal(18, report.GetProperty("peopleTotal").GetInt64());
        Assert.Equal(["Paid", "Due", "Scheduled"], Statuses((await grant.GetAsync()).Body));
        await grant.PayAsync(runner, 2, "PAY2-" + grant.GrantId[..8]);

        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Ngo, HttpMethod.Put, "/reports/2", GrantSetup.Report(spentShelter: "15000.00", spentLegal: "3000.00"))).Status);
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Ngo, HttpMethod.Post, "/reports/2/submit")).Status);
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Secretariat, HttpMethod.Post, "/reports/2/accept")).Status);
        var (_, settled, _) = await grant.GetAsync();
        Assert.Equal("Active", settled.GetProperty("status").GetString());
        Assert.Equal("6000.00", settled.GetProperty("totals").GetProperty("refundOwed").GetProperty("amount").GetString());
        Assert.Equal(["Paid", "Paid", "Cancelled"], Statuses(settled));

        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Secretariat, HttpMethod.Post, "/refunds", new { amount = new { amount = "6000.00", currency = "USD" }, reference = "RET-1" })).Status);
        var (_, closed, _) = await grant.GetAsync();
        Assert.Equal("Closed", closed.GetProperty("status").GetString());
        var totals = closed.GetProperty("totals");
        Assert.Equal(("36000.00", "36000.00", "6000.00", "0.00"), (Amount(totals, "committed"), Amount(totals, "disbursed"), Amount(totals, "refunded"), Amount(totals, "balance")));

        var ledger = (await GrantSetup.Json(runner.Client, grant.Secretariat, HttpMethod.Get, $"/api/grants/{grant.GrantId}/ledger")).GetProperty("items").EnumerateArray().ToArray();
        Assert.Equal(["commitment", "disbursement", "disbursement", "adjustment", "refund"], ledger.Select(e => e.GetProperty("kind").GetString()));
        decimal Sum(params string[] kinds) => ledger.Where(e => kinds.Contains(e.GetProperty("kind").GetString())).Sum(e => decimal.Parse(e.GetProperty("amount").GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(36000m, Sum("commitment", "adjustment"));
        Assert.Equal(36000m, Sum("disbursement"));
        Assert.Equal(6000m, Sum("refund"));

        string[] subjects = ["Grant agreement ready to sign", "Tranche 1 paid", "Tranche 2 paid", "Report 1 returned for changes", "Report 1 accepted", "Report 2 accepted"];
        await Eventually.WaitFor(() => MailSubjects(grant.NgoEmail), s => subjects.All(x => s.Any(m => m.StartsWith(x, StringComparison.Ordinal))), "the grant's emails");
        await runner.QueuesDrainedAsync();
        var mails = await MailSubjects(grant.NgoEmail);
        Assert.All(subjects, x => Assert.Single(mails, m => m.StartsWith(x, StringComparison.Ordinal)));
    }

    private async Task<List<string>> MailSubjects(string email) =>
        [.. (await SignIn.MailsToAsync(runner.Client, email)).Select(m => m.GetProperty("subject").GetString()!)];

    private static string[] Statuses(JsonElement grant) => grant.GetProperty("tranches").EnumerateArray().Select(t => t.GetProperty("status").GetString()!).ToArray();

    private static string? Amount(JsonElement totals, string name) => totals.GetProperty(name).GetProperty("amount").GetString();

    private static string Today() => DateOnly.FromDateTime(DateTime.UtcNow).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
