using System.Text.RegularExpressions;
using ChatBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Playwright;

namespace ChatBot.Tests.EndToEnd;

/// <summary>
/// A clerk's session in the built-in Web Chat page: the real bot on Kestrel with its own database and the real clock
/// (no fake time: what the clerk sees is what today gives), driven through the rendered page in Chromium. Every
/// wait is for text the clerk can read; any console error or page error fails the journey, as does a bot bubble that
/// renders empty.
/// </summary>
public sealed class Journey : IAsyncDisposable
{
    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };
    private static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");
    private const string BotBubbles = ".webchat__bubble:not(.webchat__bubble--from-user)";
    private const string UserBubbles = ".webchat__bubble--from-user";

    private readonly BotHost _host;
    private readonly IBrowserContext _context;
    private readonly List<string> _consoleErrors = [];
    private readonly List<string> _consoleLog = [];
    private readonly string _name;
    private readonly bool _ownsHost;
    private int _mark;
    private int _userMark;
    private int _shots;

    private Journey(BotHost host, IBrowserContext context, IPage page, string locale, string name, bool ownsHost)
    {
        _host = host;
        _ownsHost = ownsHost;
        _context = context;
        Page = page;
        Locale = locale;
        _name = name;
    }

    public IPage Page { get; }
    public string Locale { get; }
    public bool IsZh => Locale == "zh-CN";
    public string BaseUrl { get; private set; } = "";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Today in Asia/Shanghai, by the real clock.</summary>
    public static DateTime Now => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).DateTime;
    public static DateOnly Today => DateOnly.FromDateTime(Now);

    public string T(string zh, string en) => IsZh ? zh : en;

    /// <summary>A service of the journey's bot, to seed records a clerk would have entered over the year.</summary>
    public T Service<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    /// <summary>The browser context of the journey, to open a link the bot gave in a page of its own.</summary>
    public IBrowserContext Context => _context;

    /// <summary>
    /// Starts a bot on a fresh database (a LiteDB file, or with <paramref name="storage"/> "postgres" a new PostgreSQL
    /// database) and opens the page at the desktop size in the given language (the page's own switch).
    /// </summary>
    public static async Task<Journey> StartAsync(JourneyBrowser browser, string locale, string name, string storage = "litedb")
    {
        Dictionary<string, string?> settings = new() { ["Reminders:Enabled"] = "false" };
        Action<IServiceCollection> realClock = services =>
        {
            // The real clock: the journeys see the dates a clerk sees today.
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(TimeProvider.System);
        };
        var host = storage switch
        {
            "litedb" => new BotHost(settings: settings, configure: realClock),
            "postgres" => BotHost.OnPostgres(settings: settings, configure: realClock),
            _ => throw new ArgumentException($"unknown storage '{storage}'", nameof(storage)),
        };
        host.UseKestrel(0);
        host.StartServer();
        return await OpenAsync(browser, host, locale, name, ownsHost: true);
    }

    /// <summary>
    /// A second person at the same bot: a browser context of their own (own local storage, so own Web Chat user id),
    /// whose page acts on the same local workspace, as a second member of one group chat. Disposed before the first.
    /// </summary>
    public Task<Journey> SecondUserAsync(JourneyBrowser browser, string name) => OpenAsync(browser, _host, Locale, name, ownsHost: false);

    private static async Task<Journey> OpenAsync(JourneyBrowser browser, BotHost host, string locale, string name, bool ownsHost)
    {
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            ViewportSize = Desktop, Locale = locale, TimezoneId = "Asia/Shanghai", AcceptDownloads = true,
        });
        var page = await context.NewPageAsync();
        var journey = new Journey(host, context, page, locale, name, ownsHost)
        {
            BaseUrl = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First(),
        };
        page.Console += (_, message) =>
        {
            lock (journey._consoleLog) journey._consoleLog.Add($"{message.Type}: {message.Text}");
            if (message.Type == "error") lock (journey._consoleErrors) journey._consoleErrors.Add("console: " + message.Text);
        };
        page.PageError += (_, error) => { lock (journey._consoleErrors) journey._consoleErrors.Add("page error: " + error); };
        await page.GotoAsync(journey.BaseUrl);
        await journey.WaitForGreetingAsync();
        if (locale != "zh-CN")
        {
            // The switch reloads the page into a new conversation; the new page marks its language on <html>.
            await page.Locator($"header .lang button[data-locale='{locale}']").ClickAsync();
            await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", locale, new() { Timeout = (float)journey.Timeout.TotalMilliseconds });
            await journey.WaitForGreetingAsync();
        }
        return journey;
    }

    private async Task WaitForGreetingAsync()
    {
        await Assertions.Expect(Page.Locator(BotBubbles).First).ToBeVisibleAsync(new() { Timeout = (float)Timeout.TotalMilliseconds });
        await Assertions.Expect(Page.Locator("#connecting")).ToBeHiddenAsync();
        _mark = 0;
        _userMark = 0;
        AssertNoConsoleErrors();
    }

    /// <summary>The greeting card (the first bot bubble with a card) of the page as it is now.</summary>
    public ILocator Greeting => Page.Locator(BotBubbles).Filter(new() { Has = Page.Locator(".ac-adaptiveCard") }).First;

    /// <summary>Types a line (Shift+Enter-free: a pasted text may hold line breaks) and sends it with Enter.</summary>
    public async Task SendAsync(string line)
    {
        await MarkAsync();
        var sendBox = Page.Locator("[data-id='webchat-sendbox-input']");
        await sendBox.FillAsync(line);
        await sendBox.PressAsync("Enter");
        // The clerk's own bubble shows at once; waiting for it keeps the next mark after it.
        var firstLine = line.Split('\n')[0].Trim();
        await WaitUntilAsync(async () => (await NewTextsAsync(UserBubbles, _userMark)).Any(t => t.Contains(firstLine, StringComparison.Ordinal)),
            () => $"my message \"{firstLine}\" to show");
    }

    /// <summary>Waits for a bot bubble that arrived after the last action and contains <paramref name="text"/>; returns it.</summary>
    public async Task<ILocator> ExpectBotAsync(string text) => await ExpectBotAsync(t => Plain(t).Contains(Plain(text), StringComparison.Ordinal), $"\"{text}\"");

    /// <summary>Web Chat's and the card renderer's markdown turn ' and " into ’ and ”; compare without that difference.</summary>
    public static string Plain(string text) =>
        text.Replace('\u2019', '\'').Replace('\u2018', '\'').Replace('\u201C', '"').Replace('\u201D', '"');

    public async Task<ILocator> ExpectBotAsync(Regex pattern) => await ExpectBotAsync(pattern.IsMatch, $"/{pattern}/");

    private async Task<ILocator> ExpectBotAsync(Func<string, bool> match, string what)
    {
        var index = -1;
        DateTime? emptySince = null;
        await WaitUntilAsync(async () =>
        {
            AssertNoConsoleErrors();
            var texts = await NewTextsAsync(BotBubbles, _mark);
            // A card the renderer refused shows as an empty bubble: say so at once rather than wait for text that never comes.
            if (texts.Any(t => t.Trim().Length == 0))
            {
                emptySince ??= DateTime.UtcNow;
                if (DateTime.UtcNow - emptySince > TimeSpan.FromSeconds(3))
                    Assert.Fail($"[{_name} {Locale}] a bot bubble rendered empty while waiting for {what}. The bot answered since the last action:\n{Transcript(texts)}{ConsoleLog()}");
            }
            else emptySince = null;
            var i = texts.FindIndex(t => match(t));
            if (i < 0) return false;
            var empty = texts.Take(i + 1).Select((t, n) => (t, n)).Where(x => x.t.Trim().Length == 0).ToList();
            if (empty.Count > 0) Assert.Fail($"[{_name}] a bot bubble rendered empty (bubble {_mark + empty[0].n + 1}) before {what}.");
            index = _mark + i;
            return true;
        }, () => $"a bot bubble containing {what}");
        return Page.Locator(BotBubbles).Nth(index);
    }

    /// <summary>Asserts that no bot bubble since the last action contains the text (after the expected ones arrived).</summary>
    public async Task AssertNoBotTextAsync(string text)
    {
        var texts = await NewTextsAsync(BotBubbles, _mark);
        Assert.False(texts.Any(t => t.Contains(text, StringComparison.Ordinal)),
            $"[{_name}] a bot bubble said \"{text}\":\n{string.Join("\n---\n", texts)}");
    }

    /// <summary>The texts of the bot bubbles since the last action.</summary>
    public Task<List<string>> NewBotTextsAsync() => NewTextsAsync(BotBubbles, _mark);

    /// <summary>Clicks a button on a card (by its title, exactly).</summary>
    public async Task ClickAsync(ILocator bubble, string button)
    {
        var target = bubble.GetByRole(AriaRole.Button, new() { Name = button, Exact = true });
        await target.ScrollIntoViewIfNeededAsync();
        await MarkAsync();
        // A submitted form is replaced where it stands by its receipt, which has no text bubble of its own: the text
        // sent with the form ("请修改后重新提交:") goes, and the bubbles after it move up one. What answers the click is
        // the receipt in the clicked card's place and whatever comes after it.
        var firstOfClicked = await bubble.EvaluateAsync<int>(@"(el, sel) => {
            const all = [...document.querySelectorAll(sel)], card = el.closest(sel) ?? el, i = all.indexOf(card);
            const activity = card.closest('.webchat__basic-transcript__activity');
            return i > 0 && activity && activity.contains(all[i - 1]) ? i - 1 : i;
        }", BotBubbles);
        if (firstOfClicked >= 0) _mark = Math.Min(_mark, firstOfClicked);
        await target.ClickAsync();
    }

    /// <summary>Clicks a clickable part of a card (a list item with a select action) showing the text.</summary>
    public async Task ClickItemAsync(ILocator bubble, string text)
    {
        var target = bubble.GetByRole(AriaRole.Button).Filter(new() { HasText = text }).First;
        await target.ScrollIntoViewIfNeededAsync();
        await MarkAsync();
        await target.ClickAsync();
    }

    /// <summary>Fills a card input found by its label (text, number, date, multi-line).</summary>
    public async Task FillAsync(ILocator bubble, string label, string value) =>
        await bubble.GetByLabel(label).First.FillAsync(value);

    /// <summary>Picks an option of a drop-down on a card, found by its label, by the option's visible title.</summary>
    public async Task SelectAsync(ILocator bubble, string label, string option) =>
        await bubble.GetByLabel(label).First.SelectOptionAsync(new SelectOptionValue { Label = option });

    public async Task CheckAsync(ILocator bubble, string title) =>
        await bubble.GetByRole(AriaRole.Checkbox, new() { Name = title }).First.CheckAsync();

    /// <summary>Saves the page at the desktop and the phone size (TestResults/screenshots/journeys, git-ignored).</summary>
    public async Task ScreenshotAsync(string step)
    {
        var folder = Path.Combine(RepoPaths.Root, "TestResults", "screenshots", "journeys");
        Directory.CreateDirectory(folder);
        var n = ++_shots;
        var baseName = $"{_name}-{Locale}-{n:00}-{step}";
        await SettleAsync();
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, baseName + "-1280.png") });
        await Page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await SettleAsync();
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, baseName + "-390.png") });
        // On a phone the header stays one line: the language buttons must not wrap ("中" over "文").
        var header = await Page.EvaluateAsync<double[]>("() => [...document.querySelectorAll('header h1, header .lang button')].map(e => e.getBoundingClientRect().height)");
        Assert.All(header, h => Assert.True(h < 30, $"[{_name} {Locale}] at 390 px a header item is {h:0} px high (wrapped)."));
        await Page.SetViewportSizeAsync(Desktop.Width, Desktop.Height);
        await SettleAsync();
    }

    /// <summary>Scrolls the transcript to its end and lets the layout settle (Web Chat keeps the newest in view).</summary>
    private async Task SettleAsync()
    {
        await Page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        await Page.WaitForTimeoutAsync(150);
    }

    /// <summary>Waits for the browser to request a download link (e.g. after clicking an Action.OpenUrl button).</summary>
    public async Task<IRequest> WaitForRequestAsync(Func<IRequest, bool> match)
    {
        // On the context, not the page: the link opens in a new window.
        var seen = new TaskCompletionSource<IRequest>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnRequest(object? sender, IRequest request) { if (match(request)) seen.TrySetResult(request); }
        _context.Request += OnRequest;
        try { return await seen.Task.WaitAsync(Timeout); }
        catch (TimeoutException) { Assert.Fail($"[{_name} {Locale}] waited {Timeout.TotalSeconds:0} s for the browser to request the link."); throw; }
        finally { _context.Request -= OnRequest; }
    }

    /// <summary>GET from the bot with the browser's own request context.</summary>
    public async Task<byte[]> GetBytesAsync(string url)
    {
        var response = await _context.APIRequest.GetAsync(url);
        Assert.True(response.Ok, $"[{_name}] GET {url} answered {response.Status}");
        return await response.BodyAsync();
    }

    public void AssertNoConsoleErrors()
    {
        lock (_consoleErrors)
            if (_consoleErrors.Count > 0)
                Assert.Fail($"[{_name} {Locale}] the Web Chat page logged errors:\n{string.Join("\n", _consoleErrors)}");
    }

    private static string Transcript(List<string> texts) =>
        texts.Count == 0 ? "(nothing)" : string.Join("\n---\n", texts.Select(t => t.Trim().Length == 0 ? "(an empty bubble)" : t));

    private string ConsoleLog()
    {
        lock (_consoleLog) return _consoleLog.Count == 0 ? "" : "\nBrowser console:\n" + string.Join("\n", _consoleLog);
    }

    private async Task MarkAsync()
    {
        _mark = await Page.Locator(BotBubbles).CountAsync();
        _userMark = await Page.Locator(UserBubbles).CountAsync();
    }

    private async Task<List<string>> NewTextsAsync(string selector, int from)
    {
        var texts = await Page.Locator(selector).AllInnerTextsAsync();
        return texts.Skip(from).ToList();
    }

    private async Task WaitUntilAsync(Func<Task<bool>> condition, Func<string> what)
    {
        var deadline = DateTime.UtcNow + Timeout;
        while (true)
        {
            if (await condition()) return;
            if (DateTime.UtcNow > deadline)
            {
                var texts = await NewTextsAsync(BotBubbles, _mark);
                Assert.Fail($"[{_name} {Locale}] waited {Timeout.TotalSeconds:0} s for {what()}. The bot answered since the last action:\n"
                    + Transcript(texts) + ConsoleLog());
            }
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        try { await _context.DisposeAsync(); }
        finally { if (_ownsHost) _host.Dispose(); }
    }
}
