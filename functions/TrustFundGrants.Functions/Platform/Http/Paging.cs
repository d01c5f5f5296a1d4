using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace TrustFundGrants.Functions.Platform.Http;

/// <summary>
/// <c>?limit=&amp;cursor=</c> for every list: the cursor is the storage continuation token, handed back
/// as it is, so clients walk every page and the server never stops at the first one.
/// </summary>
public sealed record Paging(int Limit, string? Cursor)
{
    public const int DefaultLimit = 25;
    public const int MaxLimit = 100;

    public static (Paging? Paging, Dictionary<string, string[]>? Errors) From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>();
        var limit = DefaultLimit;
        if (request.Query.TryGetValue("limit", out var rawLimit)
            && (!int.TryParse(rawLimit, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            errors["limit"] = [$"limit is a whole number from 1 to {MaxLimit}."];
        }

        var cursor = request.Query["cursor"].ToString();
        if (cursor.Length > 2048)
        {
            errors["cursor"] = ["This cursor is not one the API gave out."];
        }

        return errors.Count > 0 ? (null, errors) : (new Paging(limit, cursor.Length == 0 ? null : cursor), null);
    }
}

/// <summary>One page of a list and the cursor for the next, null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
