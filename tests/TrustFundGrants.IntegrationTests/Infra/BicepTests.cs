using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using TrustFundGrants.Functions.Platform.Storage;
using TrustFundGrants.Functions;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Infra;

/// <summary>
/// Compiles and lints infra/ with the Bicep CLI from the pinned NuGet package (no network: infra/
/// references no registry modules), so a template that would warn or fail in a pipeline fails here first.
/// </summary>
public sealed partial class BicepTests
{
    private static readonly TimeSpan CliTimeout = TimeSpan.FromMinutes(2);

    // The CLI prints one diagnostic per line, "file(line,col) : Warning rule: message".
    private static readonly string[] ProblemMarkers = ["Warning", "Error"];

    private static readonly Lazy<Task<string>> MainTemplate = new(() => CompileAsync("infra/main.bicep"));

    public static TheoryData<string> BicepFiles()
    {
        var root = Repo.Root;
        var files = Directory
            .EnumerateFiles(Path.Combine(root, "infra"), "*.bicep", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        return new TheoryData<string>(files);
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Build_EveryBicepFile_CompilesWithoutWarnings(string bicepFile)
    {
        var output = Directory.CreateTempSubdirectory("bicep-build-");
        try
        {
            var result = await RunBicepAsync("build", bicepFile, "--outdir", output.FullName);

            AssertClean(result);
            Assert.NotEmpty(output.EnumerateFiles("*.json"));
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    [Theory]
    [MemberData(nameof(BicepFiles))]
    public async Task Lint_EveryBicepFile_ReportsNoWarnings(string bicepFile)
    {
        var result = await RunBicepAsync("lint", bicepFile);

        AssertClean(result);
    }

    [Theory]
    [InlineData("allowSharedKeyAccess")]
    [InlineData("allowBlobPublicAccess")]
    public async Task Build_MainTemplate_StorageAccountTurnsOffKeyAndAnonymousAccess(string property)
    {
        using var template = JsonDocument.Parse(await MainTemplate.Value);

        var account = Assert.Single(
            DeclaredResources(new TemplateScope(template.RootElement, null, null)),
            declared => IsType(declared.Resource, "Microsoft.Storage/storageAccounts"));

        Assert.True(
            account.Resource.GetProperty("properties").TryGetProperty(property, out var value),
            $"The storage account does not set {property}.");
        Assert.Equal(JsonValueKind.False, value.ValueKind);
    }

    /// <summary>Issue 9.9: HTTPS only at TLS 1.2 or later, and nobody can publish with a username and password.</summary>
    [Fact]
    public async Task Build_MainTemplate_FunctionAppIsHttpsOnlyWithoutFtpOrBasicPublishing()
    {
        using var template = JsonDocument.Parse(await MainTemplate.Value);
        var declared = DeclaredResources(new TemplateScope(template.RootElement, null, null)).ToList();

        var app = Assert.Single(declared, d => IsType(d.Resource, "Microsoft.Web/sites")).Resource.GetProperty("properties");
        var site = app.GetProperty("siteConfig");
        Assert.Equal(JsonValueKind.True, app.GetProperty("httpsOnly").ValueKind);
        Assert.Equal("1.2", site.GetProperty("minTlsVersion").GetString());
        Assert.Equal("1.2", site.GetProperty("scmMinTlsVersion").GetString());
        Assert.Equal("Disabled", site.GetProperty("ftpsState").GetString());
        var credentials = declared.Where(d => IsType(d.Resource, "Microsoft.Web/sites/basicPublishingCredentialsPolicies")).ToList();
        Assert.Equal(2, credentials.Count);
        Assert.All(credentials, c => Assert.Equal(JsonValueKind.False, c.Resource.GetProperty("properties").GetProperty("allow").ValueKind));
    }

    [Fact]
    public async Task Build_MainTemplate_OffersPrivateNetworkingForStorageAndKeyVault()
    {
        using var template = JsonDocument.Parse(await MainTemplate.Value);
        var declared = DeclaredResources(new TemplateScope(template.RootElement, null, null)).ToList();

        Assert.Equal(JsonValueKind.False, template.RootElement.GetProperty("parameters").GetProperty("privateNetworking").GetProperty("defaultValue").ValueKind);
        var endpoints = declared.Where(d => IsType(d.Resource, "Microsoft.Network/privateEndpoints")).ToList();
        Assert.Equal(2, endpoints.Count);
        Assert.Contains(declared, d => IsType(d.Resource, "Microsoft.Network/virtualNetworks"));
        var storage = Assert.Single(declared, d => IsType(d.Resource, "Microsoft.Storage/storageAccounts") && d.Resource.TryGetProperty("properties", out _));
        Assert.True(storage.Resource.GetProperty("properties").TryGetProperty("publicNetworkAccess", out _));
    }

    [Fact]
    public async Task Build_MainTemplate_DeclaresOutboxQueueAndItsPoisonQueue()
    {
        using var template = JsonDocument.Parse(await MainTemplate.Value);

        var queueNames = DeclaredResources(new TemplateScope(template.RootElement, null, null))
            .Where(declared => IsType(declared.Resource, "Microsoft.Storage/storageAccounts/queueServices/queues"))
            .SelectMany(QueueNames)
            .ToList();

        Assert.Contains("outbox", queueNames);
        Assert.Contains("outbox-poison", queueNames);
    }

    [Fact]
    public async Task Build_MainTemplate_DeclaresExactlyTheTablesQueuesAndContainersTheAppUses()
    {
        using var template = JsonDocument.Parse(await MainTemplate.Value);
        var parameters = template.RootElement.GetProperty("parameters");
        string[] Defaults(string name) => parameters.GetProperty(name).GetProperty("defaultValue").EnumerateArray().Select(v => v.GetString()!).Order(StringComparer.Ordinal).ToArray();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" })
            .Build();
        using var provider = new ServiceCollection().AddTrustFundGrants(configuration).BuildServiceProvider();
        var layout = provider.GetRequiredService<StorageLayout>();

        Assert.Equal(layout.Tables.Order(StringComparer.Ordinal), Defaults("tableNames"));
        Assert.Equal(layout.Queues.Order(StringComparer.Ordinal), Defaults("queueNames"));
        var bicep = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "infra", "main.bicep"));
        Assert.All(layout.Containers, container => Assert.Contains($"'{container}'", bicep, StringComparison.Ordinal));
    }

    private static void AssertClean(CliResult result)
    {
        var problems = result.Output
            .Split('\n')
            .Where(line => ProblemMarkers.Any(marker => line.Contains(marker, StringComparison.Ordinal)))
            .ToList();

        Assert.True(
            result.ExitCode == 0 && problems.Count == 0,
            string.Create(
                CultureInfo.InvariantCulture,
                $"bicep {result.Command} exited with {result.ExitCode} and {problems.Count} problem line(s):{Environment.NewLine}{result.Output}"));
    }

    private static async Task<string> CompileAsync(string bicepFile)
    {
        var output = Directory.CreateTempSubdirectory("bicep-template-");
        try
        {
            var outputFile = Path.Combine(output.FullName, "template.json");
            var result = await RunBicepAsync("build", bicepFile, "--outfile", outputFile);

            // Warnings are the build test's to report; these tests only need a template to read.
            Assert.True(result.ExitCode == 0, $"bicep {result.Command} failed:{Environment.NewLine}{result.Output}");
            return await File.ReadAllTextAsync(outputFile);
        }
        finally
        {
            output.Delete(recursive: true);
        }
    }

    private static async Task<CliResult> RunBicepAsync(params string[] arguments)
    {
        var startInfo = new ProcessStartInfo(BicepExecutable())
        {
            WorkingDirectory = Repo.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        var command = string.Join(' ', arguments);
        using var process = Process.Start(startInfo)
            ?? throw new InvalidOperationException($"Could not start {startInfo.FileName}.");
        using var timeout = new CancellationTokenSource(CliTimeout);
        var standardOutput = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var standardError = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"bicep {command} did not finish within {CliTimeout}.");
        }

        return new CliResult(command, process.ExitCode, await standardOutput + await standardError);
    }

    private static string BicepExecutable()
    {
        var path = typeof(BicepTests).Assembly
            .GetCustomAttributes<AssemblyMetadataAttribute>()
            .SingleOrDefault(attribute => string.Equals(attribute.Key, "BicepPath", StringComparison.Ordinal))
            ?.Value;
        if (string.IsNullOrEmpty(path) || !File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The Bicep CLI was not found at '{path}'; the test project's BicepPath assembly metadata must point into the Azure.Bicep.CommandLine package.");
        }

        // NuGet extraction does not always keep the executable bit.
        if (!OperatingSystem.IsWindows())
        {
            var mode = File.GetUnixFileMode(path);
            if (!mode.HasFlag(UnixFileMode.UserExecute))
            {
                File.SetUnixFileMode(path, mode | UnixFileMode.UserExecute);
            }
        }

        return path;
    }

    // Modules compile to nested deployments, each with its own template; the scope remembers which
    // parameter values the enclosing template passed in, so names that come from parameters resolve.
    private static IEnumerable<DeclaredResource> DeclaredResources(TemplateScope scope)
    {
        if (!scope.Template.TryGetProperty("resources", out var resources))
        {
            yield break;
        }

        // languageVersion 2.0 templates key resources by symbolic name; older ones list them.
        var items = resources.ValueKind == JsonValueKind.Object
            ? resources.EnumerateObject().Select(resource => resource.Value)
            : resources.EnumerateArray();
        foreach (var resource in items)
        {
            yield return new DeclaredResource(resource, scope);

            if (IsType(resource, "Microsoft.Resources/deployments")
                && resource.TryGetProperty("properties", out var properties)
                && properties.TryGetProperty("template", out var nested))
            {
                JsonElement? passed = properties.TryGetProperty("parameters", out var parameters) ? parameters : null;
                foreach (var inner in DeclaredResources(new TemplateScope(nested, passed, scope)))
                {
                    yield return inner;
                }
            }
        }
    }

    private static IEnumerable<string> QueueNames(DeclaredResource queue)
    {
        if (queue.Resource.TryGetProperty("copy", out var copy))
        {
            var count = copy.GetProperty("count").GetString() ?? string.Empty;
            var loop = LengthOfParameter().Match(count);
            Assert.True(loop.Success, $"Cannot tell which queues the loop '{count}' declares.");
            var names = ParameterValue(queue.Scope, loop.Groups["name"].Value);
            return names.EnumerateArray().Select(name => name.GetString() ?? string.Empty);
        }

        var declaredName = queue.Resource.GetProperty("name").GetString() ?? string.Empty;
        if (!declaredName.StartsWith('['))
        {
            return [declaredName[(declaredName.LastIndexOf('/') + 1)..]];
        }

        var literal = TrailingLiteral().Match(declaredName);
        Assert.True(literal.Success, $"Cannot tell the queue name from '{declaredName}'.");
        return [literal.Groups["name"].Value];
    }

    private static JsonElement ParameterValue(TemplateScope scope, string name)
    {
        // Values a module receives are expressions of the enclosing template, so resolve them there.
        if (scope.Passed is { } passed
            && passed.TryGetProperty(name, out var parameter)
            && parameter.TryGetProperty("value", out var value))
        {
            return Resolve(value, scope.Parent ?? scope);
        }

        var declared = scope.Template.GetProperty("parameters").GetProperty(name);
        Assert.True(declared.TryGetProperty("defaultValue", out var defaultValue), $"Parameter '{name}' has no value.");
        return Resolve(defaultValue, scope);
    }

    private static JsonElement Resolve(JsonElement value, TemplateScope scope)
    {
        if (value.ValueKind != JsonValueKind.String)
        {
            return value;
        }

        var reference = ParameterReference().Match(value.GetString() ?? string.Empty);
        return reference.Success ? ParameterValue(scope, reference.Groups["name"].Value) : value;
    }

    private static bool IsType(JsonElement resource, string type) =>
        resource.TryGetProperty("type", out var declared)
        && string.Equals(declared.GetString(), type, StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex(@"^\[parameters\('(?<name>[^']+)'\)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex ParameterReference();

    [GeneratedRegex(@"^\[length\(parameters\('(?<name>[^']+)'\)\)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex LengthOfParameter();

    [GeneratedRegex(@"'(?<name>[^']+)'\)\]$", RegexOptions.CultureInvariant)]
    private static partial Regex TrailingLiteral();

    private sealed record CliResult(string Command, int ExitCode, string Output);

    private sealed record TemplateScope(JsonElement Template, JsonElement? Passed, TemplateScope? Parent);

    private sealed record DeclaredResource(JsonElement Resource, TemplateScope Scope);
}
