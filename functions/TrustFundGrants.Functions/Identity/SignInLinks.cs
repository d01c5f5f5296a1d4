using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using TrustFundGrants.Functions.Platform.Auth;

namespace TrustFundGrants.Functions.Identity;

/// <summary>
/// One-time sign-in links. The token (32 random bytes) exists only in the email; storage keeps its
/// SHA-256 as the PartitionKey (RowKey "link"), so a leaked table cannot sign anyone in. Redeeming
/// deletes the row with its ETag: of two concurrent uses, exactly one wins.
/// </summary>
public sealed class SignInLinks(TableServiceClient tables, TimeProvider time, IOptions<AuthOptions> options)
{
    public const string Table = "signinlinks";

    private TableClient Client => tables.GetTableClient(Table);

    public async Task<string> CreateAsync(string normalizedEmail, CancellationToken cancellationToken)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var now = time.GetUtcNow();
        await Client.AddEntityAsync(
            new TableEntity(Hash(token), "link")
            {
                ["Email"] = normalizedEmail,
                ["CreatedAt"] = now,
                ["ExpiresAt"] = now + options.Value.SignInLinkLifetime,
            },
            cancellationToken);
        return token;
    }

    /// <summary>
    /// Who a valid, unused, unexpired link is for and when it stops working, without spending it: the
    /// portal shows "Continue as …" from this, so a link someone else forwarded signs nobody in unseen.
    /// </summary>
    public async Task<(string Email, DateTimeOffset ExpiresAt)?> PeekAsync(string token, CancellationToken cancellationToken)
    {
        var link = await FindAsync(token, cancellationToken);
        return link?.GetString("Email") is { } email && link.GetDateTimeOffset("ExpiresAt") is { } expires && time.GetUtcNow() <= expires
            ? (email, expires)
            : null;
    }

    /// <summary>The address a valid, unused, unexpired token was sent to; null otherwise. The token is spent either way.</summary>
    public async Task<string?> RedeemAsync(string token, CancellationToken cancellationToken)
    {
        if (await FindAsync(token, cancellationToken) is not { } link)
        {
            return null;
        }

        try
        {
            await Client.DeleteEntityAsync(link.PartitionKey, link.RowKey, link.ETag, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            return null;
        }

        return link.GetDateTimeOffset("ExpiresAt") is { } expires && time.GetUtcNow() <= expires ? link.GetString("Email") : null;
    }

    private async Task<TableEntity?> FindAsync(string token, CancellationToken cancellationToken)
    {
        // Ours are 32 bytes as unpadded base64url: anything else was never issued, so storage is not asked.
        if (token is not { Length: 43 } || !token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            return null;
        }

        var found = await Client.GetEntityIfExistsAsync<TableEntity>(Hash(token), "link", cancellationToken: cancellationToken);
        return found.HasValue ? found.Value : null;
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
