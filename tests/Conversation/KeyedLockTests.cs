using ChatBot.Bot.Conversation;
using ChatBot.Storage.Postgres;
using ChatBot.Tests.Infrastructure;
using Npgsql;

namespace ChatBot.Tests.Conversation;

/// <summary>Turns of one conversation key run one at a time: in one process, and across instances on one PostgreSQL database.</summary>
public class KeyedLockTests
{
    [Fact]
    public async Task Two_instances_never_run_two_turns_of_one_conversation_at_once()
    {
        var connection = PostgresServer.NewDatabase();
        await using var sourceA = NpgsqlDataSource.Create(connection);
        await using var sourceB = NpgsqlDataSource.Create(connection);
        var instanceA = new KeyedLock(new PostgresAdvisoryLocks(sourceA));
        var instanceB = new KeyedLock(new PostgresAdvisoryLocks(sourceB));
        var inside = 0;
        var overlaps = 0;
        var turns = 0;

        var all = Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await using var _ = await (i % 2 == 0 ? instanceA : instanceB).AcquireAsync("msteams:conv-1|user-1", CancellationToken.None);
            if (Interlocked.Increment(ref inside) > 1) Interlocked.Increment(ref overlaps);
            await Task.Delay(5);
            Interlocked.Increment(ref turns);
            Interlocked.Decrement(ref inside);
        }));
        await Task.WhenAll(all);

        Assert.Equal(40, turns);
        Assert.Equal(0, overlaps);
    }

    [Fact]
    public async Task Another_conversation_is_not_held_up_and_a_dead_holder_releases_its_key()
    {
        var connection = PostgresServer.NewDatabase();
        var sourceA = NpgsqlDataSource.Create(connection);
        await using var sourceB = NpgsqlDataSource.Create(connection);
        var instanceA = new KeyedLock(new PostgresAdvisoryLocks(sourceA));
        var instanceB = new KeyedLock(new PostgresAdvisoryLocks(sourceB));

        var held = await instanceA.AcquireAsync("conv-1", CancellationToken.None);
        await using (await instanceB.AcquireAsync("conv-2", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5))) { }

        var waiting = instanceB.AcquireAsync("conv-1", CancellationToken.None);
        await Task.Delay(300);
        Assert.False(waiting.IsCompleted);

        // Instance A dies holding the key: its connections are cut, and the server releases the lock with them.
        await using (var admin = new NpgsqlConnection(connection))
        {
            await admin.OpenAsync();
            await using var kill = new NpgsqlCommand(
                "select pg_terminate_backend(pid) from pg_locks where locktype = 'advisory' and granted and pid <> pg_backend_pid()", admin);
            await kill.ExecuteNonQueryAsync();
        }
        await using (await waiting.WaitAsync(TimeSpan.FromSeconds(10))) { }
        await held.DisposeAsync(); // the dead instance's release finds its connection gone: no error
        await sourceA.DisposeAsync();
    }
}
