using System.Diagnostics;
using System.Net;
using TrustFundGrants.IntegrationTests.Applications;
using TrustFundGrants.IntegrationTests.Fixtures;

namespace TrustFundGrants.IntegrationTests.Platform;

/// <summary>A submission's request, its outbox hops, screening and both emails form one trace, as Application Insights would show it.</summary>
[Collection(RunnerCollection.Name)]
public sealed class TraceTests(RunnerFixture runner)
{
    [Fact]
    public async Task Submission_RequestOutboxHopsScreeningAndEmails_ShareOneTrace()
    {
        var setup = await ApplicationSetup.OpenRoundAsync(runner.Client, await runner.SecretariatAsync());
        var ngo = await setup.NgoAsync();
        var id = await setup.ReadyAsync(ngo);

        using var submitted = await runner.Client.SendAsync(ngo.Bearer(HttpMethod.Post, $"/api/applications/{id}/submit"));

        Assert.Equal(HttpStatusCode.Accepted, submitted.StatusCode);
        var request = await Eventually.WaitFor(
            () => Task.FromResult(runner.Spans.Snapshot().FirstOrDefault(s => s.Kind == ActivityKind.Server && Equals(s.GetTagItem("tfg.application.id"), id))),
            s => s is not null,
            "the submit request's span");
        var trace = await Eventually.WaitFor(
            () => Task.FromResult(runner.Spans.Snapshot().Where(s => s.TraceId == request!.TraceId).ToList()),
            spans => spans.Count(s => s.OperationName == "send email") >= 2,
            "both emails' spans in the request's trace");
        Assert.Equal(default, request!.ParentSpanId);
        Assert.Equal("Microsoft.AspNetCore", request.Source.Name);
        var screening = Assert.Single(trace, s => s.OperationName == "screen application");
        Assert.Equal(id, screening.GetTagItem("tfg.application.id"));
        Assert.Equal(ActivityKind.Consumer, screening.Kind);
        var dispatched = trace.Where(s => s.OperationName == "outbox send").Select(s => (string)s.GetTagItem("tfg.outbox.target")!).ToList();
        Assert.Equal(1, dispatched.Count(queue => queue == "screening"));
        Assert.Equal(2, dispatched.Count(queue => queue == "application-emails"));
        Assert.Equal(
            ["application-emails", "application-emails"],
            trace.Where(s => s.OperationName == "send email").Select(s => (string)s.GetTagItem("messaging.destination.name")!));
        Assert.All(trace, span => Assert.True(span.StartTimeUtc >= request.StartTimeUtc, $"{span.OperationName} started before the request"));
    }
}
