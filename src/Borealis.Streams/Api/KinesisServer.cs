using System.Buffers;
using System.Runtime.InteropServices;
using System.Net;
using System.Text.Json;
using Borealis.Streams.Auth;
using Borealis.Volume;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using HttpProtocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Borealis.Streams.Api;

/// <summary>
/// The Kinesis endpoint: Kestrel, every request a POST to "/" whose X-Amz-Target names the
/// operation (JSON 1.1 protocol, https://smithy.io/2.0/aws/protocols/aws-json-1_1-protocol.html),
/// signed with AWS Signature V4 by the configured key pair. Every failure is answered as AWS
/// answers it; nothing from the network can crash the process.
/// </summary>
public sealed class KinesisServer : IAsyncDisposable
{
    private const string TargetPrefix = "Kinesis_20131202.";
    private const string JsonContentType = "application/x-amz-json-1.1";
    /// <summary>5 MiB of PutRecords data grows by a third in base64, plus the JSON around it; room is left so that a request somewhat over the limit is read and answered with the AWS error instead of a reset connection.</summary>
    private const long MaxBodyBytes = 16 * 1024 * 1024;

    /// <summary>No HTML-minded escaping: base64 data is sent as is (the default escapes every '+'), and a key's characters as they are.</summary>
    private static readonly JsonWriterOptions OutputOptions = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly WebApplication _app;
    private readonly KinesisApi _api;
    private readonly SigV4Verifier _verifier;
    private readonly ILogger _log;

    private readonly string _http2Socket;

    private KinesisServer(WebApplication app, KinesisApi api, SigV4Verifier verifier, ILogger log, string http2Socket)
    {
        _http2Socket = http2Socket;
        _app = app;
        _api = api;
        _verifier = verifier;
        _log = log;
    }

    /// <summary>The address it listens on, with the port the system chose when asked for port 0.</summary>
    public Uri Endpoint { get; private set; } = null!;

