using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace TrustFundGrants.LocalRunner.DevMail;

/// <summary>
/// A local stand-in for SendGrid's v3 <c>mail/send</c> (202 and the JSON kept) and the pages that show
/// what was sent: /_dev/mail for people (links clickable, so a sign-in link can be followed) and
/// /_dev/mail.json for tests. Only the LocalRunner maps these; Azure has no such routes.
/// </summary>
internal static partial class DevMailEndpoints
{
    public const string SendGridBase = "/_dev/sendgrid";

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapPost(SendGridBase + "/v3/mail/send", Send);
        app.MapGet("/_dev/mail.json", (MailCatcher mails) => Results.Json(mails.All.Select(m => new
        {
            m.Id,
            m.ReceivedAt,
            m.From,
            m.To,
            m.Subject,
            m.MessageId,
            m.Text,
            m.Html,
            m.Request,
        })));
        app.MapDelete("/_dev/mail", (MailCatcher mails) =>
        {
            mails.Clear();
            return Results.NoContent();
        });
        app.MapGet("/_dev/mail", (MailCatcher mails) => Results.Content(Page(mails.All), "text/html; charset=utf-8"));
    }

    private static async Task<IResult> Send(HttpContext context, MailCatcher mails, TimeProvider time)
    {
        if (!context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.Ordinal))
        {
            return SendGridErrors(StatusCodes.Status401Unauthorized, [(null, "The provided authorization grant is invalid, expired, or revoked")]);
        }

        JsonElement request;
        try
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            request = document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return SendGridErrors(StatusCodes.Status400BadRequest, [(null, "Bad Request")]);
        }

        var errors = SendGridRequestValidator.Validate(request);
        if (errors.Count > 0)
        {
            return SendGridErrors(StatusCodes.Status400BadRequest, errors.Select(e => ((string?)e.Field, e.Message)).ToArray());
        }

        var mail = mails.Add(request, time.GetUtcNow());
        context.Response.Headers["X-Message-Id"] = mail.Id;
        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    private static IResult SendGridErrors(int status, (string? Field, string Message)[] errors) =>
        Results.Json(new { errors = errors.Select(e => new { message = e.Message, field = e.Field, help = (string?)null }) }, statusCode: status);

    private static string Page(IReadOnlyList<CapturedMail> mails)
    {
        var html = new StringBuilder();
        html.Append("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">")
            .Append("<title>Local mail – TrustFundGrants</title><style>body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}")
            .Append("article{border:1px solid #767676;border-radius:4px;padding:1rem;margin:1rem 0}pre{white-space:pre-wrap;word-break:break-word}a{color:#0b57d0}</style></head><body>")
            .Append("<h1>Mail sent by the app</h1><p>Captured locally instead of going through SendGrid. Newest first. Also as <a href=\"/_dev/mail.json\">JSON</a>.</p>");
        if (mails.Count == 0)
        {
            html.Append("<p>No mail yet.</p>");
        }

        foreach (var mail in mails)
        {
            html.Append("<article><h2>").Append(WebUtility.HtmlEncode(mail.Subject)).Append("</h2><p>To ")
                .Append(WebUtility.HtmlEncode(string.Join(", ", mail.To))).Append(" from ").Append(WebUtility.HtmlEncode(mail.From))
                .Append(", <time datetime=\"").Append(mail.ReceivedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture)).Append("\">")
                .Append(mail.ReceivedAt.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture)).Append("</time>")
                .Append(mail.MessageId is null ? string.Empty : ", message id " + WebUtility.HtmlEncode(mail.MessageId)).Append("</p><pre>")
                .Append(Linkify(WebUtility.HtmlEncode(mail.Text ?? string.Empty))).Append("</pre></article>");
        }

        return html.Append("</body></html>").ToString();
    }

    // The text is already HTML-encoded, so a URL cannot carry markup into the href.
    private static string Linkify(string encoded) =>
        UrlPattern().Replace(encoded, m => $"<a href=\"{m.Value}\">{m.Value}</a>");

    [GeneratedRegex(@"https?://[^\s<>""]+", RegexOptions.CultureInvariant)]
    private static partial Regex UrlPattern();
}
