namespace TrustFundGrants.Functions.Platform.Http;

/// <summary>
/// Reads at most <c>limit</c> bytes from a request body whose Content-Length may be absent
/// (chunked) or false, so an oversized body is refused while it streams, never buffered whole.
/// </summary>
internal sealed class LimitedStream(Stream inner, long limit) : Stream
{
    private long read;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => read; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    private int Count(int n)
    {
        read += n;
        return read > limit ? throw new TooLargeException() : n;
    }

    public override void Flush() => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public sealed class TooLargeException : IOException
    {
        public TooLargeException()
            : base("The body is larger than allowed.")
        {
        }
    }
}
