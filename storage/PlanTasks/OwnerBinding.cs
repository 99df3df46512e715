using LiteDB;

namespace ChatBot.Storage.PlanTasks;

/// <summary>
/// An owner name of a workspace's plan (often a title: "王书记", "赵队长") bound to the chat user it means (绑定, #24), so
/// reminders, 催办 and 签收 @mention that person.
/// </summary>
public sealed class OwnerBinding
{
    /// <summary>"{workspaceId}|{owner name}".</summary>
    [BsonId] public string Id { get; set; } = "";
    public string WorkspaceId { get; set; } = "";
    /// <summary>The name as the plan writes it.</summary>
    public string OwnerName { get; set; } = "";
    /// <summary>"{channel}:{userId}"; in Teams the user id may be the AAD object id the people picker returns.</summary>
    public string UserKey { get; set; } = "";
    /// <summary>The person's display name when known (else the owner name is shown).</summary>
    public string? UserName { get; set; }
    public string BoundBy { get; set; } = "";
    public DateTimeOffset BoundUtc { get; set; }

    public static string IdOf(string workspaceId, string ownerName) => $"{workspaceId}|{ownerName.Trim()}";
}
