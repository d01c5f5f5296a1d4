using System.Text.RegularExpressions;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Infra;

/// <summary>azure.yaml, so that `azd up` works as the README says: each service's folder exists and a resource in infra/ carries its azd-service-name.</summary>
public sealed partial class AzdTests
{
    [Fact]
    public void AzureYaml_EveryService_HasItsProjectAndATaggedResource()
    {
        var yaml = File.ReadAllLines(Path.Combine(Repo.Root, "azure.yaml"));
        var bicep = string.Join('\n', Directory.EnumerateFiles(Path.Combine(Repo.Root, "infra"), "*.bicep", SearchOption.AllDirectories).Select(File.ReadAllText));
        var services = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in yaml.SkipWhile(l => l != "services:").Skip(1))
        {
            if (ServiceLine().Match(line) is { Success: true } service)
            {
                current = service.Groups[1].Value;
            }
            else if (current is not null && ProjectLine().Match(line) is { Success: true } project)
            {
                services[current] = project.Groups[1].Value;
            }
        }

        Assert.Equal(["api", "web"], services.Keys.Order(StringComparer.Ordinal));
        foreach (var (name, project) in services)
        {
            Assert.True(Directory.Exists(Path.Combine(Repo.Root, project)), $"{name}: {project} does not exist");
            Assert.Contains($"'azd-service-name': '{name}'", bicep, StringComparison.Ordinal);
        }

        Assert.Contains(yaml, l => l.Trim() == "path: infra");
        Assert.True(File.Exists(Path.Combine(Repo.Root, "infra", "main.bicep")));
        Assert.Contains("${AZURE_ENV_NAME}", File.ReadAllText(Path.Combine(Repo.Root, "infra", "main.parameters.json")), StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^  ([a-z][a-z0-9-]*):\s*$")]
    private static partial Regex ServiceLine();

    [GeneratedRegex(@"^    project:\s*(\S+)\s*$")]
    private static partial Regex ProjectLine();
}