    /// <param name="http2Socket">Where the HTTP/2 listener's Unix socket goes (see <see cref="CleartextHttp2Detector"/>); a stale one left by a killed process is replaced.</param>
    public static async Task<KinesisServer> StartAsync(StreamsService service, AwsCredentials credentials, IPEndPoint listen, string http2Socket, ILoggerFactory loggers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(loggers);
        File.Delete(http2Socket);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(listen, o => o.Use(CleartextHttp2Detector.Middleware(http2Socket)));
            k.ListenUnixSocket(http2Socket, o => o.Protocols = HttpProtocols.Http2);
            k.Limits.MaxRequestBodySize = MaxBodyBytes;
            k.AddServerHeader = false;
        });
        var app = builder.Build();
        var log = loggers.CreateLogger("kinesis");
        var server = new KinesisServer(app, new KinesisApi(service, log), new SigV4Verifier(credentials, service.Clock), log, http2Socket);
        app.Run(server.HandleAsync);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        server.Endpoint = new Uri(app.Urls.First(u => u.StartsWith("http://", StringComparison.Ordinal) && !u.StartsWith("http://unix:", StringComparison.Ordinal)));
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers["x-amzn-RequestId"] = context.TraceIdentifier;
        var (bodyBuffer, bodyLength) = (Array.Empty<byte>(), 0);
        var cbor = (context.Request.ContentType ?? "").StartsWith("application/x-amz-cbor", StringComparison.OrdinalIgnoreCase);
        try
        {
            (bodyBuffer, bodyLength) = await ReadBodyAsync(context.Request, context.RequestAborted).ConfigureAwait(false);
            var body = bodyBuffer.AsMemory(0, bodyLength);
            _verifier.Verify(ToSignedRequest(context, body));
            var target = context.Request.Headers["X-Amz-Target"].ToString();
            if (!target.StartsWith(TargetPrefix, StringComparison.Ordinal)) throw KinesisErrors.UnknownOperation(target);
            using var transcoded = cbor ? new PooledBufferWriter(Math.Max(256, 2 * body.Length)) : null;
            if (transcoded is not null && body.Length > 0)
            {
                // CBOR is the JSON protocol in another encoding: the operations read JSON (see CborTranscoder).
                CborTranscoder.ToJson(body, transcoded);
                body = MemoryMarshal.AsMemory(transcoded.WrittenMemory);
            }
            JsonDocument document;
            try { document = JsonDocument.Parse(body.Length == 0 ? "{}"u8.ToArray() : body); }
            catch (JsonException e) { throw KinesisErrors.Serialization($"The request body is not valid JSON: {e.Message}"); }
            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object) throw KinesisErrors.Serialization("The request body must be a JSON object.");
                if (target.AsSpan(TargetPrefix.Length).SequenceEqual("SubscribeToShard"))
                {
                    // The one operation whose answer is a stream of events, not one JSON object.
                    await _api.SubscribeToShardAsync(new RequestArgs(document.RootElement), response, context.RequestAborted).ConfigureAwait(false);
                    return;
                }
                using var output = new PooledBufferWriter(4096);
                await using (var writer = new Utf8JsonWriter(output, OutputOptions))
                    await _api.InvokeAsync(target[TargetPrefix.Length..], new RequestArgs(document.RootElement), writer, context.RequestAborted).ConfigureAwait(false);
                response.StatusCode = 200;
                if (cbor)
                {
                    var encoded = CborTranscoder.FromJson(output.WrittenMemory);
                    response.ContentType = CborTranscoder.ContentType;
                    response.ContentLength = encoded.Length;
                    await response.Body.WriteAsync(encoded, context.RequestAborted).ConfigureAwait(false);
                }
                else
                {
                    response.ContentType = JsonContentType;
                    response.ContentLength = output.WrittenCount;
                    await response.Body.WriteAsync(output.WrittenMemory, context.RequestAborted).ConfigureAwait(false);
                }
            }
        }
        catch (KinesisException e)
        {
            await WriteErrorAsync(response, cbor, e.Type, e.Message, e.Status).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            await WriteErrorAsync(response, cbor, "ValidationException", $"The request is malformed or too large: {e.Message}", e.StatusCode).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is nobody to answer.
        }
        catch (ObjectDisposedException)
        {
            // The stream was deleted (its shards closed) while this request used it.
            await WriteErrorAsync(response, cbor, "ResourceNotFoundException", "The stream was deleted while the request was served.", 400).ConfigureAwait(false);
        }
        catch (Exception e) when (e is VolumeUnavailableException or VolumeFencedException or TimeoutException)
        {
            _log.LogError(e, "{Target} failed on the storage fleet", context.Request.Headers["X-Amz-Target"].ToString());
            await WriteErrorAsync(response, cbor, "InternalFailure", $"The storage fleet could not serve the request: {e.Message}", 500).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any other failure is a bug of ours: answer 500 and log it, never drop the connection or crash.
        catch (Exception e)
#pragma warning restore CA1031
        {
            _log.LogError(e, "{Target} failed", context.Request.Headers["X-Amz-Target"].ToString());
            await WriteErrorAsync(response, cbor, "InternalFailure", "Internal service failure.", 500).ConfigureAwait(false);
        }
        finally
        {
            if (bodyBuffer.Length > 0) ArrayPool<byte>.Shared.Return(bodyBuffer);
        }
    }

    /// <summary>
    /// The body in a pooled array (returned when the request is answered): PutRecords bodies are
    /// up to ~7 MB of JSON, read once, straight into place when the length is declared.
    /// </summary>
    private static async Task<(byte[] Buffer, int Length)> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var declared = request.ContentLength;
        var buffer = ArrayPool<byte>.Shared.Rent(declared is > 0 and <= MaxBodyBytes ? (int)declared.Value + 1 : 16 * 1024);
        var length = 0;
        try
        {
            while (true)
            {
                if (length == buffer.Length)
                {
                    var bigger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(bigger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = bigger;
                }
                var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
                if (read == 0) return (buffer, length);
                length += read;
            }
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    private static SigV4Verifier.SignedRequest ToSignedRequest(HttpContext context, ReadOnlyMemory<byte> body)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.ToUriComponent();
        var question = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = question < 0 ? rawTarget : rawTarget[..question];
        var query = question < 0 ? "" : rawTarget[(question + 1)..];
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, values) in context.Request.Headers) headers[name.ToLowerInvariant()] = string.Join(',', values.ToArray());
        // Over HTTP/2 the JavaScript SDK signs the ":authority" pseudo-header by that name; Kestrel files it as Host.
        if (context.Request.Protocol == "HTTP/2" && headers.TryGetValue("host", out var authority)) headers[":authority"] = authority;
        return new SigV4Verifier.SignedRequest(context.Request.Method, path, query, headers, body);
    }

    /// <summary>The AWS error, in the request's encoding: a JSON or CBOR map of <c>__type</c> and <c>message</c>.</summary>
    private static async Task WriteErrorAsync(HttpResponse response, bool cbor, string type, string message, int status)
    {
        if (response.HasStarted) return;
        response.StatusCode = status;
        response.ContentType = cbor ? CborTranscoder.ContentType : JsonContentType;
        response.Headers["x-amzn-ErrorType"] = type;
        var output = new System.Buffers.ArrayBufferWriter<byte>(256);
        await using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartObject();
            writer.WriteString("__type", type);
            writer.WriteString("message", message);
            writer.WriteEndObject();
        }
        await response.Body.WriteAsync(cbor ? CborTranscoder.FromJson(output.WrittenMemory) : output.WrittenMemory).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        File.Delete(_http2Socket);
    }
}
