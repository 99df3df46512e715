using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.Postgres;
using ChatBot.Tests.Infrastructure;
using Npgsql;

namespace ChatBot.Tests.Storage;

/// <summary>
/// What the conversation engine relies on from <see cref="IDialogStateStore"/>, on both providers: the journaled LiteDB
/// store and <see cref="PostgresDialogStateStore"/>.
/// </summary>
public class DialogStateStoreContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);

    /// <summary>A new empty place for dialog state; each call of the result opens it anew (a restarted process).</summary>
    private static Func<(IDialogStateStore Store, IDisposable Closing)> Place(string provider)
    {
        if (provider == "litedb")
        {
            var path = TempPaths.NewDatabase();
            return () =>
            {
                var db = ChatBotDatabase.Open(path);
                var store = new JournaledDialogStateStore(db);
                return (store, new Closing(store, db));
            };
        }
        var connection = PostgresServer.NewDatabase();
        using (var schema = NpgsqlDataSource.Create(connection)) PostgresSchema.Migrate(schema);
        return () =>
        {
            var db = new PostgresDocumentDatabase(NpgsqlDataSource.Create(connection), ownsDataSource: true);
            return (new PostgresDialogStateStore(db), db);
        };
    }

    private sealed class Closing(params IDisposable[] inOrder) : IDisposable
    {
        public void Dispose()
        {
            foreach (var d in inOrder) d.Dispose();
        }
    }

    private static DialogStateRecord Record(string key, int version) => new()
    {
        Id = key, Json = $$"""{"dialogStack":[{"id":"mediation.create","step":{{version}}}]}""", Version = version,
        UpdatedUtc = Now.AddMinutes(version), HandledActivities = [$"message:act-{version}"],
    };

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public async Task Saved_state_loads_back_the_last_save_wins_and_a_delete_removes_it(string provider)
    {
        var (store, closing) = Place(provider)();
        using var _ = closing;
        Assert.Null(store.Load("conv-1|u1"));

        await store.SaveAsync(Record("conv-1|u1", 1));
        await store.SaveAsync(Record("conv-1|u2", 1));
        await store.SaveAsync(Record("conv-1|u1", 2));

        var loaded = store.Load("conv-1|u1")!;
        Assert.Equal((2, Record("conv-1|u1", 2).Json, Now.AddMinutes(2)), (loaded.Version, loaded.Json, loaded.UpdatedUtc));
        Assert.Equal(["message:act-2"], loaded.HandledActivities);
        Assert.Equal(1, store.Load("conv-1|u2")!.Version);

        store.Delete("conv-1|u1");
        Assert.Null(store.Load("conv-1|u1"));
        Assert.NotNull(store.Load("conv-1|u2"));
        store.Delete("conv-1|never-saved"); // nothing to delete: no error
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public async Task A_change_to_a_loaded_record_is_not_saved_until_it_is_saved(string provider)
    {
        var (store, closing) = Place(provider)();
        using var _ = closing;
        await store.SaveAsync(Record("k", 1));
        var loaded = store.Load("k")!;
        loaded.Json = "{}";
        loaded.Version = 99;
        Assert.Equal(1, store.Load("k")!.Version);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public async Task Saved_state_survives_reopening_the_database(string provider)
    {
        var place = Place(provider);
        var (store, closing) = place();
        using (closing)
        {
            await store.SaveAsync(Record("conv-1|u1", 3));
            await store.SaveAsync(Record("conv-1|u2", 1));
            store.Delete("conv-1|u2");
        }

        var (reopened, closingAgain) = place();
        using (closingAgain)
        {
            var loaded = reopened.Load("conv-1|u1")!;
            Assert.Equal((3, Record("conv-1|u1", 3).Json), (loaded.Version, loaded.Json));
            Assert.Equal(["message:act-3"], loaded.HandledActivities);
            Assert.Null(reopened.Load("conv-1|u2"));
        }
    }

    [Fact]
    public async Task On_one_PostgreSQL_database_the_state_one_instance_saved_is_what_the_other_loads()
    {
        using var instances = new TwoPostgresInstances();
        var a = new PostgresDialogStateStore(instances.A);
        var b = new PostgresDialogStateStore(instances.B);
        Assert.Null(b.Load("k")); // read once by b: it must not remember the absence
        await a.SaveAsync(Record("k", 1));
        Assert.Equal(1, b.Load("k")!.Version);
        await b.SaveAsync(Record("k", 2)); // the next turn ran on b
        Assert.Equal(2, a.Load("k")!.Version);
        a.Delete("k");
        Assert.Null(b.Load("k"));
    }
}
