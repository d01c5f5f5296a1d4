using Azure.Data.Tables;

namespace TrustFundGrants.Functions.Identity;

/// <summary>
/// The language to email someone in: the one stored with their user (the portal's choice, see
/// <see cref="SetLanguage"/>), else the fallback the caller names (the language of the person whose
/// action sends it, e.g. the inviter of a new address), else English, the deployment's default.
/// </summary>
public sealed class UserLanguages(TableServiceClient tables)
{
    private static readonly string[] Columns = ["Language"];

    /// <summary>The stored language of an address, or null: no such user, or none stored yet.</summary>
    public async Task<string?> StoredAsync(string email, CancellationToken cancellationToken)
    {
        var address = EmailAddress.Normalize(email);
        var found = await tables.GetTableClient(UserStore.Table)
            .GetEntityIfExistsAsync<UserEntity>(EmailAddress.Key(address), UserEntity.Row, Columns, cancellationToken);
        return found.HasValue && found.Value?.Language is { } language && Languages.Problem(language) is null ? language : null;
    }

    public async Task<string> ForAsync(string email, string? fallback, CancellationToken cancellationToken) =>
        Languages.Or(await StoredAsync(email, cancellationToken) ?? fallback);
}
