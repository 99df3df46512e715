using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Conversations;

public sealed class WorkspaceStore(DocumentDatabase db)
{
    private DocumentCollection<Workspace> Workspaces => db.Collection<Workspace>(ChatBotDatabase.Workspaces);
    private DocumentCollection<WorkspaceMember> Members => db.Collection<WorkspaceMember>(ChatBotDatabase.Members);
    private DocumentCollection<AuditEntry> Audit => db.Collection<AuditEntry>(ChatBotDatabase.Audit);

    // Workspaces as last read or written through this store (every write goes through it: it is one per process).
    // Every turn resolves its workspace, so a steady turn then reads no document; callers get copies they may change.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Workspace> _workspaces = new();
    private const int MaxCachedWorkspaces = 4_096; // the active ones; cleared at the bound, then read again once each

    public Workspace? Get(string id)
    {
        if (_workspaces.TryGetValue(id, out var cached)) return Copy(cached);
        var found = Workspaces.FindById(id);
        if (found is not null) Cache(found);
        return found;
    }

    /// <summary>Creates the workspace on first sight and refreshes its last-seen time and name.</summary>
    public Workspace Touch(Workspace seen, DateTimeOffset now)
    {
        var existing = Get(seen.Id);
        if (existing is null)
        {
            seen.CreatedUtc = now;
            seen.LastSeenUtc = now;
            Save(seen);
            return seen;
        }
        // Rewriting the document on every turn costs a commit; once a minute is plenty for "last seen".
        if (now - existing.LastSeenUtc > TimeSpan.FromMinutes(1) || existing.Removed || (seen.Name is not null && seen.Name != existing.Name))
        {
            existing.LastSeenUtc = now;
            existing.Removed = false;
            existing.Name = seen.Name ?? existing.Name;
            Save(existing);
        }
        return existing;
    }

    public void Save(Workspace workspace)
    {
        try
        {
            Workspaces.Upsert(workspace);
            Cache(workspace);
        }
        catch
        {
            _workspaces.TryRemove(workspace.Id, out _); // unknown outcome: read it again next time
            throw;
        }
    }

    /// <summary>Replaces the workspace's admins and writes the audit entry in the same transaction.</summary>
    public Workspace SetAdmins(string workspaceId, IReadOnlyList<string> admins, AuditEntry audit)
    {
        var workspace = Get(workspaceId) ?? throw new InvalidOperationException($"Workspace '{workspaceId}' does not exist.");
        workspace.Admins = admins.Distinct(StringComparer.Ordinal).ToList();
        audit.RecordKey = $"{ChatBotDatabase.Workspaces}/{workspaceId}";
        audit.WorkspaceId = workspaceId;
        try
        {
            db.InTransaction(() =>
            {
                Workspaces.Upsert(workspace);
                Audit.Insert(audit);
            });
        }
        catch
        {
            _workspaces.TryRemove(workspaceId, out _); // unknown outcome: read it again next time
            throw;
        }
        Cache(workspace);
        return Copy(workspace);
    }

    public void MarkRemoved(string id)
    {
        if (Get(id) is { } w) { w.Removed = true; Save(w); }
    }

    private void Cache(Workspace w)
    {
        if (_workspaces.Count >= MaxCachedWorkspaces) _workspaces.Clear();
        _workspaces[w.Id] = Copy(w);
    }

    public static Workspace Copy(Workspace w) => new()
    {
        Id = w.Id, ChannelId = w.ChannelId, TenantId = w.TenantId, ConversationId = w.ConversationId, Name = w.Name,
        IsGroup = w.IsGroup, Locale = w.Locale, TimeZone = w.TimeZone, Admins = new List<string>(w.Admins ?? []),
        WeComWebhookKey = w.WeComWebhookKey, Settings = new Dictionary<string, string>(w.Settings ?? []),
        CreatedUtc = w.CreatedUtc, LastSeenUtc = w.LastSeenUtc, Removed = w.Removed,
    };

    public IEnumerable<Workspace> All() => Workspaces.Find(w => !w.Removed);

    // Members this store wrote or read in the last minute: a steady turn then skips the read (every turn touches one).
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string? Name, DateTimeOffset LastSeenUtc)> _recentMembers = new();

    public void TouchMember(string workspaceId, string userKey, string? name, string? aadObjectId, DateTimeOffset now)
    {
        var id = StorageKeys.Compact(workspaceId + "|" + userKey);
        // A turn without a name (Web Chat) keeps the name stored before (one the user told the bot).
        if (_recentMembers.TryGetValue(id, out var seen) && now >= seen.LastSeenUtc && now - seen.LastSeenUtc < TimeSpan.FromMinutes(1) && (name is null || seen.Name == name)) return;
        var existing = Members.FindById(id);
        if (existing is not null && now - existing.LastSeenUtc < TimeSpan.FromMinutes(1) && (name is null || existing.Name == name))
        {
            RememberMember(id, existing.Name, existing.LastSeenUtc);
            return;
        }
        Members.Upsert(new WorkspaceMember { Id = id, WorkspaceId = workspaceId, UserKey = userKey, Name = name ?? existing?.Name, AadObjectId = aadObjectId ?? existing?.AadObjectId, LastSeenUtc = now });
        RememberMember(id, name ?? existing?.Name, now);
    }

    private void RememberMember(string id, string? name, DateTimeOffset lastSeenUtc)
    {
        if (_recentMembers.Count > 50_000) _recentMembers.Clear();
        _recentMembers[id] = (name, lastSeenUtc);
    }

    /// <summary>Forgets every member of a workspace; returns how many there were.</summary>
    public int RemoveMembers(string workspaceId)
    {
        _recentMembers.Clear(); // rare: simpler than finding the workspace's entries among compacted keys
        return Members.DeleteMany(m => m.WorkspaceId == workspaceId);
    }

    /// <summary>The name stored for a member (from the channel, or the one the user gave), or null.</summary>
    public string? MemberName(string workspaceId, string userKey) =>
        Members.FindById(StorageKeys.Compact(workspaceId + "|" + userKey))?.Name is { Length: > 0 } name ? name : null;

    /// <summary>Stores the name a user asked to be called by (channels such as Web Chat send none).</summary>
    public void SetMemberName(string workspaceId, string userKey, string name, DateTimeOffset now)
    {
        var id = StorageKeys.Compact(workspaceId + "|" + userKey);
        var existing = Members.FindById(id);
        Members.Upsert(new WorkspaceMember { Id = id, WorkspaceId = workspaceId, UserKey = userKey, Name = name, AadObjectId = existing?.AadObjectId, LastSeenUtc = now });
        RememberMember(id, name, now);
    }

    public bool IsMember(string workspaceId, string userKey) => Members.FindById(StorageKeys.Compact(workspaceId + "|" + userKey)) is not null;

    public IReadOnlyList<WorkspaceMember> MembersOf(string workspaceId) => Members.Find(m => m.WorkspaceId == workspaceId).ToList();

    /// <summary>The group workspaces a user has been seen in, most recent first.</summary>
    public IReadOnlyList<WorkspaceMember> WorkspacesOf(string userKey) =>
        Members.Find(m => m.UserKey == userKey).OrderByDescending(m => m.LastSeenUtc).ToList();
}
