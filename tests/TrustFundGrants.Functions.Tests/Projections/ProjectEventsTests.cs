using TrustFundGrants.Functions.Platform.Outbox;
using TrustFundGrants.Functions.Projections;

namespace TrustFundGrants.Functions.Tests.Projections;

public class ProjectEventsTests
{
    private static readonly string Fund = Guid.CreateVersion7().ToString();

    [Fact]
    public void Parse_AGrantEvent_ReadsEveryField()
    {
        var grant = Guid.CreateVersion7().ToString();
        var message = $$"""{"kind":"tranche-paid","fundId":"{{Fund}}","grantId":"{{grant}}","occurredAt":"2025-01-01T00:00:00Z","messageId":"{{Guid.CreateVersion7()}}"}""";

        var parsed = ProjectEvents.Parse(message);

        Assert.Equal(ProjectionEvent.TranchePaid, parsed.Kind);
        Assert.Equal(grant, parsed.GrantId);
    }

    [Theory]
    [InlineData("""{"kind":"grant-paid","fundId":"FUND","grantId":null,"occurredAt":"2025-01-01T00:00:00Z","messageId":"0193e0a4-0000-7000-8000-000000000001"}""")]
    [InlineData("""{"kind":"grant-committed","fundId":"FUND","grantId":null,"occurredAt":"2025-01-01T00:00:00Z","messageId":"0193e0a4-0000-7000-8000-000000000001"}""")]
    [InlineData("""{"kind":"contribution-received","fundId":"not-a-fund","grantId":null,"occurredAt":"2025-01-01T00:00:00Z","messageId":"0193e0a4-0000-7000-8000-000000000001"}""")]
    [InlineData("""{"kind":"contribution-received","fundId":"FUND","grantId":null,"occurredAt":"2025-01-01T00:00:00Z","messageId":"../x"}""")]
    public void Parse_APoisonedEvent_ThrowsSoTheHostMovesItToPoison(string message)
    {
        Assert.ThrowsAny<Exception>(() => ProjectEvents.Parse(message.Replace("FUND", Fund, StringComparison.Ordinal)));
    }
}
