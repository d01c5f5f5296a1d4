using System.Text.Json;
using TrustFundGrants.Functions.Platform.Outbox;

namespace TrustFundGrants.Functions.Tests.Platform.Outbox;

public sealed class OutboxPointerTests
{
    [Fact]
    public void Parse_OwnJson_RoundTrips()
    {
        var pointer = new OutboxPointer("applications", "round-01", "outbox-0190a1b2-c3d4");

        var parsed = OutboxPointer.Parse(pointer.ToJson());

        Assert.Equal(pointer, parsed);
    }

    [Fact]
    public void ToJson_Always_CamelCaseFields()
    {
        var json = new OutboxPointer("applications", "round-01", "outbox-1").ToJson();

        Assert.Equal("""{"table":"applications","partitionKey":"round-01","rowKey":"outbox-1"}""", json);
    }

    [Fact]
    public void Parse_HandWrittenPointer_ReadsFields()
    {
        var pointer = OutboxPointer.Parse("""{"table":"grants","partitionKey":"fund-7","rowKey":"outbox-abc"}""");

        Assert.Equal(new OutboxPointer("grants", "fund-7", "outbox-abc"), pointer);
    }

    // Throwing is the contract: the host retries a message that throws, then moves it to outbox-poison.
    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("null")]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{}")]
    [InlineData("""{"table":"grants","partitionKey":"fund-7"}""")]
    [InlineData("""{"table":"grants","rowKey":"outbox-abc"}""")]
    [InlineData("""{"partitionKey":"fund-7","rowKey":"outbox-abc"}""")]
    [InlineData("""{"table":null,"partitionKey":"fund-7","rowKey":"outbox-abc"}""")]
    [InlineData("""{"table":"grants","partitionKey":null,"rowKey":"outbox-abc"}""")]
    [InlineData("""{"table":"grants","partitionKey":"fund-7","rowKey":null}""")]
    [InlineData("""{"table":"","partitionKey":"fund-7","rowKey":"outbox-abc"}""")]
    [InlineData("""{"table":"  ","partitionKey":"fund-7","rowKey":"outbox-abc"}""")]
    [InlineData("""{"table":"grants","partitionKey":"","rowKey":"outbox-abc"}""")]
    [InlineData("""{"table":"grants","partitionKey":"fund-7","rowKey":"grant-abc"}""")]
    [InlineData("""{"table":"grants","partitionKey":"fund-7","rowKey":"Outbox-abc"}""")]
    [InlineData("""{"table":"grants","partitionKey":"fund-7","rowKey":"outbox"}""")]
    [InlineData("""{"table":"grants","partitionKey":"fund-7","rowKey":""}""")]
    [InlineData("""{"table":"grants","partitionKey":"fund-7","rowKey":42}""")]
    public void Parse_NotACompletePointer_Throws(string message)
    {
        var ex = Record.Exception(() => OutboxPointer.Parse(message));

        Assert.NotNull(ex);
        Assert.True(ex is FormatException or JsonException, $"Expected FormatException or JsonException, got {ex.GetType()}.");
    }

    [Fact]
    public void Parse_RowKeyOutsideOutbox_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => OutboxPointer.Parse("""{"table":"grants","partitionKey":"fund-7","rowKey":"grant-abc"}"""));
    }

    [Fact]
    public void Parse_JsonNull_ThrowsFormatException()
    {
        Assert.Throws<FormatException>(() => OutboxPointer.Parse("null"));
    }
}
