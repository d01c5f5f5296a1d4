using System.Globalization;

namespace TrustFundGrants.IntegrationTests.Fixtures;

/// <summary>A host.json like the repo's, with queue timings short enough for tests.</summary>
internal static class TestHostJson
{
    public static string Write(int maxDequeueCount = 3, string visibilityTimeout = "00:00:00.200", string maxPollingInterval = "00:00:00.500")
    {
        var path = Path.Combine(Path.GetTempPath(), $"host-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $$"""
            {
              "version": "2.0",
              "extensions": {
                "http": { "routePrefix": "api" },
                "queues": {
                  "batchSize": 16,
                  "newBatchThreshold": 8,
                  "maxDequeueCount": {{maxDequeueCount}},
                  "visibilityTimeout": "{{visibilityTimeout}}",
                  "maxPollingInterval": "{{maxPollingInterval}}",
                  "messageEncoding": "base64"
                }
              }
            }
            """));
        return path;
    }
}
