using ChatBot.Bot.Hosting;
using Microsoft.AspNetCore.Http;

namespace ChatBot.Tests.Hosting;

public class PublicBaseUrlTests
{
    [Fact]
    public void The_setting_wins_without_its_trailing_slash()
    {
        Assert.Equal("https://bot.example.test/chat", PublicBaseUrl.For("https://bot.example.test/chat/", Request("http", "10.0.0.5:3978", "")));
    }

    [Fact]
    public void Without_a_setting_the_request_gives_scheme_host_and_path_base()
    {
        Assert.Equal("https://bot.example.test/chat", PublicBaseUrl.For(" ", Request("https", "bot.example.test", "/chat")));
    }

    [Fact]
    public void Without_a_setting_or_a_request_it_is_the_local_address()
    {
        Assert.Equal("http://localhost:3978", PublicBaseUrl.For(null, null));
        Assert.Equal("http://localhost:3978", PublicBaseUrl.For(null, new DefaultHttpContext().Request));
    }

    private static HttpRequest Request(string scheme, string host, string pathBase)
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = scheme;
        request.Host = new HostString(host);
        request.PathBase = pathBase;
        return request;
    }
}
