namespace ChatBot.Bot.Features.Workspaces;

/// <summary>Whom an admin command names: one person, several who match (the user chooses), or nobody found.</summary>
internal sealed record AdminTarget(AdminCandidate? Person, IReadOnlyList<AdminCandidate> Choices, string? NotFound)
{
    public static AdminTarget One(AdminCandidate person) => new(person, [], null);
    public static AdminTarget Several(IReadOnlyList<AdminCandidate> choices) => new(null, choices, null);
    public static AdminTarget Missing(string typed) => new(null, [], typed);
}
