using System.Net;
using Microsoft.AspNetCore.Builder;
using TrustFundGrants.IntegrationTests.Fixtures;
using TrustFundGrants.LocalRunner;
using TrustFundGrants.LocalRunner.Azurite;
using TrustFundGrants.LocalRunner.Configuration;
using TrustFundGrants.LocalRunner.DevMail;

namespace TrustFundGrants.IntegrationTests.Runner;

/// <summary>
/// Issue 9.9: /_dev/mail lists working sign-in links for every address, so a runner that listens
/// beyond loopback does not serve it unless told to; and the local signing key is the owner's alone.
/// </summary>
[Collection(RunnerCollection.Name)]
public sealed class DevEndpointsTests(RunnerFixture runner)
{
    [Theory]
    [InlineData("http://localhost:7071", null, true)]
    [InlineData("http://127.0.0.1:7071;http://[::1]:7071", null, true)]
    [InlineData("http://0.0.0.0:7071", null, false)]
    [InlineData("http://*:7071", null, false)]
    [InlineData("http://+:7071", null, false)]
    [InlineData("http://localhost:7071;http://192.168.1.5:7071", null, false)]
    [InlineData("http://grants.example.org", null, false)]
    [InlineData("http://0.0.0.0:7071", "true", true)]
    [InlineData("http://localhost:7071", "false", false)]
    public void Allowed_OnlyOnLoopbackOrWhenSet(string urls, string? setting, bool allowed)
    {
        Assert.Equal(allowed, DevEndpoints.Allowed(urls, setting));
    }

    [Fact]
    public async Task Runner_ListeningOnEveryInterface_DoesNotServeTheMailPage()
    {
        var port = AzuritePorts.FreePort();
        var app = RunnerApp.Build(
            [],
            new Dictionary<string, string?>
            {
                ["urls"] = $"http://0.0.0.0:{port}",
                ["AzureWebJobsStorage"] = runner.Azurite.ConnectionString,
                ["LocalRunner:HostJson"] = runner.HostJson,
            });
        await using (app)
        {
            await app.StartAsync();
            using var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

            using var mail = await client.GetAsync(new Uri("/_dev/mail.json", UriKind.Relative));
            using var page = await client.GetAsync(new Uri("/_dev/mail", UriKind.Relative));
            using var health = await client.GetAsync(new Uri("/api/health", UriKind.Relative));

            Assert.Equal(HttpStatusCode.NotFound, mail.StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Equal(HttpStatusCode.OK, health.StatusCode);
            await app.StopAsync();
        }
    }

    [Fact]
    public void LocalSigningKey_NewFile_IsReadableByItsOwnerOnly()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var root = Directory.CreateTempSubdirectory("tfg-key-").FullName;
        try
        {
            var key = LocalSigningKey.Read(new RunnerPaths(root, Path.Combine(root, "web"), "functions.metadata", "host.json"));

            var file = Path.Combine(root, ".data", "signing-key");
            Assert.Equal(key, File.ReadAllText(file));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void LocalSigningKey_ExistingFileReadableByOthers_IsNarrowedToItsOwner()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var root = Directory.CreateTempSubdirectory("tfg-key-").FullName;
        try
        {
            var file = Path.Combine(root, ".data", "signing-key");
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, Convert.ToBase64String(new byte[32]));
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

            LocalSigningKey.Read(new RunnerPaths(root, Path.Combine(root, "web"), "functions.metadata", "host.json"));

            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
