namespace ChatBot.Bot.Hosting;

/// <summary>The values of Bot:Storage.</summary>
internal static class BotStorage
{
    public const string LiteDb = "litedb", Postgres = "postgres";
}
