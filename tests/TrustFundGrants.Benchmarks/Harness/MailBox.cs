using System.Diagnostics;
using System.Text.Json;

namespace TrustFundGrants.Benchmarks.Harness;

/// <summary>
/// Every mail the runner captured, gathered by polling /_dev/mail.json. The runner's catcher keeps only
/// the newest <see cref="CatcherCapacity"/> mails, so a run that sends more must poll often enough that
/// no mail is pushed out between two reads; <see cref="PossiblyMissed"/> says when that may have happened.
/// </summary>
internal sealed class MailBox(HttpClient client)
{
    /// <summary>The LocalRunner's MailCatcher capacity (functions/TrustFundGrants.LocalRunner/DevMail/MailCatcher.cs).</summary>
    public const int CatcherCapacity = 1000;

    private readonly Dictionary<string, CapturedMail> seen = new(StringComparer.Ordinal);
    private readonly List<CapturedMail> ordered = [];
    private readonly Lock gate = new();

    /// <summary>True when one read came back full with no mail seen before: older mails may have gone unseen.</summary>
    public bool PossiblyMissed { get; private set; }

    public int Polls { get; private set; }

    /// <summary>The slowest read of /_dev/mail.json, in milliseconds.</summary>
    public double SlowestPollMs { get; private set; }

    public int Count
    {
        get
        {
            lock (gate)
            {
                return ordered.Count;
            }
        }
    }

    /// <summary>Reads /_dev/mail.json and adds the mails not seen before; returns how many were new.</summary>
    public async Task<int> RefreshAsync(CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/_dev/mail.json", UriKind.Relative), cancellationToken));
        SlowestPollMs = Math.Max(SlowestPollMs, Latencies.Since(start));
        var listed = document.RootElement.EnumerateArray().ToArray();
        lock (gate)
        {
            Polls++;
            var hadSeen = seen.Count;
            var fresh = new List<CapturedMail>();
            var overlap = false;
            foreach (var item in listed)
            {
                var id = item.GetProperty("id").GetString()!;
                if (seen.ContainsKey(id))
                {
                    overlap = true;
                    continue;
                }

                var mail = new CapturedMail(
                    id,
                    item.GetProperty("receivedAt").GetDateTimeOffset(),
                    item.GetProperty("to").EnumerateArray().Select(t => t.GetString() ?? string.Empty).ToArray(),
                    item.GetProperty("subject").GetString() ?? string.Empty,
                    item.GetProperty("text").GetString() ?? string.Empty);
                seen[id] = mail;
                fresh.Add(mail);
            }

            if (listed.Length >= CatcherCapacity && !overlap && hadSeen > 0)
            {
                PossiblyMissed = true;
            }

            // The catcher lists newest first; keep them here in the order they arrived.
            fresh.Reverse();
            ordered.AddRange(fresh);
            return fresh.Count;
        }
    }

    /// <summary>Forgets everything seen, after the catcher was cleared (DELETE /_dev/mail).</summary>
    public void Reset()
    {
        lock (gate)
        {
            seen.Clear();
            ordered.Clear();
            PossiblyMissed = false;
            Polls = 0;
            SlowestPollMs = 0;
        }
    }

    public IReadOnlyList<CapturedMail> All()
    {
        lock (gate)
        {
            return ordered.ToArray();
        }
    }

    public IReadOnlyList<CapturedMail> To(string address)
    {
        lock (gate)
        {
            return ordered.Where(m => m.To.Contains(address, StringComparer.OrdinalIgnoreCase)).ToArray();
        }
    }
}

/// <summary>One mail as /_dev/mail.json lists it (the fields the benchmarks read).</summary>
internal sealed record CapturedMail(string Id, DateTimeOffset ReceivedAt, IReadOnlyList<string> To, string Subject, string Text);
