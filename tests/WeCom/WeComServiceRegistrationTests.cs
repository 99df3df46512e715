using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.App;
using ChatBot.Bot.Channels.WeCom.Crypto;
using ChatBot.Bot.Channels.WeCom.Delivery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using static ChatBot.Tests.WeCom.WeComTestKeys;

namespace ChatBot.Tests.WeCom;

public class WeComServiceRegistrationTests
{
    [Fact]
    public void Options_bind_from_configuration_and_clients_resolve()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["WeCom:CorpId"] = SampleCorpId,
            ["WeCom:AgentId"] = "1000002",
            ["WeCom:AppSecret"] = "from-config",
            ["WeCom:Token"] = SampleToken,
            ["WeCom:EncodingAesKey"] = SampleAesKey,
            ["WeCom:RobotToken"] = "robot-token",
            ["WeCom:RobotEncodingAesKey"] = OtherAesKey,
            ["WeCom:TimestampWindow"] = "00:02:00",
        }).Build();
        using var provider = new ServiceCollection().AddLogging().AddWeComChannel(configuration).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<WeComOptions>>().Value;

        Assert.Equal(1000002, options.AgentId);
        Assert.Equal(TimeSpan.FromMinutes(2), options.TimestampWindow);
        Assert.Equal(WeComOptions.DefaultApiBaseUrl, options.ApiBaseUrl);
        Assert.Equal(SampleCorpId, options.CreateAppCrypto().ReceiveId);
        Assert.Equal("", options.CreateRobotCrypto().ReceiveId);
        Assert.NotNull(provider.GetRequiredService<WeComApiClient>());
        Assert.NotNull(provider.GetRequiredService<WeComWebhookSender>());
        Assert.Same(provider.GetRequiredService<WeComAccessTokenCache>(), provider.GetRequiredService<WeComAccessTokenCache>());
        Assert.Same(provider.GetRequiredService<WeComWebhookRateLimiter>(), provider.GetRequiredService<WeComWebhookRateLimiter>());
        Assert.NotNull(provider.GetRequiredService<WeComTimestampValidator>());
    }
}
