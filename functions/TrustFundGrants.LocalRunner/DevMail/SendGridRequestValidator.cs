using System.Text.Json;

namespace TrustFundGrants.LocalRunner.DevMail;

/// <summary>
/// The checks SendGrid's v3 mail/send makes before it accepts a message, so a mail the app builds
/// wrongly fails here as it would in production rather than passing locally.
/// </summary>
internal static class SendGridRequestValidator
{
    public static IReadOnlyList<(string Field, string Message)> Validate(JsonElement request)
    {
        var errors = new List<(string, string)>();
        if (request.ValueKind != JsonValueKind.Object)
        {
            return [("body", "The request body must be a JSON object.")];
        }

        if (!request.TryGetProperty("personalizations", out var personalizations)
            || personalizations.ValueKind != JsonValueKind.Array || personalizations.GetArrayLength() == 0)
        {
            errors.Add(("personalizations", "The personalizations field is required and must have at least one personalization."));
        }
        else
        {
            var index = 0;
            foreach (var p in personalizations.EnumerateArray())
            {
                if (!p.TryGetProperty("to", out var to) || to.ValueKind != JsonValueKind.Array || to.GetArrayLength() == 0
                    || to.EnumerateArray().Any(a => !HasEmail(a)))
                {
                    errors.Add(($"personalizations.{index}.to", "Each personalization needs a to array of addresses with an email."));
                }

                index++;
            }
        }

        if (!request.TryGetProperty("from", out var from) || !HasEmail(from))
        {
            errors.Add(("from.email", "The from object must be provided for every email send. It is an object that requires the email parameter."));
        }

        var hasTemplate = request.TryGetProperty("template_id", out _);
        if (!hasTemplate && !HasSubject(request, personalizations))
        {
            errors.Add(("subject", "The subject is required. You can get around this requirement if you use a template with a subject defined or if every personalization has a subject defined."));
        }

        if (!hasTemplate && (!request.TryGetProperty("content", out var content) || content.ValueKind != JsonValueKind.Array
            || !content.EnumerateArray().Any(c => c.TryGetProperty("value", out var v) && v.GetString() is { Length: > 0 })))
        {
            errors.Add(("content", "Unless a valid template_id is provided, the content parameter is required. There must be at least one defined content block."));
        }

        // SendGrid takes custom_args only as an object of string values (and echoes them in its activity feed and events).
        if (request.TryGetProperty("custom_args", out var customArgs)
            && (customArgs.ValueKind != JsonValueKind.Object || customArgs.EnumerateObject().Any(a => a.Value.ValueKind != JsonValueKind.String)))
        {
            errors.Add(("custom_args", "custom_args must be an object whose values are strings."));
        }

        return errors;
    }

    private static bool HasEmail(JsonElement address) =>
        address.ValueKind == JsonValueKind.Object && address.TryGetProperty("email", out var email)
        && email.GetString() is { } text && text.Contains('@', StringComparison.Ordinal);

    private static bool HasSubject(JsonElement request, JsonElement personalizations) =>
        (request.TryGetProperty("subject", out var subject) && subject.GetString() is { Length: > 0 })
        || (personalizations.ValueKind == JsonValueKind.Array && personalizations.GetArrayLength() > 0
            && personalizations.EnumerateArray().All(p => p.TryGetProperty("subject", out var s) && s.GetString() is { Length: > 0 }));
}
