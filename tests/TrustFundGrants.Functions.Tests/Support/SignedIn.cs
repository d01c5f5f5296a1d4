using Azure;
using Azure.Data.Tables;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using TrustFundGrants.Functions.Platform.Audit;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Tests.Support;

/// <summary>Real session tokens and a request carrying one, so functions run their own access check in unit tests; no session has ended.</summary>
internal sealed class SignedIn
{
    private readonly IOptions<AuthOptions> options = Options.Create(new AuthOptions { SigningKey = Convert.ToBase64String(new byte[32]) });

    public SignedIn(Mock<TableServiceClient> tables, AuditLog audit, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(tables);
        Tokens = new SessionTokens(options, time);
        var ended = Ended;
        ended.Setup(t => t.QueryAsync<TableEntity>(It.IsAny<string>(), null, null, It.IsAny<CancellationToken>()))
            .Returns(() => AsyncPageable<TableEntity>.FromPages([Page<TableEntity>.FromValues([], null, Mock.Of<Response>())]));
        tables.Setup(t => t.GetTableClient(SessionRevocations.Table)).Returns(ended.Object);
        Revocations = new SessionRevocations(tables.Object, audit, time, options, NullLogger<SessionRevocations>.Instance);
    }

    public SessionTokens Tokens { get; }

    /// <summary>The ended-sessions table: empty to begin with; a test that ends sessions sets up its writes.</summary>
    public Mock<TableClient> Ended { get; } = new(MockBehavior.Strict);

    public SessionRevocations Revocations { get; }

    public Access Access => new(Tokens, Revocations, options);

    public HttpRequest Request(Caller caller, string method, string? json = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.Request.Headers.Authorization = "Bearer " + Tokens.Issue(caller).Token;
        if (json is not null)
        {
            context.Request.ContentType = "application/json";
            context.Request.Body = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        }

        return context.Request;
    }
}
