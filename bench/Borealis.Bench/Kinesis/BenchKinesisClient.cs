using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Borealis.Bench.Kinesis;

/// <summary>
/// The one client the bench drives both servers with: Kinesis JSON 1.1 over HTTP/1.1 with
/// Signature V4, on a pooled connection per concurrent caller. Errors come back as
/// <see cref="KinesisCallException"/> with the AWS error type.
/// </summary>
internal sealed class BenchKinesisClient : IDisposable
{
    private static readonly MediaTypeHeaderValue JsonContentType = new("application/x-amz-json-1.1");
    private readonly HttpClient _http;
    private readonly Uri _endpoint;
    private readonly BenchSigV4 _signer;

    public BenchKinesisClient(Uri endpoint, string accessKeyId, string secret)
    {
        _endpoint = endpoint;
        _signer = new BenchSigV4(accessKeyId, secret);
        _http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = 512, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
        {
            Timeout = TimeSpan.FromSeconds(60),
            DefaultRequestVersion = HttpVersion.Version11,
        };
    }

    public string Name { get; init; } = "";

    /// <summary>Posts one operation; returns the response body, or throws with the AWS error.</summary>
    public async Task<byte[]> CallAsync(string operation, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        (await CallAsync(operation, body, new ResponseBuffer(), cancellationToken).ConfigureAwait(false)).ToArray();

    /// <summary>
    /// Posts one operation and reads the response into <paramref name="into"/>, a buffer the caller
    /// keeps from call to call: the loops' responses (up to megabytes for GetRecords) would
    /// otherwise be fresh large-object-heap arrays, and the bench's own garbage would count
    /// against the embedded server it shares the process with.
    /// </summary>
    public async Task<ReadOnlyMemory<byte>> CallAsync(string operation, ReadOnlyMemory<byte> body, ResponseBuffer into, CancellationToken cancellationToken)
    {
        var target = "Kinesis_20131202." + operation;
        using var request = new HttpRequestMessage(HttpMethod.Post, _endpoint);
        var (date, authorization) = _signer.Sign(_endpoint.Authority, target, body.Span);
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        request.Headers.TryAddWithoutValidation("X-Amz-Date", date);
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        request.Content = new ReadOnlyMemoryContent(body);
        request.Content.Headers.ContentType = JsonContentType;
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
            await into.FillAsync(stream, cancellationToken).ConfigureAwait(false);
        if (response.IsSuccessStatusCode) return into.Memory;
        var bytes = into.Memory.ToArray();
        var type = "";
        try
        {
            using var error = JsonDocument.Parse(bytes);
            type = error.RootElement.TryGetProperty("__type", out var t) ? t.GetString() ?? "" : "";
        }
        catch (JsonException) { }
        throw new KinesisCallException(type, $"{Name} {operation}: HTTP {(int)response.StatusCode} {System.Text.Encoding.UTF8.GetString(bytes)}");
    }

    /// <summary>Calls an operation whose request is small, written by <paramref name="write"/>.</summary>
    public async Task<JsonDocument> CallAsync(string operation, Action<Utf8JsonWriter> write, CancellationToken cancellationToken)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }
        var reply = await CallAsync(operation, buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        // kinesalite answers CreateStream with an empty body where AWS sends "{}".
        return JsonDocument.Parse(reply.Length == 0 ? "{}"u8.ToArray() : reply);
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>A response body read into an array kept from call to call, grown as needed.</summary>
internal sealed class ResponseBuffer
{
    private byte[] _buffer = new byte[64 * 1024];
    private int _length;

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    public async Task FillAsync(Stream stream, CancellationToken cancellationToken)
    {
        _length = 0;
        while (true)
        {
            if (_length == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
            var read = await stream.ReadAsync(_buffer.AsMemory(_length), cancellationToken).ConfigureAwait(false);
            if (read == 0) return;
            _length += read;
        }
    }
}

internal sealed class KinesisCallException(string type, string message) : Exception(message)
{
    public string Type { get; } = type;
}
