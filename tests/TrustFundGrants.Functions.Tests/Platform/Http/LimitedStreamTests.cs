using TrustFundGrants.Functions.Platform.Http;

namespace TrustFundGrants.Functions.Tests.Platform.Http;

public sealed class LimitedStreamTests
{
    [Fact]
    public async Task ReadAsync_UpToLimit_ReturnsEveryByte()
    {
        using var limited = new LimitedStream(new MemoryStream(new byte[10]), limit: 10);
        using var copy = new MemoryStream();

        await limited.CopyToAsync(copy);

        Assert.Equal(10, copy.Length);
        Assert.Equal(10, limited.Position);
    }

    [Fact]
    public async Task ReadAsync_PastLimit_ThrowsTooLarge()
    {
        using var limited = new LimitedStream(new MemoryStream(new byte[11]), limit: 10);
        using var copy = new MemoryStream();

        await Assert.ThrowsAsync<LimitedStream.TooLargeException>(() => limited.CopyToAsync(copy));
    }

    [Fact]
    public void Read_PastLimit_ThrowsTooLarge()
    {
        using var limited = new LimitedStream(new MemoryStream(new byte[11]), limit: 10);
        var buffer = new byte[4];

        Assert.Throws<LimitedStream.TooLargeException>(() =>
        {
            while (limited.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        });
    }

    [Fact]
    public async Task ReadAsync_ArrayOverloadPastLimit_ThrowsTooLarge()
    {
        using var limited = new LimitedStream(new MemoryStream(new byte[11]), limit: 10);
        var buffer = new byte[16];

        await Assert.ThrowsAsync<LimitedStream.TooLargeException>(() => limited.ReadAsync(buffer, 0, buffer.Length, CancellationToken.None));
    }

    [Fact]
    public void Capabilities_Always_ReadOnlyForwardOnly()
    {
        using var limited = new LimitedStream(new MemoryStream(), limit: 10);

        Assert.True(limited.CanRead);
        Assert.False(limited.CanSeek);
        Assert.False(limited.CanWrite);
        Assert.Throws<NotSupportedException>(() => limited.Length);
        Assert.Throws<NotSupportedException>(() => limited.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => limited.Write([1], 0, 1));
    }
}
