using System.Diagnostics.CodeAnalysis;
using Azure;
using Azure.Core;

namespace TrustFundGrants.Functions.Tests.Support;

/// <summary>A storage response with a status and, optionally, an ETag header: what a transaction answers per action.</summary>
internal sealed class StubResponse(int status = 204, string? etag = null) : Response
{
    public override int Status => status;

    public override string ReasonPhrase => string.Empty;

    public override Stream? ContentStream { get; set; }

    public override string ClientRequestId { get; set; } = string.Empty;

    public override void Dispose()
    {
    }

    protected override bool ContainsHeader(string name) => TryGetHeader(name, out _);

    protected override IEnumerable<HttpHeader> EnumerateHeaders() =>
        etag is null ? [] : [new HttpHeader("ETag", etag)];

    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = string.Equals(name, "ETag", StringComparison.OrdinalIgnoreCase) ? etag : null;
        return value is not null;
    }

    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = TryGetHeader(name, out var value) ? [value] : null;
        return values is not null;
    }

    /// <summary>What SubmitTransactionAsync answers: one response per action.</summary>
    public static Response<IReadOnlyList<Response>> Transaction(params Response[] responses) =>
        Response.FromValue<IReadOnlyList<Response>>(responses, new StubResponse(202));
}
