using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Web;

namespace ChatBot.Tests.WeCom;

/// <summary>An in-memory stand-in for qyapi.weixin.qq.com: records every request and answers with a callback.</summary>
internal sealed class FakeWeComServer(Func<RecordedRequest, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    public FakeWeComServer(Func<RecordedRequest, HttpResponseMessage> respond)
        : this(request => Task.FromResult(respond(request)))
    {
    }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public IReadOnlyList<RecordedRequest> To(string path) => Requests.Where(r => r.Uri.AbsolutePath.EndsWith(path, StringComparison.Ordinal)).ToList();

    public static HttpResponseMessage Json(string json) =>
        new(HttpStatusCode.OK) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    public static HttpResponseMessage Ok() => Json("""{"errcode":0,"errmsg":"ok"}""");

    public static HttpResponseMessage Error(int errcode) => Json($$"""{"errcode":{{errcode}},"errmsg":"fake error"}""");

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(request.Method, request.RequestUri!, body, request.Content?.Headers.ContentType?.MediaType);
        Requests.Enqueue(recorded);
        return await respond(recorded);
    }
}

internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, string? Body, string? MediaType)
{
    public string? Query(string name) => HttpUtility.ParseQueryString(Uri.Query)[name];

    public JsonNode Json => JsonNode.Parse(Body!)!;
}
