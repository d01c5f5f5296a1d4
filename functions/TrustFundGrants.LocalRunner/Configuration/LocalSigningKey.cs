using System.Security.Cryptography;

namespace TrustFundGrants.LocalRunner.Configuration;

/// <summary>
/// A session-signing key for this machine only, made on first run and kept in .data/ (never
/// committed) so local sessions survive a restart. Azure takes its key from Key Vault instead.
/// </summary>
public static class LocalSigningKey
{
    public static string Read(RunnerPaths paths)
    {
        var path = Path.Combine(paths.RepoRoot, ".data", "signing-key");
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 44 } existing)
        {
            Restrict(path);
            return existing;
        }

        var key = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);

        // Whoever can read the key can sign a session as anyone: the file is created readable by its owner only.
        var owner = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            owner.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new StreamWriter(path, System.Text.Encoding.ASCII, owner))
        {
            file.Write(key);
        }

        Restrict(path);
        return key;
    }

    /// <summary>A key file made before this rule (or by hand) is narrowed to its owner too.</summary>
    private static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
