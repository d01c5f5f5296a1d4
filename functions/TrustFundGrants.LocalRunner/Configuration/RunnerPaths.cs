namespace TrustFundGrants.LocalRunner.Configuration;

/// <summary>
/// Where the runner finds the repo (package.json and node_modules for Azurite, web/ for the portal,
/// .data/ for local state) and the Functions host's declaration files (beside the runner's binaries).
/// </summary>
public sealed record RunnerPaths(string RepoRoot, string WebRoot, string MetadataFile, string HostFile)
{
    public static RunnerPaths Discover(string? repoRoot = null, string? metadataFile = null, string? hostFile = null)
    {
        var root = repoRoot ?? FindRepoRoot(AppContext.BaseDirectory) ?? FindRepoRoot(Directory.GetCurrentDirectory())
            ?? throw new InvalidOperationException("Could not find the repository (TrustFundGrants.sln) above the runner; set LocalRunner__RepoRoot.");
        return new RunnerPaths(
            root,
            Path.Combine(root, "web"),
            metadataFile ?? Path.Combine(AppContext.BaseDirectory, "functions.metadata"),
            hostFile ?? Path.Combine(AppContext.BaseDirectory, "host.json"));
    }

    private static string? FindRepoRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrustFundGrants.sln")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
