namespace ChatBot.Bot.Hosting;

/// <summary>
/// Where the bot reads its settings: appsettings.json next to ChatBot.Bot.dll, whatever the working directory. A
/// service unit usually starts it as `cd /srv/data &amp;&amp; dotnet /opt/chatbot/ChatBot.Bot.dll`; with ASP.NET Core's
/// default content root (the working directory) that would silently skip the bot's settings. An explicit content root
/// (--contentRoot, DOTNET_CONTENTROOT, ASPNETCORE_CONTENTROOT; the test host sets one) still wins. Relative data paths
/// (Bot:DatabasePath) stay relative to the working directory: see docs/deployment.md.
/// </summary>
internal static class ProgramFolder
{
    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = ExplicitContentRoot(args) is null ? AppContext.BaseDirectory : null,
    };

    /// <summary>The content root asked for on the command line or in the environment, read as the host reads it.</summary>
    public static string? ExplicitContentRoot(string[] args)
    {
        var config = new ConfigurationBuilder()
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddEnvironmentVariables("DOTNET_")
            .AddCommandLine(args)
            .Build();
        return config[WebHostDefaults.ContentRootKey] is { Length: > 0 } root ? root : null;
    }
}
