namespace ChatBot.Bot.Hosting;

/// <summary>The database connection strings (ASP.NET Core's ConnectionStrings section).</summary>
internal sealed class ConnectionStringsOptions
{
    public const string Section = "ConnectionStrings";

    /// <summary>The PostgreSQL database used when Bot:Storage is postgres (Npgsql's key=value form).</summary>
    public string Postgres { get; set; } = "";
}
