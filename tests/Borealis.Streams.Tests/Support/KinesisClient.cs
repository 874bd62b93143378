using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Borealis.Streams.Tests.Support;

/// <summary>A minimal Kinesis JSON 1.1 client: signs each call and hands back the status and the parsed body.</summary>
public sealed class KinesisClient(Uri endpoint, string accessKeyId, string secret, TimeProvider clock) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = endpoint, Timeout = TimeSpan.FromSeconds(60) };

    public sealed record Reply(HttpStatusCode Status, JsonElement Body)
    {
        public string? ErrorType => Body.TryGetProperty("__type", out var t) ? t.GetString() : null;
        public string Message => Body.TryGetProperty("message", out var m) ? m.GetString() ?? "" : "";
    }

    /// <summary>Calls an operation; signs with <paramref name="secretOverride"/> instead when given (to test bad signatures).</summary>
    public async Task<Reply> CallAsync(string operation, JsonObject request, string? secretOverride = null, string? keyOverride = null)
    {
        var body = Encoding.UTF8.GetBytes(request.ToJsonString());
        return await SendRawAsync(operation, body, sign: true, secretOverride, keyOverride);
    }

    public async Task<Reply> SendRawAsync(string operation, byte[] body, bool sign, string? secretOverride = null, string? keyOverride = null, string contentType = "application/x-amz-json-1.1")
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint);
        message.Headers.Add("X-Amz-Target", "Kinesis_20131202." + operation);
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        if (sign) SigV4Signer.Sign(message, body, keyOverride ?? accessKeyId, secretOverride ?? secret, clock.GetUtcNow());
        using var response = await _http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
        return new Reply(response.StatusCode, document.RootElement.Clone());
    }

    /// <summary>Posts a body as is (signed) and hands back the status, content type and bytes, for the CBOR protocol.</summary>
    public async Task<(HttpStatusCode Status, string? ContentType, byte[] Body)> PostAsync(string operation, byte[] body, string contentType)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint);
        message.Headers.Add("X-Amz-Target", "Kinesis_20131202." + operation);
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(contentType);
        SigV4Signer.Sign(message, body, accessKeyId, secret, clock.GetUtcNow());
        using var response = await _http.SendAsync(message);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsByteArrayAsync());
    }

    /// <summary>Calls SubscribeToShard and hands back the response as soon as its headers are in: the body is an event stream that goes on.</summary>
    public async Task<HttpResponseMessage> SubscribeAsync(JsonObject request, CancellationToken cancellationToken = default)
    {
        var body = Encoding.UTF8.GetBytes(request.ToJsonString());
        // Over HTTP/2 with prior knowledge, as the AWS SDKs subscribe.
        using var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact };
        message.Headers.Add("X-Amz-Target", "Kinesis_20131202.SubscribeToShard");
        message.Content = new ByteArrayContent(body);
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        SigV4Signer.Sign(message, body, accessKeyId, secret, clock.GetUtcNow());
        return await _http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
    }

    /// <summary>Calls and insists on success.</summary>
    public async Task<JsonElement> OkAsync(string operation, JsonObject request)
    {
        var reply = await CallAsync(operation, request);
        Assert.True(reply.Status == HttpStatusCode.OK, $"{operation} failed: {(int)reply.Status} {reply.Body}");
        return reply.Body;
    }

    /// <summary>Calls and insists on the AWS error <paramref name="type"/> with HTTP 400.</summary>
    public async Task<Reply> FailsAsync(string operation, JsonObject request, string type)
    {
        var reply = await CallAsync(operation, request);
        Assert.True(reply.Status == HttpStatusCode.BadRequest && reply.ErrorType == type, $"{operation}: expected 400 {type}, got {(int)reply.Status} {reply.Body}");
        return reply;
    }

    public void Dispose() => _http.Dispose();
}
