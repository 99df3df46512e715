using System.Threading.Channels;

namespace ChatBot.Bot.Channels.WeCom.Delivery;

/// <summary>
/// Work that must not hold a WeCom callback open (WeCom retries after 5 seconds): turns of the self-built app and
/// late smart-robot answers. Runs a few items at once; every failure is logged, none is lost silently.
/// </summary>
internal sealed class WeComBackgroundQueue(ILogger<WeComBackgroundQueue> log) : BackgroundService
{
    private const int Parallelism = 4;
    private readonly Channel<(string What, Func<CancellationToken, Task> Work)> _items =
        Channel.CreateUnbounded<(string, Func<CancellationToken, Task>)>(new UnboundedChannelOptions { SingleReader = true });
    private int _pending;

    /// <summary>Items queued or running; tests wait for it to reach zero.</summary>
    public int Pending => Volatile.Read(ref _pending);

    public void Enqueue(string what, Func<CancellationToken, Task> work)
    {
        Interlocked.Increment(ref _pending);
        if (!_items.Writer.TryWrite((what, work)))
        {
            Interlocked.Decrement(ref _pending);
            throw new InvalidOperationException("The WeCom background queue is closed.");
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(Parallelism);
        var running = new List<Task>();
        try
        {
            await foreach (var (what, work) in _items.Reader.ReadAllAsync(stoppingToken))
            {
                await slots.WaitAsync(stoppingToken);
                running.RemoveAll(t => t.IsCompleted);
                running.Add(Task.Run(async () =>
                {
                    try { await work(stoppingToken); }
                    catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
                    catch (Exception ex) { log.LogError(ex, "WeCom background work '{What}' failed", what); }
                    finally { slots.Release(); Interlocked.Decrement(ref _pending); }
                }, CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        await Task.WhenAll(running);
    }
}
