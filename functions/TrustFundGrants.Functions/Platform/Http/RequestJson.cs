using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace TrustFundGrants.Functions.Platform.Http;

/// <summary>
/// Reads a JSON body into a request record and turns every way that can fail into a validation
/// problem naming the field. Functions read bodies through this rather than model binding, so
/// unknown fields, wrong types and missing required fields are refused the same way everywhere.
/// </summary>
public static class RequestJson
{
    public const long DefaultMaxBytes = 256 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        AllowTrailingCommas = false,
        NumberHandling = JsonNumberHandling.Strict,
        MaxDepth = 16,
    };

    public static async Task<Body<T>> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken, long maxBytes = DefaultMaxBytes)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return new Body<T>(null, Problems.PayloadTooLarge(maxBytes));
        }

        if (!IsJson(request.ContentType))
        {
            return Invalid<T>("$", "Send the body as application/json.");
        }

        // Held in memory (at most maxBytes) so that a body with a mistake can be read again field by field.
        using var buffer = new MemoryStream();
        try
        {
            await new LimitedStream(request.Body, maxBytes).CopyToAsync(buffer, cancellationToken);
        }
        catch (LimitedStream.TooLargeException)
        {
            return new Body<T>(null, Problems.PayloadTooLarge(maxBytes));
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options);
            return value is null ? Invalid<T>("$", "The body must be a JSON object.") : new Body<T>(value, null);
        }
        catch (JsonException ex)
        {
            // The serializer stops at the first problem; a person correcting a form wants all of them at once.
            var every = RequestJsonFields.Check(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), typeof(T), Options);
            return every.Count > 0 ? new Body<T>(null, Problems.Validation(every)) : Invalid<T>(FieldOf(ex.Path), Describe(ex));
        }
    }

    private static bool IsJson(string? contentType) =>
        contentType is not null
        && (contentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase)
            || contentType.Contains("+json", StringComparison.OrdinalIgnoreCase));

    // "$.budgetLines[2].amount" reads better to a person as "budgetLines[2].amount".
    internal static string FieldOf(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "$" : path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path;

    // System.Text.Json's messages name .NET types; say what the client can act on instead.
    internal static string Describe(JsonException ex)
    {
        var message = ex.Message;
        if (message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            return "This field is not part of the request.";
        }

        if (message.Contains("missing required properties", StringComparison.Ordinal))
        {
            return "Required fields are missing: " + MissingProperties(message) + ".";
        }

        if (message.Contains("doesn't allow", StringComparison.Ordinal) && message.Contains("null", StringComparison.Ordinal))
        {
            return "This field must not be null.";
        }

        if (ex.InnerException is InvalidOperationException or FormatException || message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return "This field has the wrong type or format.";
        }

        return "The body is not valid JSON.";
    }

    private static string MissingProperties(string message)
    {
        var start = message.IndexOf(':', StringComparison.Ordinal);
        var end = message.IndexOf('.', start + 1);
        return start < 0 ? "see the API description" : message[(start + 1)..(end < 0 ? message.Length : end)].Trim();
    }

    private static Body<T> Invalid<T>(string field, string message)
        where T : class => new(null, Problems.Validation(field, message));
}

/// <summary>
/// A request body, or the problem that explains why there is none. After
/// <c>if (body.IsInvalid) return body.Problem;</c> the compiler knows <see cref="Value"/> is not null.
/// </summary>
public sealed class Body<T>
    where T : class
{
    public Body(T? value, IResult? problem)
    {
        if ((value is null) == (problem is null))
        {
            throw new ArgumentException("A body has either a value or a problem.");
        }

        (Value, Problem) = (value, problem);
    }

    public T? Value { get; }

    public IResult? Problem { get; }

    [MemberNotNullWhen(true, nameof(Problem))]
    [MemberNotNullWhen(false, nameof(Value))]
    public bool IsInvalid => Problem is not null;
}
