using System.Net;
using Azure.Data.Tables;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Faults;

/// <summary>NGOs with complete drafts in one open round, and what "submitted exactly once" means for each of them.</summary>
internal sealed class Applicants(FaultFixture faults, IReadOnlyList<Applicant> all)
{
    private const string Acknowledgement = "Application received";
    private const string Screening = "Eligible for review";

    public IReadOnlyList<Applicant> All => all;

    /// <summary>Made before any fault, through the client that resends a 503, as a person's browser would.</summary>
    public static async Task<Applicants> ReadyAsync(FaultFixture faults, int count)
    {
        var secretariat = await faults.SecretariatAsync();
        var setup = await faults.SetUpAsync(() => ApplicationSetup.OpenRoundAsync(faults.SetupClient, secretariat));
        var all = new List<Applicant>();
        for (var i = 0; i < count; i++)
        {
            all.Add(await faults.SetUpAsync(async () =>
            {
                var ngo = await setup.NgoAsync();
                var id = await setup.ReadyAsync(ngo);
                using var me = await faults.SetupClient.SendAsync(ngo.Bearer(HttpMethod.Get, "/api/me"));
                return new Applicant(ngo, setup.RoundId, id, (await ApplicationSetup.Json(me)).GetProperty("email").GetString()!);
            }));
        }

        return new Applicants(faults, all);
    }

    /// <summary>Submits; on a 5xx or a broken connection tries again, as a person would, until the answer is 2xx.</summary>
    public async Task<HttpStatusCode?> SubmitUntilAcceptedAsync(Applicant applicant)
    {
        HttpStatusCode? first = null;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            HttpStatusCode status;
            try
            {
                using var response = await faults.Client.SendAsync(applicant.Ngo.Bearer(HttpMethod.Post, $"/api/applications/{applicant.ApplicationId}/submit"));
                status = response.StatusCode;
            }
            catch (HttpRequestException)
            {
                status = 0;
            }

            first ??= status;
            if (status == HttpStatusCode.Accepted)
            {
                return first;
            }

            Assert.True(status is 0 or HttpStatusCode.ServiceUnavailable, $"submit answered {(int)status}");
            Assert.True(DateTime.UtcNow < deadline, "submit never succeeded");
            await Task.Delay(300);
        }
    }

    /// <summary>
    /// Every applicant's application ends Eligible, with one acknowledgement, one screening email and one audit
    /// entry, whichever answer its first submit got. Where a fault struck between SendGrid accepting an email and its
    /// "sent" mark (<paramref name="emailWindow"/>), that one email may go twice, as EmailOnce says, after its claim
    /// times out; both copies then carry the same message id. Never a third copy, never a second message.
    /// </summary>
    public async Task AssertEachSubmittedOnceAsync(TimeSpan within, bool emailWindow = false)
    {
        foreach (var applicant in all)
        {
            await Eventually.WaitFor(
                () => SubjectsAsync(applicant),
                s => s.Any(x => x.StartsWith(Acknowledgement, StringComparison.Ordinal)) && s.Any(x => x.StartsWith(Screening, StringComparison.Ordinal)),
                $"{applicant.Email}'s acknowledgement and screening result",
                within);
        }

        // Long enough for a second copy of anything to have been sent.
        await Task.Delay(FaultFixture.QueueLease + TimeSpan.FromSeconds(1));
        foreach (var applicant in all)
        {
            var mails = await SignIn.MailsToAsync(faults.Client, applicant.Email);
            foreach (var kind in new[] { Acknowledgement, Screening })
            {
                var sent = mails.Where(m => m.GetProperty("subject").GetString()!.StartsWith(kind, StringComparison.Ordinal)).ToArray();
                var ids = sent.Select(m => m.GetProperty("messageId").GetString()).Distinct().ToArray();
                Assert.True(ids is [{ Length: > 0 }], $"{applicant.Email}: \"{kind}\" from {ids.Length} messages");
                Assert.InRange(sent.Length, 1, emailWindow ? 2 : 1);
            }

            // Read once the fault is over: what counts is the state, and a 503 here would be the machine's load.
            using var read = await faults.SetupClient.SendAsync(applicant.Ngo.Bearer(HttpMethod.Get, $"/api/applications/{applicant.ApplicationId}"));
            Assert.Equal("Eligible", (await ApplicationSetup.Json(read)).GetProperty("status").GetString());
            await Eventually.WaitFor(() => SubmissionAuditsAsync(applicant), n => n >= 1, $"{applicant.Email}'s submission audit entry");
            Assert.Equal(1, await SubmissionAuditsAsync(applicant));
        }
    }

    public async Task<int> SubmissionAuditsAsync(Applicant applicant)
    {
        var audit = new TableServiceClient(faults.StorageConnectionString).GetTableClient(AuditLog.Table);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {"application:" + applicant.ApplicationId} and Action eq {"application.submitted"}");
        var count = 0;
        await foreach (var _ in audit.QueryAsync<TableEntity>(filter, select: ["RowKey"]))
        {
            count++;
        }

        return count;
    }

    private async Task<string[]> SubjectsAsync(Applicant applicant) =>
        (await SignIn.MailsToAsync(faults.Client, applicant.Email)).Select(m => m.GetProperty("subject").GetString()!).ToArray();
}

internal sealed record Applicant(Session Ngo, string RoundId, string ApplicationId, string Email);
