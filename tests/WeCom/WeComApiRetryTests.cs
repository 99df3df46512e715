using System.Net;
using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.App;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.WeCom;

public class WeComApiRetryTests
{
    [Fact]
    public async Task The_registered_api_client_retries_a_transient_server_error_with_polly()
    {
        var sendAttempts = 0;
        var server = new FakeWeComServer(request => request.Uri.AbsolutePath switch
        {
            "/cgi-bin/gettoken" => FakeWeComServer.Json("""{"errcode":0,"access_token":"T","expires_in":7200}"""),
            _ when Interlocked.Increment(ref sendAttempts) == 1 => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable),
            _ => FakeWeComServer.Json("""{"errcode":0,"errmsg":"ok","msgid":"m1"}"""),
        });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeCom:CorpId"] = "corp", ["WeCom:AgentId"] = "7", ["WeCom:AppSecret"] = "s", ["WeCom:ApiBaseUrl"] = "https://qyapi.test/",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddWeComChannel(configuration);
        services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => server));
        await using var provider = services.BuildServiceProvider();

        var result = await provider.GetRequiredService<WeComApiClient>().SendMarkdownAsync("zhangsan", "**hi**");

        Assert.True(result.IsSuccess);
        Assert.Equal("m1", result.MsgId);
        Assert.Equal(2, server.To("/cgi-bin/message/send").Count);
    }
}
