using ChatBot.Storage.Engine;
using Microsoft.Extensions.Options;
using ChatBot.Storage.Migrations;
using ChatBot.Storage.Postgres;

namespace ChatBot.Bot.Hosting;

/// <summary>Whether the open database answers a trivial query now (for /healthz and /readyz).</summary>
internal sealed class DatabaseProbe(IServiceProvider services, IOptions<ChatBot.Bot.Conversation.BotOptions> bot)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    /// <summary>Bot:Storage.</summary>
    public string Provider => bot.Value.Storage;

    /// <summary>Null when the database answered; else what went wrong. Call it once the database is open.</summary>
    public async Task<string?> ProblemAsync(CancellationToken ct)
    {
        try
        {
            var db = services.GetRequiredService<DocumentDatabase>();
            if (db is PostgresDocumentDatabase postgres)
            {
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
                timeout.CancelAfter(Limit);
                await using var cmd = postgres.DataSource.CreateCommand("select 1");
                await cmd.ExecuteScalarAsync(timeout.Token);
            }
            else
                await Task.Run(() => db.Table(SchemaMigrator.Collection).Count(null), ct).WaitAsync(Limit, ct);
            return null;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { throw; }
        catch (Exception ex) { return ex is OperationCanceledException or TimeoutException ? $"no answer within {Limit.TotalSeconds:0} s" : ex.Message; }
    }
}
