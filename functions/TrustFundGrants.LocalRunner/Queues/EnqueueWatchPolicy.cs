using System.Globalization;
using Azure.Core;
using Azure.Core.Pipeline;

namespace TrustFundGrants.LocalRunner.Queues;

/// <summary>
/// On the app's queue clients: after storage accepts a message (Put Message) or a new visibility for one
/// (Update Message), tells <see cref="QueueWakeups"/> which queue and when the message becomes visible.
/// </summary>
internal sealed class EnqueueWatchPolicy(QueueWakeups wakeups) : HttpPipelinePolicy
{
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        ProcessNext(message, pipeline);
        Watch(message);
    }

    public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        await ProcessNextAsync(message, pipeline);
        Watch(message);
    }

    private void Watch(HttpMessage message)
    {
        var request = message.Request;
        var sent = request.Method == RequestMethod.Post && message.Response.Status == 201;
        var updated = request.Method == RequestMethod.Put && message.Response.Status == 204;
        if ((sent || updated) && Queue(request.Uri.Path, updated) is { } queue)
        {
            wakeups.Notify(queue, VisibleAfter(request.Uri.Query));
        }
    }

    // .../{queue}/messages for a send, .../{queue}/messages/{id} for an update (Azurite puts the account first).
    private static string? Queue(string path, bool update)
    {
        var segments = path.Trim('/').Split('/');
        var at = segments.Length - (update ? 2 : 1);
        return at >= 1 && string.Equals(segments[at], "messages", StringComparison.Ordinal) ? segments[at - 1] : null;
    }

    private static TimeSpan VisibleAfter(string query)
    {
        foreach (var pair in query.TrimStart('?').Split('&'))
        {
            var parts = pair.Split('=', 2);
            if (parts.Length == 2 && string.Equals(parts[0], "visibilitytimeout", StringComparison.OrdinalIgnoreCase)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
            {
                return TimeSpan.FromSeconds(seconds);
            }
        }

        return TimeSpan.Zero;
    }
}
