namespace TrustFundGrants.IntegrationTests.Fixtures;

internal static class Repo
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "TrustFundGrants.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("TrustFundGrants.sln not found above the test binaries.");
    }
}
