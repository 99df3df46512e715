using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>Reads request bodies with a size limit and shapes error answers as small JSON problems, never stack traces.</summary>
internal static class HttpBody
{
    public readonly record struct Result(byte[] Bytes, IResult? Error);

    public static async Task<Result> ReadLimitedAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
            return new([], Problem(413, $"The body is larger than {maxBytes / 1024} KB."));
        try
        {
            // With a Content-Length (every Bot Connector post has one) the body is read straight into its own array;
            // this runs on every turn, so no growing buffer and no copy.
            if (request.ContentLength is > 0 and var length) return await ReadExactlyAsync(request.Body, (int)length, ct);
            return await ReadChunkedAsync(request.Body, maxBytes, ct);
        }
        catch (Exception ex) when (ex is IOException or Microsoft.AspNetCore.Http.BadHttpRequestException)
        {
            return new([], Problem(400, "The request body could not be read."));
        }
    }

    private static async Task<Result> ReadExactlyAsync(Stream body, int length, CancellationToken ct)
    {
        var bytes = new byte[length];
        var read = await body.ReadAtLeastAsync(bytes, length, throwOnEndOfStream: false, ct);
        if (read < length) return new([], Problem(400, "The request body is shorter than its Content-Length."));
        return new(bytes, null);
    }

    private static async Task<Result> ReadChunkedAsync(Stream body, int maxBytes, CancellationToken ct)
    {
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            using var buffer = new MemoryStream();
            int read;
            while ((read = await body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes) return new([], Problem(413, $"The body is larger than {maxBytes / 1024} KB."));
                buffer.Write(chunk, 0, read);
            }
            if (buffer.Length == 0) return new([], Problem(400, "The request body is empty."));
            return new(buffer.ToArray(), null);
        }
        finally { System.Buffers.ArrayPool<byte>.Shared.Return(chunk); }
    }

    public static IResult Problem(int status, string reason) =>
        Results.Json(new { error = reason, status }, statusCode: status);
}
