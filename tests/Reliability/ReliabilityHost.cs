using System.Collections.Concurrent;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Tests.Conversation;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace ChatBot.Tests.Reliability;

/// <summary>
/// The bot with the engine tests' survey dialog (a real multi-step dialog with validated prompts) and a log sink that
/// keeps every error the bot logs: a turn that failed inside is answered with an apology and a 200, so the HTTP status
/// alone would hide it.
/// </summary>
internal static class ReliabilityHost
{
    public static BotHost Create(ErrorLog errors, string? db = null, Dictionary<string, string?>? settings = null) => new(db, settings, configure: services =>
    {
        services.AddSingleton<Dialog, SurveyDialog>();
        services.AddSingleton<IBotCommand>(new BeginDialogCommand(SurveyDialog.Id, ["测试调查", "survey"], []));
        services.AddSingleton<ILoggerProvider>(errors);
    });
}

internal sealed class ErrorLog : ILoggerProvider
{
    public ConcurrentQueue<string> Errors { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>The first errors, each cut short (a fuzzed value can be megabytes long).</summary>
    public static string Summary(ErrorLog log) =>
        $"{log.Errors.Count} error(s) logged:\n" + string.Join("\n", log.Errors.Take(3).Select(e => e.Length > 700 ? e[..700] + "…" : e));
    public void Dispose() { }

    private sealed class Logger(ErrorLog sink, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel >= LogLevel.Error) sink.Errors.Enqueue($"{category}: {formatter(state, exception)} {exception}");
        }
    }
}

/// <summary>The reliability tests run one after another: each loads the machine on purpose, and each has a time bound.</summary>
[CollectionDefinition(Name)]
public sealed class ReliabilitySuite
{
    public const string Name = "Reliability";
}
