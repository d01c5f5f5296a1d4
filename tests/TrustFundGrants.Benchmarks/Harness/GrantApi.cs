using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>
/// The app's public API, used the way the integration tests use it (ApplicationSetup, SignIn): sign in
/// from the link in /_dev/mail.json, open a round as the Secretariat, register NGOs, make complete
/// drafts with their document. Everything here is preparation, never timed.
/// </summary>
internal sealed partial class GrantApi : IDisposable
{
    public const string SecretariatEmail = "admin@fund.example";
    public const string DocumentType = "budget";

    public static readonly byte[] Pdf = "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    public GrantApi(Uri baseAddress)
    {
        Client = NewClient(baseAddress);
        Mail = new MailBox(Client);
    }

    public HttpClient Client { get; }

    /// <summary>Every mail the runner captured, as seen by polling /_dev/mail.json.</summary>
    public MailBox Mail { get; }

    /// <summary>
    /// What the runner needs for these scenarios: a bootstrap Secretariat, and sign-in limits high
    /// enough for hundreds of NGOs signing in from one machine (the limits are per address and per client).
    /// </summary>
    public static Dictionary<string, string?> RunnerSettings() => new()
    {
        ["Secretariat:BootstrapEmails"] = SecretariatEmail,
        ["Auth:SignInsPerClient"] = "1000000",
        ["Auth:SignInsPerAddress"] = "1000",
        // Each NGO's X-Forwarded-For is its own network, as behind Azure's front end.
        ["Auth:TrustedProxies"] = "1",
    };

    /// <summary>A client of its own (own connection pool, keep-alive, no cookie jar), like a separate person's browser.</summary>
    public static HttpClient NewClient(Uri baseAddress) => new(new SocketsHttpHandler
    {
        UseCookies = false,
        UseProxy = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(10),
    })
    {
        BaseAddress = baseAddress,
        Timeout = TimeSpan.FromSeconds(100),
    };

    public static HttpRequestMessage Bearer(HttpMethod method, string uri, string token, object? json = null)
    {
        var request = new HttpRequestMessage(method, uri);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        if (json is not null)
        {
            request.Content = JsonContent.Create(json);
        }

        return request;
    }

    public async Task<string> SecretariatAsync(CancellationToken cancellationToken) =>
        (await SignInAsync([SecretariatEmail], 1, cancellationToken))[0];

    /// <summary>A fund and a round open now, closing in 30 days, asking for one PDF; returns the round's id.</summary>
    public async Task<string> OpenRoundAsync(string secretariat, CancellationToken cancellationToken)
    {
        using var fund = await SendAsync(Bearer(HttpMethod.Post, "/api/funds", secretariat, new { name = "Trust Fund", currency = "USD" }), HttpStatusCode.Created, cancellationToken);
        var fundId = (await JsonOf(fund, cancellationToken)).GetProperty("id").GetString();
        var now = DateTimeOffset.UtcNow;
        var round = JsonNode.Parse($$"""
            {
              "title": "Open call", "description": "Deadline rush benchmark",
              "opensAt": "{{now.AddMinutes(-1):O}}", "closesAt": "{{now.AddDays(30):O}}",
              "timeZone": "America/Mexico_City",
              "envelope": { "amount": "50000000.00", "currency": "USD" },
              "minGrant": { "amount": "20000.00", "currency": "USD" },
              "maxGrant": { "amount": "60000.00", "currency": "USD" },
              "maxDurationMonths": 24,
              "eligibility": [ { "id": "registered", "question": "Is the organisation registered?", "requiredAnswer": true } ],
              "criteria": [ { "id": "relevance", "title": "Relevance", "description": null, "weight": 1, "maxScore": 10 } ],
              "requiredDocuments": [ { "type": "{{DocumentType}}", "title": "Budget", "maxBytes": 1024, "contentTypes": ["application/pdf"] } ],
              "reviewersPerApplication": 2, "blindReview": false
            }
            """);
        using var created = await SendAsync(Bearer(HttpMethod.Post, $"/api/funds/{fundId}/rounds", secretariat, round), HttpStatusCode.Created, cancellationToken);
        return (await JsonOf(created, cancellationToken)).GetProperty("id").GetString()!;
    }

