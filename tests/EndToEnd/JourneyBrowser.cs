using Microsoft.Playwright;

namespace ChatBot.Tests.EndToEnd;

/// <summary>
/// One headless Chromium per journey class (a class fixture): starting the browser is the slow part, a fresh context
/// per journey keeps the journeys apart (own local storage, so own Web Chat user and language). Fails, never skips,
/// when Chromium is missing.
/// </summary>
public sealed class JourneyBrowser : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync"],
        });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    public static string ChromiumPath()
    {
        var path = Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } configured ? configured : "/usr/bin/chromium";
        if (!File.Exists(path))
            Assert.Fail($"Chromium was not found at {path}. Install it (Debian/Ubuntu: apt-get install chromium fonts-noto-cjk) or set CHROMIUM_PATH; the journey tests do not download browsers.");
        return path;
    }
}

/// <summary>The journeys share the machine's two cores: one class at a time, each with its own browser.</summary>
[CollectionDefinition(Name)]
public sealed class JourneyCollection
{
    public const string Name = "Journeys";
}
