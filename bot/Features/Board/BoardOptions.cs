namespace ChatBot.Bot.Features.Board;

/// <summary>The "Board" configuration section: the public progress board (公开看板).</summary>
internal sealed class BoardOptions
{
    public const string Section = "Board";

    /// <summary>Show the owners' names beside the department on the board. Off: departments only (the board is public).</summary>
    public bool ShowsOwners { get; set; }
    /// <summary>How often the board page reloads itself, in minutes.</summary>
    public int RefreshMinutes { get; set; } = 5;
}
