using System.Net;
using System.Text.Json;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Grants;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Grants;

/// <summary>The issue's "bad input and faults", each against real storage over real HTTP.</summary>
[Collection(RunnerCollection.Name)]
public sealed class GrantFaultTests(RunnerFixture runner)
{
    private HttpClient Client => runner.Client;

    [Fact]
    public async Task RequestPayment_TwentyAtOnce_OneRequestTheRestConflictAndOnePaymentInTheEnd()
    {
        var grant = await GrantSetup.ApprovedAsync(runner);
        await grant.ActiveAsync();
        var (_, _, etag) = await grant.GetAsync();

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ =>
            GrantSetup.Send(Client, grant.Secretariat, HttpMethod.Post, $"/api/grants/{grant.GrantId}/tranches/1/request", null, etag)));

        Assert.Single(answers, a => a.Status == HttpStatusCode.OK);
        Assert.All(answers.Where(a => a.Status != HttpStatusCode.OK), a => Assert.Equal(HttpStatusCode.Conflict, a.Status));
        var second = await GrantSetup.SecondSecretariatAsync(runner);
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(second, HttpMethod.Post, "/tranches/1/approve")).Status);
        var (_, _, approved) = await grant.GetAsync();
        var payments = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
            GrantSetup.Send(Client, grant.Secretariat, HttpMethod.Post, $"/api/grants/{grant.GrantId}/tranches/1/pay", new { reference = $"P-{i}", valueDate = Today() }, approved)));

        Assert.Single(payments, a => a.Status == HttpStatusCode.OK);
        var (_, paid, _) = await grant.GetAsync();
        Assert.Equal("18000.00", paid.GetProperty("totals").GetProperty("disbursed").GetProperty("amount").GetString());
        var ledger = (await GrantSetup.Json(Client, grant.Secretariat, HttpMethod.Get, $"/api/grants/{grant.GrantId}/ledger")).GetProperty("items");
        Assert.Single(ledger.EnumerateArray(), e => e.GetProperty("kind").GetString() == "disbursement");
    }

    [Fact]
    public async Task ApprovePayment_BySameMemberWhoRequested_RefusedAndNothingChanges()
    {
        var grant = await GrantSetup.ApprovedAsync(runner);
        await grant.ActiveAsync();
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Secretariat, HttpMethod.Post, "/tranches/1/request")).Status);
        var (_, before, etag) = await grant.GetAsync();

        var (status, problem, _) = await grant.ChangeAsync(grant.Secretariat, HttpMethod.Post, "/tranches/1/approve");

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("different Secretariat member", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var (_, after, etagAfter) = await grant.GetAsync();
        Assert.Equal(etag, etagAfter);
        Assert.Equal(before.GetProperty("tranches").ToString(), after.GetProperty("tranches").ToString());
    }

    [Fact]
    public async Task RecordPayment_SameReferenceRetriedWithTheOldETag_IsIdempotent_AnotherReferenceIsRefused()
    {
        var grant = await GrantSetup.ApprovedAsync(runner);
        await grant.ActiveAsync();
        var second = await GrantSetup.SecondSecretariatAsync(runner);
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Secretariat, HttpMethod.Post, "/tranches/1/request")).Status);
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(second, HttpMethod.Post, "/tranches/1/approve")).Status);
        var (_, _, etag) = await grant.GetAsync();
        var body = new { reference = "BANK-77", valueDate = Today() };

        // The answer to the first attempt is lost; the finance officer sends the same payment again.
        var first = await GrantSetup.Send(Client, grant.Secretariat, HttpMethod.Post, $"/api/grants/{grant.GrantId}/tranches/1/pay", body, etag);
        var retry = await GrantSetup.Send(Client, grant.Secretariat, HttpMethod.Post, $"/api/grants/{grant.GrantId}/tranches/1/pay", body, etag);
        var other = await GrantSetup.Send(Client, grant.Secretariat, HttpMethod.Post, $"/api/grants/{grant.GrantId}/tranches/1/pay", body with { reference = "BANK-78" }, retry.ETag);

        Assert.Equal(HttpStatusCode.OK, first.Status);
        Assert.Equal(HttpStatusCode.OK, retry.Status);
        Assert.Equal(first.ETag, retry.ETag);
        Assert.Equal(HttpStatusCode.Conflict, other.Status);
        Assert.Equal("18000.00", retry.Body.GetProperty("totals").GetProperty("disbursed").GetProperty("amount").GetString());
    }

    [Fact]
    public async Task Terms_NotAddingUpOrOutsideThePeriod_400NamingTheFieldAndNothingChanges()
    {
        var grant = await GrantSetup.ApprovedAsync(runner);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var (_, _, etag) = await grant.GetAsync();
        var notAddingUp = new
        {
            startDate = Day(today), endDate = Day(today.AddMonths(12)),
            tranches = new object[] { new { dueDate = Day(today), amount = new { amount = "20000.00", currency = "USD" } }, new { dueDate = Day(today), amount = new { amount = "20000.00", currency = "USD" } } },
            reports = new object[] { new { kind = "final", periodEnd = Day(today.AddMonths(12)), dueDate = Day(today.AddMonths(13)) } },
        };
        var outside = new
        {
            startDate = Day(today), endDate = Day(today.AddMonths(12)),
            tranches = new object[] { new { dueDate = Day(today.AddDays(-1)), percent = 60 }, new { dueDate = Day(today.AddMonths(13)), percent = 40 } },
            reports = new object[] { new { kind = "final", periodEnd = Day(today.AddMonths(12)), dueDate = Day(today.AddMonths(13)) } },
        };

        var (sum, sumProblem, _) = await GrantSetup.Send(Client, grant.Secretariat, HttpMethod.Put, $"/api/grants/{grant.GrantId}/terms", notAddingUp, etag);
        var (dates, datesProblem, _) = await GrantSetup.Send(Client, grant.Secretariat, HttpMethod.Put, $"/api/grants/{grant.GrantId}/terms", outside, etag);

        Assert.Equal(HttpStatusCode.BadRequest, sum);
        Assert.Contains("45000.00 USD", sumProblem.GetProperty("errors").GetProperty("tranches")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, dates);
        Assert.Equal(["tranches[0].dueDate", "tranches[1].dueDate"], datesProblem.GetProperty("errors").EnumerateObject().Select(p => p.Name).Order());
        var (_, after, etagAfter) = await grant.GetAsync();
        Assert.Equal(etag, etagAfter);
        Assert.Empty(after.GetProperty("tranches").EnumerateArray());
    }

    [Fact]
    public async Task Report_BadCountsOrUnknownBudgetLineOrContactDetails_400NamingTheField_AnotherNgoGets404()
    {
        var grant = await GrantSetup.ApprovedAsync(runner);
        await grant.ActiveAsync();
        var uri = $"/api/grants/{grant.GrantId}/reports/1";
        var (_, _, etag) = await grant.GetAsync(grant.Ngo);
        var negative = JsonSerializer.SerializeToNode(GrantSetup.Report(femaleAdults: -3))!;
        var fractional = JsonSerializer.SerializeToNode(GrantSetup.Report())!;
        fractional["peopleAssisted"]![1]!["count"] = 2.5;
        var unknownLine = JsonSerializer.SerializeToNode(GrantSetup.Report())!;
        unknownLine["expenditure"]![1]!["line"] = 7;
        var phone = GrantSetup.Report(activities: "Call our caseworker on +52 664 123 4567.");

        var answers = new Dictionary<string, (HttpStatusCode Status, JsonElement Body, string? ETag)>
        {
            ["peopleAssisted[0].count"] = await GrantSetup.Send(Client, grant.Ngo, HttpMethod.Put, uri, negative, etag),
            ["peopleAssisted[1].count"] = await GrantSetup.Send(Client, grant.Ngo, HttpMethod.Put, uri, fractional, etag),
            ["expenditure[1].line"] = await GrantSetup.Send(Client, grant.Ngo, HttpMethod.Put, uri, unknownLine, etag),
            ["narrative.activities"] = await GrantSetup.Send(Client, grant.Ngo, HttpMethod.Put, uri, phone, etag),
        };

        foreach (var (field, answer) in answers)
        {
            Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
            Assert.True(answer.Body.GetProperty("errors").TryGetProperty(field, out _), $"{field} not named: {answer.Body}");
        }

        Assert.Contains("phone number", answers["narrative.activities"].Body.GetProperty("errors").GetProperty("narrative.activities")[0].GetString(), StringComparison.Ordinal);
        var (_, _, etagAfter) = await grant.GetAsync(grant.Ngo);
        Assert.Equal(etag, etagAfter);
        var stranger = await grant.Application.NgoAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await GrantSetup.Send(Client, stranger, HttpMethod.Put, uri, GrantSetup.Report(), etag)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GrantSetup.Send(Client, stranger, HttpMethod.Get, $"/api/grants/{grant.GrantId}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await GrantSetup.Send(Client, stranger, HttpMethod.Get, uri)).Status);
    }

    [Fact]
    public async Task GrantCreation_DeliveredTwiceAndReleasedAgain_OneGrant_AndAnEmailMessageTwice_OneEmail()
    {
        var grant = await GrantSetup.ApprovedAsync(runner);
        var create = ActivatorUtilities.CreateInstance<CreateGrant>(runner.App.Services);
        var message = new GrantCreationMessage(grant.Application.RoundId, grant.GrantId);

        await create.Run(message, CancellationToken.None);
        await create.Run(message with { }, CancellationToken.None);
        using var again = await Client.SendAsync(grant.Secretariat.Bearer(HttpMethod.Post, $"/api/rounds/{grant.Application.RoundId}/decisions/release"));

        var tables = runner.App.Services.GetRequiredService<TableServiceClient>();
        var rows = tables.GetTableClient(GrantStore.Table).QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {grant.GrantId} and RowKey eq {GrantEntity.Row}"));
        Assert.Single(await rows.ToArrayAsync());
        // Audit entries are written from their outbox message; a second one would follow the first within moments.
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"grant:" + grant.GrantId} and Action eq {"grant.created"}");
        await Eventually.WaitFor(async () => (await tables.GetTableClient("audit").QueryAsync<TableEntity>(filter).ToArrayAsync()).Length, n => n >= 1, "the grant.created entry");
        await runner.QueuesDrainedAsync();
        Assert.Single(await tables.GetTableClient("audit").QueryAsync<TableEntity>(filter).ToArrayAsync());
        var listed = await GrantSetup.Json(Client, grant.Ngo, HttpMethod.Get, "/api/grants");
        Assert.Single(listed.GetProperty("items").EnumerateArray());

        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Secretariat, HttpMethod.Put, "/terms", GrantSetup.Terms())).Status);
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Secretariat, HttpMethod.Post, "/send")).Status);
        await Eventually.WaitFor(() => AgreementMails(grant.NgoEmail), n => n == 1, "the agreement email");
        var email = new GrantEmailMessage(grant.GrantId, GrantEmailMessage.Kinds.AgreementReady);
        var queue = runner.App.Services.GetRequiredService<QueueServiceClient>().GetQueueClient(GrantEmailMessage.Queue);
        var json = JsonSerializer.Serialize(email, JsonSerializerOptions.Web);
        await queue.SendMessageAsync(json);
        await queue.SendMessageAsync(json);
        await Eventually.WaitFor(() => AgreementMails(grant.NgoEmail), n => n == 2, "the redelivered email, once");
        await runner.QueuesDrainedAsync();
        Assert.Equal(2, await AgreementMails(grant.NgoEmail));
    }

    [Fact]
    public async Task PaymentsAwaitingApproval_ListsOnlyThoseAndForgetsThemOnceApproved()
    {
        var grant = await GrantSetup.ApprovedAsync(runner);
        await grant.ActiveAsync();
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(grant.Secretariat, HttpMethod.Post, "/tranches/1/request")).Status);

        Assert.True(await Listed("awaiting-approval", grant.GrantId));
        Assert.False(await Listed("awaiting-payment", grant.GrantId));
        Assert.Equal(HttpStatusCode.OK, (await grant.ChangeAsync(await GrantSetup.SecondSecretariatAsync(runner), HttpMethod.Post, "/tranches/1/approve")).Status);
        Assert.False(await Listed("awaiting-approval", grant.GrantId));
        Assert.True(await Listed("awaiting-payment", grant.GrantId));
        Assert.Equal(HttpStatusCode.Forbidden, (await GrantSetup.Send(Client, grant.Ngo, HttpMethod.Get, "/api/grants/payments?state=awaiting-payment")).Status);
    }

    private async Task<bool> Listed(string state, string grantId)
    {
        var items = (await GrantSetup.Json(Client, await runner.SecretariatAsync(), HttpMethod.Get, $"/api/grants/payments?state={state}&limit=100")).GetProperty("items");
        return items.EnumerateArray().Any(i => i.GetProperty("grantId").GetString() == grantId);
    }

    private async Task<int> AgreementMails(string email) =>
        (await SignIn.MailsToAsync(Client, email)).Count(m => m.GetProperty("subject").GetString()!.StartsWith("Grant agreement ready", StringComparison.Ordinal));

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static string Today() => Day(DateOnly.FromDateTime(DateTime.UtcNow));
}
