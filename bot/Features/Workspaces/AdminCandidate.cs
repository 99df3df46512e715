namespace ChatBot.Bot.Features.Workspaces;

/// <summary>A person an admin command names: their user key ("{channel}:{userId}") and the name to show.</summary>
internal sealed record AdminCandidate(string UserKey, string Name);
