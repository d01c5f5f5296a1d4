using System.Collections.Concurrent;
using System.Text.Json;

namespace TrustFundGrants.LocalRunner.DevMail;

/// <summary>
/// Mail the app sent through SendGrid while running locally, newest first, held in memory
/// (bounded, so a long session cannot grow without end).
/// </summary>
public sealed class MailCatcher
{
    private const int Capacity = 1000;
    private readonly ConcurrentQueue<CapturedMail> mails = new();

    public IReadOnlyList<CapturedMail> All => mails.Reverse().ToArray();

    public CapturedMail Add(JsonElement request, DateTimeOffset receivedAt)
    {
        var mail = CapturedMail.Parse(request, receivedAt);
        mails.Enqueue(mail);
        while (mails.Count > Capacity && mails.TryDequeue(out _))
        {
        }

        return mail;
    }

    public void Clear() => mails.Clear();
}

/// <summary>
/// One captured <c>mail/send</c> request: what a person would see, the app's <c>custom_args.message_id</c> (the same
/// on every send of one email, as SendGrid's activity feed would show it), plus the raw request.
/// </summary>
public sealed record CapturedMail(
    string Id,
    DateTimeOffset ReceivedAt,
    string From,
    IReadOnlyList<string> To,
    string Subject,
    string? MessageId,
    string? Text,
    string? Html,
    JsonElement Request)
{
    public static CapturedMail Parse(JsonElement request, DateTimeOffset receivedAt)
    {
        var personalizations = request.GetProperty("personalizations").EnumerateArray().ToArray();
        var to = personalizations
            .SelectMany(p => p.TryGetProperty("to", out var list) ? list.EnumerateArray() : Enumerable.Empty<JsonElement>())
            .Select(a => a.GetProperty("email").GetString() ?? string.Empty)
            .ToArray();
        var subject = personalizations.Select(p => p.TryGetProperty("subject", out var s) ? s.GetString() : null).FirstOrDefault(s => s is not null)
            ?? (request.TryGetProperty("subject", out var top) ? top.GetString() : null) ?? string.Empty;
        return new CapturedMail(
            Guid.CreateVersion7().ToString("N"),
            receivedAt,
            request.GetProperty("from").GetProperty("email").GetString() ?? string.Empty,
            to,
            subject,
            request.TryGetProperty("custom_args", out var args) && args.ValueKind == JsonValueKind.Object
                && args.TryGetProperty("message_id", out var id) ? id.GetString() : null,
            Content(request, "text/plain"),
            Content(request, "text/html"),
            request.Clone());
    }

    private static string? Content(JsonElement request, string type) =>
        request.TryGetProperty("content", out var content)
            ? content.EnumerateArray()
                .Where(c => string.Equals(c.GetProperty("type").GetString(), type, StringComparison.OrdinalIgnoreCase))
                .Select(c => c.GetProperty("value").GetString())
                .FirstOrDefault()
            : null;
}
