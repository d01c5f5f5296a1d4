using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace TrustFundGrants.Functions.Platform.Http;

/// <summary>
/// Reads a body that failed to bind once more, one top-level field at a time, so a validation problem
/// names every field that is unknown, missing, null where it may not be, or of the wrong type — not
/// only the first one the serializer met. Nested mistakes are named by their path within their field.
/// </summary>
internal static class RequestJsonFields
{
    /// <summary>Errors by field; empty when the body is not a JSON object this way can read (the caller then reports the serializer's own error).</summary>
    public static Dictionary<string, string[]> Check(ReadOnlyMemory<byte> json, Type type, JsonSerializerOptions options)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = options.MaxDepth });
        }
        catch (JsonException)
        {
            return errors;
        }

        using (document)
        {
            var info = options.GetTypeInfo(type);
            if (document.RootElement.ValueKind != JsonValueKind.Object || info.Kind != JsonTypeInfoKind.Object)
            {
                return errors;
            }

            var members = info.Properties.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
            var given = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var field in document.RootElement.EnumerateObject())
            {
                if (!members.TryGetValue(field.Name, out var member))
                {
                    errors[field.Name] = ["This field is not part of the request."];
                }
                else if (given.Add(member.Name) && ProblemOf(field.Value, member, options) is var (path, message))
                {
                    errors[member.Name + path] = [message];
                }
            }

            foreach (var member in info.Properties.Where(p => IsRequired(p) && !given.Contains(p.Name)))
            {
                errors[member.Name] = ["This field is required."];
            }
        }

        return errors;
    }

    private static (string Path, string Message)? ProblemOf(JsonElement value, JsonPropertyInfo member, JsonSerializerOptions options)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return AcceptsNull(member) ? null : (string.Empty, "This field must not be null.");
        }

        try
        {
            value.Deserialize(member.PropertyType, options);
            return null;
        }
        catch (JsonException ex)
        {
            // "$[2].amount" within the field "items" is "items[2].amount"; "$" is the field itself.
            var within = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? string.Empty : ex.Path[1..];
            return (within, RequestJson.Describe(ex));
        }
    }

    private static bool IsRequired(JsonPropertyInfo member) =>
        member.IsRequired || member.AssociatedParameter is { HasDefaultValue: false };

    private static bool AcceptsNull(JsonPropertyInfo member) =>
        member.AssociatedParameter?.IsNullable ?? member.IsSetNullable;
}
