using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Moq;
using TrustFundGrants.Functions.Operations;
using TrustFundGrants.Functions.Platform.Storage;

namespace TrustFundGrants.Functions.Tests.Operations;

public sealed class GetQueueStatusTests : IDisposable
{
    private readonly CancellationTokenSource cancellation = new();
    private readonly Mock<QueueServiceClient> queues = new(MockBehavior.Strict);

    public void Dispose() => cancellation.Dispose();

    [Fact]
    public async Task Run_EveryQueueAnswers_CountsEachQueueInLayoutOrder()
    {
        var layout = Layout(services => services.AddQueue("outbox").AddTable("applications").AddQueue("emails").AddContainer("documents"));
        QueueHolds("outbox", 3);
        QueueHolds("outbox-poison", 1);
        QueueHolds("emails", 12);
        QueueHolds("emails-poison", 0);

        var result = await new GetQueueStatus(layout, queues.Object).Run(new DefaultHttpContext().Request, cancellation.Token);

        var ok = Assert.IsType<Ok<QueueStatusReport>>(result.Result);
        Assert.Equal(
            [
                new QueueCount("outbox", 3, false),
                new QueueCount("outbox-poison", 1, true),
                new QueueCount("emails", 12, false),
                new QueueCount("emails-poison", 0, true),
            ],
            ok.Value!.Queues);
        queues.VerifyAll();
        queues.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Run_NoQueuesInLayout_EmptyReport()
    {
        var layout = Layout(services => services.AddTable("applications"));

        var result = await new GetQueueStatus(layout, queues.Object).Run(new DefaultHttpContext().Request, cancellation.Token);

        var ok = Assert.IsType<Ok<QueueStatusReport>>(result.Result);
        Assert.Empty(ok.Value!.Queues);
    }

    [Fact]
    public async Task Run_StorageRefuses_ServiceUnavailableNamingErrorCode()
    {
        var layout = Layout(services => services.AddQueue("outbox"));
        QueueHolds("outbox", 3);
        QueueFails("outbox-poison", new RequestFailedException(403, "This request is not authorized.", "AuthorizationFailure", null));

        var result = await new GetQueueStatus(layout, queues.Object).Run(new DefaultHttpContext().Request, cancellation.Token);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.StatusCode);
        Assert.Equal("urn:trustfundgrants:problem:service-unavailable", problem.ProblemDetails.Type);
        Assert.Equal("Queue storage did not answer: AuthorizationFailure.", problem.ProblemDetails.Detail);
    }

    [Fact]
    public async Task Run_StorageFailsWithoutErrorCode_ServiceUnavailableNamingStatus()
    {
        var layout = Layout(services => services.AddQueue("outbox"));
        QueueFails("outbox", new RequestFailedException(500, "Internal error."));
        QueueHolds("outbox-poison", 0);

        var result = await new GetQueueStatus(layout, queues.Object).Run(new DefaultHttpContext().Request, cancellation.Token);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.StatusCode);
        Assert.Equal("Queue storage did not answer: 500.", problem.ProblemDetails.Detail);
    }

    [Fact]
    public async Task Run_StorageUnreachableAfterRetries_ServiceUnavailable()
    {
        var layout = Layout(services => services.AddQueue("outbox"));
        QueueFails("outbox", new RequestFailedException(0, "Connection refused"));
        QueueHolds("outbox-poison", 0);
        var unreachable = new Mock<QueueClient>(MockBehavior.Strict);
        unreachable.Setup(q => q.GetPropertiesAsync(cancellation.Token))
            .ThrowsAsync(new AggregateException("Retry failed after 4 tries.", new RequestFailedException(0, "Connection refused")));
        queues.Setup(q => q.GetQueueClient("outbox")).Returns(unreachable.Object);

        var result = await new GetQueueStatus(layout, queues.Object).Run(new DefaultHttpContext().Request, cancellation.Token);

        var problem = Assert.IsType<ProblemHttpResult>(result.Result);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, problem.StatusCode);
    }

    private static StorageLayout Layout(Action<IServiceCollection> register)
    {
        var services = new ServiceCollection();
        register(services);
        services.AddSingleton<StorageLayout>();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<StorageLayout>();
    }

    private void QueueHolds(string name, int count)
    {
        var queue = new Mock<QueueClient>(MockBehavior.Strict);
        queue.Setup(q => q.GetPropertiesAsync(cancellation.Token))
            .ReturnsAsync(Response.FromValue(QueuesModelFactory.QueueProperties(new Dictionary<string, string>(), count), Mock.Of<Response>()));
        queues.Setup(q => q.GetQueueClient(name)).Returns(queue.Object);
    }

    private void QueueFails(string name, RequestFailedException exception)
    {
        var queue = new Mock<QueueClient>(MockBehavior.Strict);
        queue.Setup(q => q.GetPropertiesAsync(cancellation.Token)).ThrowsAsync(exception);
        queues.Setup(q => q.GetQueueClient(name)).Returns(queue.Object);
    }
}
