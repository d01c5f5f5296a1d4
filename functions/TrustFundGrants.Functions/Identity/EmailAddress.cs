using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;

namespace TrustFundGrants.Functions.Identity;

/// <summary>
/// Email addresses as identities: compared lower-cased and trimmed, and used as storage keys only
/// through their SHA-256, since an address may hold characters Table Storage forbids in keys.
/// </summary>
public static class EmailAddress
{
    public const int MaxLength = 254;

    public static string Normalize(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return email.Trim().ToLowerInvariant();
    }

    /// <summary>A plain address (no display name, no spaces or control characters), or why not.</summary>
    public static string? Problem(string? email)
    {
        if (string.IsNullOrWhiteSpace(email))
        {
            return "Enter an email address.";
        }

        var trimmed = email.Trim();
        if (trimmed.Length > MaxLength)
        {
            return $"An email address has at most {MaxLength} characters.";
        }

        return trimmed.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or ',' or ';')
            || !MailAddress.TryCreate(trimmed, out var parsed)
            || !string.Equals(parsed.Address, trimmed, StringComparison.Ordinal)
            || !parsed.Host.Contains('.', StringComparison.Ordinal)
            ? "Enter an email address like name@example.org."
            : null;
    }

    public static string Key(string normalizedEmail) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedEmail)));
}
