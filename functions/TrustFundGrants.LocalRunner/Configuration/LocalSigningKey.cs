using System.Security.Cryptography;

namespace TrustFundGrants.LocalRunner.Configuration;

/// <summary>
/// A session-signing key for this machine only, made on first run and kept in .data/ (never
/// committed) so local sessions survive a restart. Azure takes its key from Key Vault instead.
/// </summary>
internal static class LocalSigningKey
{
    public static string Read(RunnerPaths paths)
    {
        var path = Path.Combine(paths.RepoRoot, ".data", "signing-key");
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 44 } existing)
        {
            return existing;
        }

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, key);
        return key;
    }
}
