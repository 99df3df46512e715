using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Conversations;

public sealed class WorkspaceStore(DocumentDatabase db)
{
    private DocumentCollection<Workspace> Workspaces => db.Collection<Workspace>(ChatBotDatabase.Workspaces);
    private DocumentCollection<WorkspaceMember> Members => db.Collection<WorkspaceMember>(ChatBotDatabase.Members);
    private DocumentCollection<AuditEntry> Audit => db.Collection<AuditEntry>(ChatBotDatabase.Audit);

    // Workspaces as last read or written through this store (on the embedded file every write goes through it: it is
    // one per process). Every turn resolves its workspace, so a steady turn then reads no document; callers get copies
    // they may change. Not kept on a shared database, where other instances change workspaces too.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Workspace> _workspaces = new();
    private const int MaxCachedWorkspaces = 4_096; // the active ones; cleared at the bound, then read again once each

    public Workspace? Get(string id)
    {
        if (!db.IsShared && _workspaces.TryGetValue(id, out var cached)) return Copy(cached);
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
            // Two instances seeing a new group at once: the first insert makes it, the other refreshes it below.
            if (Workspaces.TryInsert(seen))
            {
                Cache(seen);
                return seen;
            }
            existing = Get(seen.Id) ?? throw new InvalidOperationException($"Workspace '{seen.Id}' vanished while it was created.");
        }
        // Rewriting the document on every turn costs a commit; once a minute is plenty for "last seen".
        if (now - existing.LastSeenUtc > TimeSpan.FromMinutes(1) || existing.Removed || (seen.Name is not null && seen.Name != existing.Name))
        {
            existing = Change(seen.Id, w =>
            {
                w.LastSeenUtc = now;
                w.Removed = false;
                w.Name = seen.Name ?? w.Name;
            }) ?? existing;
        }
        return existing;
    }

    /// <summary>
    /// Changes the workspace as it is stored now (read with a row lock, changed and written in one transaction), so
    /// what was changed since the caller read <paramref name="workspace"/> (admins, other settings, by this or another
    /// instance) is kept. One not stored yet is saved as given, with the change. Returns the changed workspace.
    /// </summary>
    public Workspace Update(Workspace workspace, Action<Workspace> change)
    {
        if (Change(workspace.Id, change) is { } changed) return changed;
        var created = Copy(workspace);
        change(created);
        Save(created);
        return Copy(created);
    }

    /// <summary>Writes the whole workspace as the caller has it; <see cref="Update"/> keeps changes made meanwhile.</summary>
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
        audit.RecordKey = $"{ChatBotDatabase.Workspaces}/{workspaceId}";
        audit.WorkspaceId = workspaceId;
        var distinct = admins.Distinct(StringComparer.Ordinal).ToList();
        return Change(workspaceId, w => w.Admins = distinct, _ => Audit.Insert(audit))
            ?? throw new InvalidOperationException($"Workspace '{workspaceId}' does not exist.");
    }

    public void MarkRemoved(string id) => Change(id, w => w.Removed = true);

    /// <summary>
    /// Reads the workspace with a row lock, changes it and writes it back in one transaction, so a change made meanwhile
    /// by another instance (admins, last seen) is neither lost nor overwritten. Null when there is no such workspace.
    /// </summary>
    private Workspace? Change(string id, Action<Workspace> change, Action<Workspace>? alsoWrite = null)
    {
        try
        {
            var changed = db.InTransaction(() =>
            {
                var w = Workspaces.FindByIdForUpdate(id);
                if (w is null) return null;
                change(w);
                Workspaces.Update(w);
                alsoWrite?.Invoke(w);
                return w;
            });
            if (changed is null) return null;
            Cache(changed);
            return Copy(changed);
        }
        catch
        {
            _workspaces.TryRemove(id, out _); // unknown outcome: read it again next time
            throw;
        }
    }

    private void Cache(Workspace w)
    {
        if (db.IsShared) return;
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
    // Not on a shared database, where another instance may have removed them meanwhile.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string? Name, DateTimeOffset LastSeenUtc)> _recentMembers = new();

    public void TouchMember(string workspaceId, string userKey, string? name, string? aadObjectId, DateTimeOffset now)
    {
        var id = StorageKeys.Compact(workspaceId + "|" + userKey);
        // A turn without a name (Web Chat) keeps the name stored before (one the user told the bot).
        if (!db.IsShared && _recentMembers.TryGetValue(id, out var seen) && now >= seen.LastSeenUtc && now - seen.LastSeenUtc < TimeSpan.FromMinutes(1) && (name is null || seen.Name == name)) return;
        var existing = Members.FindById(id);
        if (existing is not null && now - existing.LastSeenUtc < TimeSpan.FromMinutes(1) && (name is null || existing.Name == name))
        {
            RememberMember(id, existing.Name, existing.LastSeenUtc);
            return;
        }
        var written = WriteMember(id, workspaceId, userKey, m => m with { Name = name ?? m.Name, AadObjectId = aadObjectId ?? m.AadObjectId }, now);
        RememberMember(id, written.Name, now);
    }

    /// <summary>
    /// Writes a member from what is stored now (read with a row lock in the write's transaction), so a name another
    /// instance stored meanwhile is kept when this turn brings none.
    /// </summary>
    private WorkspaceMember WriteMember(string id, string workspaceId, string userKey, Func<(string? Name, string? AadObjectId), (string? Name, string? AadObjectId)> change, DateTimeOffset now) =>
        db.InTransaction(() =>
        {
            var stored = Members.FindByIdForUpdate(id);
            var (memberName, aad) = change((stored?.Name, stored?.AadObjectId));
            var member = new WorkspaceMember { Id = id, WorkspaceId = workspaceId, UserKey = userKey, Name = memberName, AadObjectId = aad, LastSeenUtc = now };
            Members.Upsert(member);
            return member;
        });

    private void RememberMember(string id, string? name, DateTimeOffset lastSeenUtc)
    {
        if (db.IsShared) return;
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
        WriteMember(id, workspaceId, userKey, m => m with { Name = name }, now);
        RememberMember(id, name, now);
    }

    public bool IsMember(string workspaceId, string userKey) => Members.FindById(StorageKeys.Compact(workspaceId + "|" + userKey)) is not null;

    public IReadOnlyList<WorkspaceMember> MembersOf(string workspaceId) => Members.Find(m => m.WorkspaceId == workspaceId).ToList();

    /// <summary>The group workspaces a user has been seen in, most recent first.</summary>
    public IReadOnlyList<WorkspaceMember> WorkspacesOf(string userKey) =>
        Members.Find(m => m.UserKey == userKey).OrderByDescending(m => m.LastSeenUtc).ToList();
}