    /// <summary>
    /// Signs in <paramref name="count"/> new addresses and registers an organisation for each, at most
    /// <paramref name="parallel"/> at a time; returns each NGO's applicant session.
    /// </summary>
    public async Task<Ngo[]> NgosAsync(int count, int parallel, CancellationToken cancellationToken)
    {
        var emails = Enumerable.Range(0, count).Select(i => Fmt.Inv($"ngo-{i:D4}-{Guid.NewGuid():N}@example.org")).ToArray();
        var sessions = await SignInAsync(emails, parallel, cancellationToken);
        var ngos = new Ngo[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), Options(parallel, cancellationToken), async (i, ct) =>
        {
            using var response = await SendAsync(
                Bearer(HttpMethod.Post, "/api/organisations", sessions[i], new
                {
                    name = Fmt.Inv($"Casa Segura {i}"),
                    country = "MX",
                    registrationNumber = Fmt.Inv($"A-{i}"),
                    website = (string?)null,
                    contactEmail = "info@casa.example.org",
                }),
                HttpStatusCode.Created,
                ct);
            var body = await JsonOf(response, ct);
            ngos[i] = new Ngo(emails[i], body.GetProperty("session").GetProperty("token").GetString()!, body.GetProperty("organisation").GetProperty("id").GetString()!);
        });
        return ngos;
    }

    /// <summary>
    /// Asks for a link for each address (in batches, each from its own client address, as NGOs on their
    /// own networks would), reads the links from /_dev/mail.json once per batch and exchanges them.
    /// </summary>
    public async Task<string[]> SignInAsync(IReadOnlyList<string> emails, int parallel, CancellationToken cancellationToken)
    {
        var sessions = new string[emails.Count];
        // A batch's mails are all still in the runner's catcher (it keeps the newest 1000) when the batch reads them.
        var batch = Math.Max(parallel * 4, 1);
        for (var first = 0; first < emails.Count; first += batch)
        {
            var indexes = Enumerable.Range(first, Math.Min(batch, emails.Count - first)).ToArray();
            await Parallel.ForEachAsync(indexes, Options(parallel, cancellationToken), async (i, ct) =>
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/sign-in") { Content = JsonContent.Create(new { email = emails[i] }) };
                request.Headers.Add("X-Forwarded-For", Fmt.Inv($"10.{(i >> 16) & 255}.{(i >> 8) & 255}.{i & 255}"));
                using var response = await SendAsync(request, HttpStatusCode.Accepted, ct);
            });

            await Mail.RefreshAsync(cancellationToken);
            await Parallel.ForEachAsync(indexes, Options(parallel, cancellationToken), async (i, ct) =>
            {
                var link = Mail.To(emails[i]).LastOrDefault(m => m.Subject.Contains("sign-in link", StringComparison.Ordinal))
                    ?? throw new InvalidOperationException($"No sign-in mail reached {emails[i]}.");
                var token = TokenPattern().Match(link.Text).Groups[1].Value;
                using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/auth/session") { Content = JsonContent.Create(new { token }) }, HttpStatusCode.OK, ct);
                sessions[i] = (await JsonOf(response, ct)).GetProperty("token").GetString()!;
            });
        }

        return sessions;
    }

    /// <summary>A complete draft with its document, ready to submit: create, fill (If-Match), upload.</summary>
    public async Task<string> ReadyDraftAsync(Ngo ngo, string roundId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ngo);
        string id;
        string etag;
        using (var created = await SendAsync(Bearer(HttpMethod.Post, $"/api/rounds/{roundId}/applications", ngo.Token), HttpStatusCode.Created, cancellationToken))
        {
            id = (await JsonOf(created, cancellationToken)).GetProperty("id").GetString()!;
            etag = created.Headers.ETag!.ToString();
        }

        var save = Bearer(HttpMethod.Put, $"/api/applications/{id}", ngo.Token, CompleteDraft());
        save.Headers.TryAddWithoutValidation("If-Match", etag);
        using (await SendAsync(save, HttpStatusCode.OK, cancellationToken))
        {
        }

        var upload = Bearer(HttpMethod.Put, $"/api/applications/{id}/documents/{DocumentType}", ngo.Token);
        upload.Content = new ByteArrayContent(Pdf);
        upload.Content.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        upload.Content.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = "budget.pdf" };
        using (await SendAsync(upload, HttpStatusCode.Created, cancellationToken))
        {
        }

        return id;
    }

    /// <summary>Complete drafts for the given owners, at most <paramref name="parallel"/> in preparation at once.</summary>
    public async Task<Draft[]> ReadyDraftsAsync(IReadOnlyList<Ngo> owners, string roundId, int parallel, CancellationToken cancellationToken)
    {
        var drafts = new Draft[owners.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, owners.Count), Options(parallel, cancellationToken), async (i, ct) =>
            drafts[i] = new Draft(await ReadyDraftAsync(owners[i], roundId, ct), owners[i]));
        return drafts;
    }

    /// <summary>Every application of a round in a status, counted through the Secretariat's paged list.</summary>
    public async Task<int> CountAsync(string secretariat, string roundId, string status, CancellationToken cancellationToken)
    {
        var count = 0;
        string? cursor = null;
        do
        {
            var uri = $"/api/applications?roundId={roundId}&status={status}&limit=100" + (cursor is null ? string.Empty : "&cursor=" + Uri.EscapeDataString(cursor));
            using var response = await SendAsync(Bearer(HttpMethod.Get, uri, secretariat), HttpStatusCode.OK, cancellationToken);
            var page = await JsonOf(response, cancellationToken);
            count += page.GetProperty("items").GetArrayLength();
            cursor = page.TryGetProperty("nextCursor", out var next) ? next.GetString() : null;
        }
        while (cursor is not null);
        return count;
    }

    public static async Task<JsonElement> JsonOf(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return document.RootElement.Clone();
    }

    public void Dispose() => Client.Dispose();

    private static JsonObject CompleteDraft() => JsonNode.Parse("""
        {
          "title": "Safe houses in Tijuana", "summary": "Shelter and legal aid for survivors.",
          "requestedAmount": { "amount": "45000.00", "currency": "USD" }, "durationMonths": 18,
          "countries": ["MX"], "exploitationForms": ["sexual-exploitation", "forced-labour"], "targetGroups": ["women", "adolescents"],
          "plannedBeneficiaries": [ { "sex": "female", "ageGroup": "18-plus", "count": 120 }, { "sex": "female", "ageGroup": "under-18", "count": 30 } ],
          "budgetLines": [
            { "category": "shelter", "description": "Rent and utilities", "amount": { "amount": "30000.00", "currency": "USD" } },
            { "category": "legal", "description": "Lawyers' fees", "amount": { "amount": "15000.00", "currency": "USD" } }
          ],
          "eligibilityAnswers": { "registered": true }
        }
        """)!.AsObject();

    private static ParallelOptions Options(int parallel, CancellationToken cancellationToken) =>
        new() { MaxDegreeOfParallelism = parallel, CancellationToken = cancellationToken };

    /// <summary>Sends and insists on the expected status: preparation that goes wrong stops the scenario.</summary>
    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, HttpStatusCode expected, CancellationToken cancellationToken)
    {
        using (request)
        {
            var response = await Client.SendAsync(request, cancellationToken);
            if (response.StatusCode != expected)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken);
                response.Dispose();
                throw new InvalidOperationException(string.Create(
                    CultureInfo.InvariantCulture, $"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}, expected {(int)expected}: {body}"));
            }

            return response;
        }
    }

    [GeneratedRegex(@"#token=([A-Za-z0-9_\-]+)")]
    private static partial Regex TokenPattern();
}

/// <summary>A registered organisation's applicant: their address and their session (Applicant role, organisation id).</summary>
internal sealed record Ngo(string Email, string Token, string OrganisationId);

/// <summary>A complete draft ready to submit, and who may submit it.</summary>
internal sealed record Draft(string Id, Ngo Owner);
