using System.Globalization;
using System.Text.Json.Nodes;

namespace TrustFundGrants.IntegrationTests.Fixtures;

/// <summary>
/// The repo's host.json (so its HTTP settings, custom headers included, are the ones tested), with queue timings short
/// enough for tests. Messages the app sends wake their listener at once (the runner's QueueWakeups), so an idle queue
/// is polled only every 2 s, as in production: polling is for messages sent from outside, such as a test's own.
/// </summary>
internal static class TestHostJson
{
    public static string Write(int maxDequeueCount = 3, string visibilityTimeout = "00:00:00.200", string maxPollingInterval = "00:00:02")
    {
        var host = JsonNode.Parse(File.ReadAllText(Path.Combine(Repo.Root, "host.json")))!.AsObject();
        host.Remove("logging");
        host["extensions"]!["queues"] = JsonNode.Parse(string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "batchSize": 16,
              "newBatchThreshold": 8,
              "maxDequeueCount": {{maxDequeueCount}},
              "visibilityTimeout": "{{visibilityTimeout}}",
              "maxPollingInterval": "{{maxPollingInterval}}",
              "messageEncoding": "base64"
            }
            """));
        var path = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, host.ToJsonString());
        return path;
    }
}
