using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.Forms;
using ChatBot.Storage.Engine;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatBot.Tests.WeCom;

/// <summary>Form links are signed, expire, and are used once, on both providers and across two instances.</summary>
public class WeComFormTokensTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 10, 1, 0, 0, TimeSpan.Zero);

    private static WeComFormTokens Tokens(DocumentDatabase db, TimeProvider clock, string? signingKey = null) =>
        new(db, clock, Options.Create(new WeComOptions { FormSigningKey = signingKey ?? "" }));

    private static WeComForm Form() => new()
    {
        WorkspaceId = "wecom:bot:chat-1", UserKey = "wecom:zhangsan", ConversationId = "chat-1", StateKey = "wecom:bot:chat-1:zhangsan",
        CardJson = """{"type":"AdaptiveCard","body":[]}""",
    };

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_token_is_valid_until_used_once(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var clock = new FakeTimeProvider(Now);
        var tokens = Tokens(db, clock);
        var token = tokens.Issue(Form());

        Assert.Equal(WeComFormCheck.Valid, tokens.Check(token).Check);
        Assert.Equal(WeComFormCheck.Valid, tokens.Check(token).Check); // checking (showing the page) does not use it
        clock.Advance(TimeSpan.FromMinutes(3));
        var (used, form) = tokens.Use(token);
        Assert.Equal(WeComFormCheck.Valid, used);
        Assert.Equal("wecom:zhangsan", form!.UserKey);

        Assert.Equal(WeComFormCheck.Used, tokens.Use(token).Check);
        var (check, stored) = Tokens(db, clock).Check(token); // another instance of the class reads the same
        Assert.Equal(WeComFormCheck.Used, check);
        Assert.Equal(Now.AddMinutes(3), stored!.UsedUtc);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void An_altered_or_malformed_token_is_refused_and_uses_nothing(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var tokens = Tokens(db, new FakeTimeProvider(Now));
        var token = tokens.Issue(Form());
        var parts = token.Split('.');

        Assert.Equal(WeComFormCheck.Forged, tokens.Use($"{parts[0]}.{parts[1]}.{new string('A', parts[2].Length)}").Check);
        Assert.Equal(WeComFormCheck.Forged, tokens.Use($"{parts[0]}.{long.Parse(parts[1]) + 3600}.{parts[2]}").Check); // a later expiry
        Assert.Equal(WeComFormCheck.Forged, tokens.Use($"funknown.{parts[1]}.{parts[2]}").Check);
        Assert.Equal(WeComFormCheck.Malformed, tokens.Use("not-a-token").Check);
        Assert.Equal(WeComFormCheck.Malformed, tokens.Use(null).Check);
        Assert.Equal(WeComFormCheck.Valid, tokens.Use(token).Check);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void A_token_expires_after_30_minutes_and_its_form_is_pruned_a_day_later(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var clock = new FakeTimeProvider(Now);
        var tokens = Tokens(db, clock);
        var token = tokens.Issue(Form());
        clock.Advance(TimeSpan.FromMinutes(30)); // 01:30 UTC, the expiry itself

        Assert.Equal(WeComFormCheck.Expired, tokens.Use(token).Check);
        Assert.Null(tokens.Check(token).Form!.UsedUtc); // an expired form is not marked used

        // Expired at 01:30 on 10 March: kept through 01:30 on 11 March ("expired" rather than "unknown"), then removed.
        Assert.Equal(0, tokens.PruneExpired(new DateTimeOffset(2026, 3, 11, 1, 30, 0, TimeSpan.Zero)));
        Assert.Equal(WeComFormCheck.Expired, tokens.Check(token).Check);
        Assert.Equal(1, tokens.PruneExpired(new DateTimeOffset(2026, 3, 11, 1, 30, 1, TimeSpan.Zero)));
        Assert.Equal(WeComFormCheck.Forged, tokens.Check(token).Check);
    }

    [Theory, MemberData(nameof(StorageProviders.All), MemberType = typeof(StorageProviders))]
    public void Without_a_configured_key_every_instance_signs_with_the_one_stored_in_the_database(string provider)
    {
        using var db = StorageProviders.Open(provider);
        var clock = new FakeTimeProvider(Now);
        var token = Tokens(db, clock).Issue(Form());
        Assert.Equal(WeComFormCheck.Valid, Tokens(db, clock).Check(token).Check);
        // A configured key replaces the stored one: the old links no longer verify.
        Assert.Equal(WeComFormCheck.Forged, Tokens(db, clock, "a-configured-key-of-32-characters").Check(token).Check);
    }

    [Fact]
    public async Task A_token_used_at_once_from_two_instances_is_accepted_once()
    {
        using var instances = new TwoPostgresInstances();
        var clock = new FakeTimeProvider(Now);
        var a = Tokens(instances.A, clock);
        var b = Tokens(instances.B, clock);
        var tokens = Enumerable.Range(0, 20).Select(_ => a.Issue(Form())).ToList();

        var uses = await TwoPostgresInstances.AllAtOnce(tokens.SelectMany(token => Enumerable.Range(0, 4).Select(i =>
            new Func<(string Token, WeComFormCheck Check)>(() => (token, (i % 2 == 0 ? a : b).Use(token).Check)))));

        foreach (var token in tokens)
        {
            var checks = uses.Where(u => u.Token == token).Select(u => u.Check).ToList();
            Assert.Equal(1, checks.Count(c => c == WeComFormCheck.Valid));
            Assert.Equal(3, checks.Count(c => c == WeComFormCheck.Used));
        }
    }
}
