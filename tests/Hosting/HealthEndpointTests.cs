using System.Net;
using System.Text.Json.Nodes;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Hosting;
using ChatBot.Storage.Engine;
using ChatBot.Tests.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace ChatBot.Tests.Hosting;

/// <summary>Issue #27: /healthz reports the database (provider, answering or not), /readyz is 503 until the migrations are done.</summary>
public class HealthEndpointTests
{
    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public async Task Healthz_and_readyz_show_the_provider_and_that_the_database_answers(string provider)
    {
        using var host = provider == "postgres" ? BotHost.OnPostgres() : new BotHost();
        var http = host.CreateClient();
        foreach (var path in new[] { "/healthz", "/readyz" })
        {
            var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("ok", (string)body["status"]!);
            Assert.Equal(provider, (string)body["database"]!["provider"]!);
            Assert.True((bool)body["database"]!["ok"]!);
        }
    }

    [Fact]
    public async Task Healthz_and_readyz_are_503_when_PostgreSQL_stops_answering()
    {
        var database = PostgresServer.NewDatabase();
        using var host = BotHost.OnPostgres(database);
        var http = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/healthz")).StatusCode);

        using (var admin = new NpgsqlConnection(PostgresServer.ConnectionString))
        {
            admin.Open();
            using var drop = new NpgsqlCommand($"drop database \"{new NpgsqlConnectionStringBuilder(database).Database}\" with (force)", admin);
            drop.ExecuteNonQuery();
        }
        foreach (var path in new[] { "/healthz", "/readyz" })
        {
            var response = await http.GetAsync(path);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("unavailable", (string)body["status"]!);
            Assert.Equal("postgres", (string)body["database"]!["provider"]!);
            Assert.False((bool)body["database"]!["ok"]!);
            Assert.False(string.IsNullOrWhiteSpace((string?)body["database"]!["problem"])); // what the server said
        }
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public async Task Readyz_is_503_until_the_database_is_open_and_migrated(string provider)
    {
        using var migrated = new ManualResetEventSlim();
        var services = new ServiceCollection();
        services.AddSingleton(Options.Create(new BotOptions { Storage = provider }));
        services.AddSingleton<DocumentDatabase>(_ =>
        {
            migrated.Wait(TimeSpan.FromSeconds(30)); // stands for the migrations still running
            return StorageProviders.Open(provider);
        });
        services.AddSingleton<IHostApplicationLifetime, NoLifetime>();
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        StartupReadiness.Register(services);
        services.AddSingleton<DatabaseProbe>();
        await using var sp = services.BuildServiceProvider();
        var readiness = sp.GetRequiredService<StartupReadiness>();
        var probe = sp.GetRequiredService<DatabaseProbe>();
        readiness.Begin();

        var before = await HealthEndpoints.HealthAsync(readiness, probe, null, TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, ((IStatusCodeHttpResult)before).StatusCode);
        Assert.Contains("\"starting\"", await Body(before));

        migrated.Set();
        await readiness.DatabaseOpen.WaitAsync(TimeSpan.FromSeconds(60));
        var after = await HealthEndpoints.HealthAsync(readiness, probe, null, TimeSpan.Zero, CancellationToken.None);
        Assert.Equal(StatusCodes.Status200OK, ((IStatusCodeHttpResult)after).StatusCode);
        Assert.Contains($"\"provider\":\"{provider}\",\"ok\":true", await Body(after));
    }

    private static async Task<string> Body(IResult result)
    {
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        using var body = new MemoryStream();
        context.Response.Body = body;
        await result.ExecuteAsync(context);
        return System.Text.Encoding.UTF8.GetString(body.ToArray());
    }

    private sealed class NoLifetime : IHostApplicationLifetime
    {
        public CancellationToken ApplicationStarted => CancellationToken.None;
        public CancellationToken ApplicationStopping => CancellationToken.None;
        public CancellationToken ApplicationStopped => CancellationToken.None;
        public void StopApplication() => throw new InvalidOperationException("not expected in these tests");
    }
}
