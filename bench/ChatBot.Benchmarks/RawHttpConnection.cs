using System.Buffers.Text;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ChatBot.Benchmarks;

/// <summary>
/// One keep-alive HTTP/1.1 connection that posts prepared bodies and reads the status and Content-Length of each answer,
/// as a load tool like wrk does. The load generator shares the two cores with the bot; HttpClient's per-request work
/// (headers collections, content objects, a pooled-connection lookup) would be measured as if it were the bot's.
/// </summary>
internal sealed class RawHttpConnection(Uri baseAddress) : IDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
    private readonly byte[] _receive = new byte[16 * 1024];
    private readonly Dictionary<(string Path, int Length), byte[]> _heads = [];
    private byte[] _send = new byte[8 * 1024];
    private int _buffered, _start;

    public async Task ConnectAsync() =>
        await _socket.ConnectAsync(new IPEndPoint(IPAddress.Parse(baseAddress.Host), baseAddress.Port));

    /// <summary>POSTs the JSON body and returns the status code once the whole answer has been read.</summary>
    public async Task<int> PostAsync(string path, ReadOnlyMemory<byte> body)
    {
        if (!_heads.TryGetValue((path, body.Length), out var head))
            _heads[(path, body.Length)] = head = Encoding.ASCII.GetBytes(
                $"POST {path} HTTP/1.1\r\nHost: {baseAddress.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\n\r\n");
        var length = head.Length + body.Length;
        if (_send.Length < length) _send = new byte[length * 2];
        head.CopyTo(_send, 0);
        body.CopyTo(_send.AsMemory(head.Length));
        for (var sent = 0; sent < length;)
            sent += await _socket.SendAsync(_send.AsMemory(sent, length - sent), SocketFlags.None);
        return await ReadResponseAsync();
    }

    private async Task<int> ReadResponseAsync()
    {
        while (true)
        {
            var headEnd = _receive.AsSpan(_start, _buffered).IndexOf("\r\n\r\n"u8);
            if (headEnd >= 0)
            {
                var head = _receive.AsSpan(_start, headEnd);
                var status = ParseStatus(head);
                var contentLength = ParseContentLength(head);
                var total = headEnd + 4 + contentLength;
                while (_buffered < total) await FillAsync();
                _start += total;
                _buffered -= total;
                if (_buffered == 0) _start = 0;
                return status;
            }
            await FillAsync();
        }
    }

    private async Task FillAsync()
    {
        if (_start > 0)
        {
            _receive.AsSpan(_start, _buffered).CopyTo(_receive);
            _start = 0;
        }
        if (_buffered == _receive.Length) throw new HttpRequestException("answer larger than the load client's buffer");
        var read = await _socket.ReceiveAsync(_receive.AsMemory(_buffered), SocketFlags.None);
        if (read == 0) throw new HttpRequestException("the server closed the connection");
        _buffered += read;
    }

    private static int ParseStatus(ReadOnlySpan<byte> head) =>
        head.Length >= 12 && Utf8Parser.TryParse(head.Slice(9, 3), out int status, out _) ? status
            : throw new HttpRequestException("not an HTTP/1.1 status line");

    private static int ParseContentLength(ReadOnlySpan<byte> head)
    {
        foreach (var range in head.Split("\r\n"u8))
        {
            var line = head[range];
            if (line.Length > 15 && Ascii.EqualsIgnoreCase(line[..15], "content-length:"u8))
                return Utf8Parser.TryParse(line[15..].Trim((byte)' '), out int n, out _) ? n : throw new HttpRequestException("bad Content-Length");
            if (line.Length > 18 && Ascii.EqualsIgnoreCase(line[..18], "transfer-encoding:"u8))
                throw new HttpRequestException("chunked answers are not read by the load client");
        }
        return 0;
    }

    public void Dispose() => _socket.Dispose();
}
