using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Cards.Help;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Conversation;

/// <summary>
/// The channel-agnostic turn pipeline: workspace → @mention stripped → per-user lock → state loaded → interrupts →
/// active dialog or command router → state saved. An exception apologises in the chat and leaves the saved state as
/// it was before the turn.
/// </summary>
internal sealed class ConversationEngine(
    DialogSet dialogs,
    CommandRouter router,
    IDialogStateStore stateStore,
    WorkspaceResolver workspaces,
    KeyedLock locks,
    IEnumerable<IActivityHandler> activityHandlers,
    ClosedCardStore closedCards,
    ILogger<ConversationEngine> log)
{
    private static readonly JsonSerializerOptions StateJson = new(JsonSerializerDefaults.Web);
    private readonly NearMissSuggester _suggester = new(router);

    public async Task RunTurnAsync(TurnContext ctx)
    {
        var activity = ctx.Activity;
        try
        {
            ctx.Text = MentionText.StripBotMention(activity);
            ctx.Workspace = workspaces.Resolve(ctx);
            foreach (var handler in activityHandlers) await handler.OnActivityAsync(ctx, ctx.Cancellation);
            if (!IsConversational(activity))
            {
                await ctx.Adapter.FlushAsync();
                return;
            }

            await using var _ = await locks.AcquireAsync(StateKey(activity), ctx.Cancellation);
            var state = LoadState(StateKey(activity));
            if (HandledId(activity) is { } handled && (state.Record.HandledActivities ?? []).Contains(handled))
            {
                log.LogInformation("Activity {ActivityId} was already handled (redelivered after a restart); ignored", activity.Id);
                await ctx.Adapter.FlushAsync(); // anything the activity handlers sent
                return;
            }
            var dc = new DialogContext(dialogs, ctx, state.State);
            await DispatchAsync(dc, ctx.Cancellation);
            if (ctx.ClosedCard is { } closed)
                closedCards.Close(ctx.Workspace.Id, closed.CardId, closed.State, ctx.UserKey, ctx.Now);
            await SaveStateWhileRepliesLeaveAsync(state.Record, dc.State, ctx);
        }
        catch (OperationCanceledException) when (ctx.Cancellation.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Turn failed for activity {ActivityId} in {ChannelId} conversation {ConversationId}",
                activity.Id, activity.ChannelId, activity.Conversation?.Id);
            await ApologiseAsync(ctx);
        }
    }

    public static bool IsConversational(Activity a) =>
        a.Type == ActivityTypes.Message || (a.Type == ActivityTypes.Invoke && a.Name == InvokeNames.AdaptiveCardAction);

    /// <summary>State is kept per conversation and per user, so two clerks can fill forms in one group at once.</summary>
    public static string StateKey(Activity a) =>
        ChatBot.Storage.StorageKeys.Compact($"{a.ChannelId}:{a.Conversation?.TenantId ?? "-"}:{a.Conversation?.Id}:{a.From?.Id}");

    /// <summary>
    /// The interrupt rule, the same for every waiting prompt, card and dialog (docs/conversation-rules.md): a click on
    /// another card's button, or a message whose command word stands apart ("逾期任务", "办结 7 反馈…"), is that command
    /// and never an answer. 帮助 shows the help and asks the waiting question again; 取消 ends the dialog; any other
    /// command ends the waiting dialog, says so, and runs. Anything else answers the waiting prompt.
    /// </summary>
    private async Task DispatchAsync(DialogContext dc, CancellationToken ct)
    {
        var ctx = dc.Context;
        // A form card that was submitted or cancelled before (an old copy, a second tab, a double click) changes nothing.
        if (ctx.CardId is { } cardId && closedCards.Find(ctx.Workspace.Id, cardId) is { } closedBefore)
        {
            await ctx.SendTextAsync(ClosedFormCard.AlreadyHandled(ctx.Lang, closedBefore.State == ClosedCardStore.Cancelled));
            return;
        }
        // A click on a "您是不是要…" button runs the corrected message as if it had been typed.
        var suggested = SuggestedText(ctx.SubmitValue);
        if (suggested is not null) ctx.Text = suggested;
        var match = router.Match(ctx.Text, suggested is null ? ctx.SubmitValue : null);
        var interrupts = match is { } m && (suggested is not null || m.Args.Data is not null || m.Args.WordStandsApart);

        if (dc.HasOutdatedDialog)
        {
            await EndOutdatedDialogAsync(dc, match);
            if (!interrupts) return; // the message answered a question of the old version: it is not a command either
        }
        var dialogActive = dc.ActiveDialog is not null;

        // "逾期任物" begins with 逾期, but 逾期任务 is one slip away: ask rather than run the shorter command.
        if (!dialogActive && match is { Args: { Data: null, WordStandsApart: false } } partial && suggested is null
            && _suggester.Suggest(ctx.Text, partial.Args.CommandWord) is { Count: > 0 } better)
        {
            await SendSuggestionsAsync(ctx, better);
            return;
        }

        if (dialogActive && !interrupts)
        {
            await dc.ContinueDialogAsync(ct);
            return;
        }

        if (match is { Command: IInterruptCommand } interrupt)
        {
            await interrupt.Command.ExecuteAsync(dc, interrupt.Args, ct);
            if (dc.ActiveDialog is not null) await dc.RepromptDialogAsync(ct);
            return;
        }

        if (dialogActive)
        {
            var dropped = NameOfDialog(dc.Stack[0].Id);
            dc.CancelAllDialogs();
            await ctx.SendTextAsync(dropped is null
                ? ctx.T("(上一个未完成的操作已结束,没有保存。)", "(The unfinished previous step was closed without saving.)")
                : ctx.T($"(未完成的“{dropped.Value.Zh}”已结束,没有保存;需要时再输入“{dropped.Value.Zh}”。)",
                    $"(The unfinished \"{dropped.Value.En}\" was closed without saving; type \"{dropped.Value.En}\" to start it again.)"));
        }

        if (match is { } found)
        {
            await found.Command.ExecuteAsync(dc, found.Args, ct);
            return;
        }

        if (ctx.SubmitValue is not null)
        {
            await ctx.SendTextAsync(StaleCard.Message(ctx.Lang));
            return;
        }

        if (ctx.Text.Length == 0 && (ctx.Activity.Attachments?.Count ?? 0) > 0)
        {
            await ctx.SendTextAsync(ctx.T("暂时不能处理文件或图片。导入计划请使用“导入计划”命令。", "I can't handle files or pictures here yet. To import a plan, use \"import plan\"."));
            return;
        }
        await SendNotUnderstoodAsync(ctx);
    }

    /// <summary>
    /// A dialog saved by another version of the bot (other steps, or no longer there) is never continued: its step
    /// number or its prompt's options may mean something else now. It is ended, saying what to type to start again and
    /// what had been entered. A card's own submit (the registration form) carries all its values and works without the
    /// dialog, so it runs without the notice.
    /// </summary>
    private async Task EndOutdatedDialogAsync(DialogContext dc, (IBotCommand Command, CommandArgs Args)? match)
    {
        var root = dc.Stack[0];
        log.LogInformation("Ended dialog {DialogId} saved by version {Saved} of the bot (running: {Running})",
            root.Id, root.Version ?? "(none)", dc.Dialogs.Find(root.Id)?.Version ?? "(removed)");
        if (match is not { Command: IInterruptCommand, Args.Data: not null })
            await dc.Context.SendTextAsync(DialogAnswers.Notice(dc.Context, dc.Stack, NameOfDialog(root.Id)));
        dc.CancelAllDialogs();
    }

    /// <summary>What people type to begin a dialog (its command's first Chinese and English words), or null.</summary>
    private (string Zh, string En)? NameOfDialog(string dialogId)
    {
        var command = router.Commands.FirstOrDefault(c => c.BeginsDialog == dialogId);
        if (command is null) return null;
        var zh = command.Aliases.FirstOrDefault(a => a.Any(c => c > 0x2E80));
        var en = command.Aliases.FirstOrDefault(a => a.All(c => c < 0x80));
        return zh is null || en is null ? null : (zh, en);
    }

    private static string? SuggestedText(JsonElement? submit) =>
        submit is { } v && v.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String && verb.GetString() == SuggestionCard.Verb
            && v.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : null;

    private static async Task SendSuggestionsAsync(TurnContext ctx, IReadOnlyList<NearMissSuggester.Suggestion> suggestions)
    {
        if (ctx.Capabilities.AdaptiveCards)
        {
            var card = SuggestionCard.Build(ctx.Lang, suggestions.Select(s => (s.Alias, s.Corrected)).ToList());
            await ctx.SendCardAsync(card, SuggestionCard.Question(ctx.Lang, suggestions.Select(s => s.Alias).ToList()));
            return;
        }
        await ctx.SendTextAsync(SuggestionCard.Question(ctx.Lang, suggestions.Select(s => s.Alias).ToList()) + "\n"
            + ctx.T($"请重新输入,例如“{suggestions[0].Corrected}”;输入“帮助”查看全部命令。",
                $"Please type it again, e.g. \"{suggestions[0].Corrected}\", or type \"help\" for all commands."));
    }

    private async Task SendNotUnderstoodAsync(TurnContext ctx)
    {
        if (_suggester.Suggest(ctx.Text) is { Count: > 0 } suggestions)
        {
            await SendSuggestionsAsync(ctx, suggestions);
            return;
        }
        var examples = router.Commands.SelectMany(c => c.Help).Where(h => h.Order > 1).OrderBy(h => h.Order).Take(4)
            .Select(h => ctx.Lang.IsZh ? $"“{h.Zh}”" : $"\"{h.En}\"");
        await ctx.SendTextAsync(ctx.T(
            $"没能理解“{Shorten(ctx.Text)}”。您可以输入 {string.Join("、", examples)},或输入“帮助”查看全部命令。",
            $"Sorry, I didn't understand \"{Shorten(ctx.Text)}\". Try {string.Join(", ", examples)}, or type \"help\" for all commands."));
    }

    private const int HandledKept = 8;

    private static string? HandledId(Activity a) => string.IsNullOrEmpty(a.Id) ? null : $"{a.Type}:{a.Id}";

    private static string Shorten(string s) => s.Length <= 30 ? s : s[..30] + "…";

    private (DialogStateRecord Record, DialogState State) LoadState(string key)
    {
        var record = stateStore.Load(key) ?? new DialogStateRecord { Id = key };
        DialogState state;
        try { state = JsonSerializer.Deserialize<DialogState>(record.Json, StateJson) ?? new DialogState(); }
        catch (JsonException ex)
        {
            log.LogWarning(ex, "Dialog state {Key} unreadable; starting afresh", key);
            state = new DialogState();
        }
        return (record, state);
    }

    /// <summary>
    /// Saves the dialog state with this activity's id among the handled ones. A turn that changed nothing is saved too
    /// when the activity has an id: a channel that redelivers it after a restart (the in-memory ids are gone then) must
    /// not get a second answer, to a question like "逾期任务" either.
    /// </summary>
    private async Task SaveStateAsync(DialogStateRecord record, DialogState state, TurnContext ctx)
    {
        var json = JsonSerializer.Serialize(state, StateJson);
        var handled = HandledId(ctx.Activity);
        if (handled is null && json == record.Json && record.Version > 0) return;
        if (handled is null && state.Stack.Count == 0 && record.Version == 0) return; // nothing was ever saved and nothing to save
        record.Json = json;
        if (handled is not null)
            record.HandledActivities = [.. (record.HandledActivities ?? []).TakeLast(HandledKept - 1), handled];
        record.Version++;
        record.UpdatedUtc = ctx.Now;
        await stateStore.SaveAsync(record, ctx.Cancellation);
    }

    /// <summary>
    /// The turn's last replies may still be on their way (the Bot Framework adapter sends them in order without holding
    /// up the turn): the state is written meanwhile, and the turn ends when both are done. If the channel refused a
    /// reply, the state is put back as it was before the turn, as when a step throws; the caller then apologises.
    /// </summary>
    private async Task SaveStateWhileRepliesLeaveAsync(DialogStateRecord record, DialogState state, TurnContext ctx)
    {
        var (jsonBefore, handledBefore, versionBefore) = (record.Json, record.HandledActivities, record.Version);
        var saving = SaveStateAsync(record, state, ctx);
        try
        {
            await ctx.Adapter.FlushAsync();
        }
        catch (Exception)
        {
            if (await SucceededAsync(saving) && record.Version != versionBefore)
            {
                record.Json = jsonBefore;
                record.HandledActivities = handledBefore;
                record.Version++;
                record.UpdatedUtc = ctx.Now;
                await stateStore.SaveAsync(record, ctx.Cancellation);
            }
            throw;
        }
        await saving;
    }

    private static async Task<bool> SucceededAsync(Task task)
    {
        try { await task; return true; }
        catch (Exception) { return false; } // the refused reply is what the turn reports
    }

    private async Task ApologiseAsync(TurnContext ctx)
    {
        try { await ctx.Adapter.FlushAsync(); }
        catch (Exception) { } // the turn is failing already; an earlier reply that was refused adds nothing to tell
        try
        {
            if (ctx.Activity.Type is ActivityTypes.Message or ActivityTypes.Invoke)
                await ctx.SendTextAsync(ctx.T("抱歉,处理您的消息时出错了,刚才的操作没有保存。请稍后再试;如多次出现,请联系管理员。",
                    "Sorry, something went wrong and nothing from that step was saved. Please try again; if it keeps happening, contact your administrator."));
            await ctx.Adapter.FlushAsync();
        }
        catch (Exception ex)
        {
            log.LogError(ex, "Could not send the apology for activity {ActivityId}", ctx.Activity.Id);
        }
    }
}
