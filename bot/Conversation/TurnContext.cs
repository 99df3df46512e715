using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Cards;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Storage.Conversations;

namespace ChatBot.Bot.Conversation;

/// <summary>One inbound activity and everything the engine and features need to answer it.</summary>
internal sealed class TurnContext
{
    public TurnContext(Activity activity, ChannelAdapter adapter, IServiceProvider services, TimeProvider clock, CancellationToken cancellation)
    {
        Activity = activity;
        Adapter = adapter;
        Services = services;
        Clock = clock;
        Cancellation = cancellation;
        Lang = Lang.FromLocale(activity.Locale);
        Text = activity.Text?.Trim() ?? "";
        UserName = ChannelName(activity.From) ?? "";
    }

    /// <summary>The name the channel gives the person, or null when it gives none (Web Chat sends only an id).</summary>
    public static string? ChannelName(ChannelAccount? from) => string.IsNullOrWhiteSpace(from?.Name) ? null : from.Name.Trim();

    public Activity Activity { get; }
    public ChannelAdapter Adapter { get; }
    public ChannelCapabilities Capabilities => Adapter.Capabilities;
    public IServiceProvider Services { get; }
    public TimeProvider Clock { get; }
    public CancellationToken Cancellation { get; }

    /// <summary>The language of this turn's replies.</summary>
    public Lang Lang { get; set; }

    /// <summary>The message text with bot @mentions removed and white space trimmed.</summary>
    public string Text { get; set; }

    /// <summary>The workspace whose records this turn reads and writes (a group, or the user's group from a personal chat).</summary>
    public Workspace Workspace { get; set; } = new();

    /// <summary>"{channel}:{userId}" of the person who sent the activity.</summary>
    public string UserKey => $"{Activity.ChannelId}:{Activity.From?.Id}";
    /// <summary>
    /// The person's name: the channel's, else the one they told the bot ("我叫 …", set when the workspace is resolved),
    /// else "". Sentences addressing the person use <see cref="Addressee"/>, never an empty name.
    /// </summary>
    public string UserName { get; set; }

    /// <summary>The name to address the person by, or 您 / you when there is none.</summary>
    public string Addressee => UserName.Length > 0 ? UserName : T("您", "you");

    /// <summary>True in group chats and channels: personal data of mediation parties is masked there.</summary>
    public bool IsGroup => GroupConversation.Is(Activity.Conversation);

    /// <summary>The card submission of this turn, if any: Action.Submit's value, or for a Universal Action
    /// (invoke adaptiveCard/action) its action.data with "verb" set to action.verb, so both route the same way.</summary>
    public JsonElement? SubmitValue => _submitValue ??= ReadSubmitValue(Activity);
    private JsonElement? _submitValue;

    public bool IsUniversalAction => Activity.Type == ActivityTypes.Invoke && Activity.Name == InvokeNames.AdaptiveCardAction;

    private static JsonElement? ReadSubmitValue(Activity a)
    {
        if (a.Value is not { ValueKind: JsonValueKind.Object } value) return null;
        if (a.Type != ActivityTypes.Invoke || a.Name != InvokeNames.AdaptiveCardAction) return value;
        if (!value.TryGetProperty("action", out var action) || action.ValueKind != JsonValueKind.Object) return null;
        var merged = action.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? System.Text.Json.Nodes.JsonObject.Create(data)!.DeepClone().AsObject() : new System.Text.Json.Nodes.JsonObject();
        if (action.TryGetProperty("verb", out var verb) && verb.ValueKind == JsonValueKind.String) merged["verb"] = verb.GetString();
        return JsonSerializer.SerializeToElement(merged);
    }

    /// <summary>The id of the form card whose button sent this turn (see <see cref="FormCardIds"/>), or null.</summary>
    public string? CardId => FormCardIds.IdOf(SubmitValue);

    /// <summary>The heading of that card, as its buttons carry it.</summary>
    public string? CardTitle => FormCardIds.TitleOf(SubmitValue);

    /// <summary>Set when this turn closed the clicked form card (saved or cancelled); the engine stores it.</summary>
    public (string CardId, string State)? ClosedCard { get; private set; }

    /// <summary>The card id the next form card sent takes (a corrected copy of the clicked form keeps its id).</summary>
    private string? _nextFormCardId;

    /// <summary>For invoke activities: the HTTP answer (Universal Actions put the refreshed card here).</summary>
    public InvokeResponse? InvokeResponse { get; set; }

    public List<Activity> SentActivities { get; } = new();

    public string T(string zh, string en) => Lang.T(zh, en);

    /// <summary>The time of this turn: the clock is read once, so everything the turn stamps and compares agrees
    /// (a second reading is later, and "closed at now" would not match the time just written).</summary>
    public DateTimeOffset Now => _now ??= Clock.GetUtcNow();
    private DateTimeOffset? _now;

    /// <summary>The local time in the workspace's time zone (Asia/Shanghai unless configured).</summary>
    public TimeZoneInfo TimeZone => TimeZones.Find(Workspace.TimeZone);
    public DateTimeOffset LocalNow => TimeZoneInfo.ConvertTime(Now, TimeZone);
    public DateOnly Today => DateOnly.FromDateTime(LocalNow.DateTime);

    public async Task<ResourceResponse> SendActivityAsync(Activity reply)
    {
        var incoming = Activity;
        reply.Type ??= ActivityTypes.Message;
        reply.ChannelId ??= incoming.ChannelId;
        reply.ServiceUrl ??= incoming.ServiceUrl;
        reply.Conversation ??= incoming.Conversation;
        reply.From ??= incoming.Recipient;
        reply.Recipient ??= incoming.From;
        reply.ReplyToId ??= incoming.Id;
        reply.Locale ??= Lang.Locale;
        reply.Timestamp ??= Now;
        if (FormCardIds.Stamp(reply, _nextFormCardId).Contains(_nextFormCardId ?? "")) _nextFormCardId = null;
        SentActivities.Add(reply);
        return await Adapter.SendActivityAsync(reply, Cancellation);
    }

    public Task<ResourceResponse> SendTextAsync(string text) =>
        SendActivityAsync(new Activity { Type = ActivityTypes.Message, Text = text, TextFormat = "markdown" });

    /// <summary>Sends an Adaptive Card; channels without cards turn it into their own format (the text is the fallback).</summary>
    public Task<ResourceResponse> SendCardAsync(AdaptiveCard card, string? text = null, IEnumerable<Entity>? entities = null) =>
        SendActivityAsync(CardActivity(card, text, entities));

    public static Activity CardActivity(AdaptiveCard card, string? text = null, IEnumerable<Entity>? entities = null) => new()
    {
        Type = ActivityTypes.Message,
        Text = text,
        Attachments = [new Attachment { ContentType = AdaptiveCard.ContentType, Content = card.ToJsonObject() }],
        Entities = entities?.ToList(),
    };

    /// <summary>Shows the typing indicator before a slow step (Bot Framework channels only; others ignore it).</summary>
    public Task SendTypingAsync() => Activity.ChannelId is "msteams" or "webchat" or "directline" or "emulator"
        ? SendActivityAsync(new Activity { Type = ActivityTypes.Typing }) : Task.CompletedTask;

    /// <summary>
    /// Closes the form card the user just clicked: it is replaced on screen by <paramref name="replacement"/> (a
    /// read-only receipt, or 已取消) where the channel can, and a later click on it is answered 这张卡片已处理 (the
    /// engine stores the closing with the turn). A card without an id (sent before ids existed) is only replaced.
    /// </summary>
    public Task CloseClickedCardAsync(AdaptiveCard replacement, string state = ClosedCardStore.Saved)
    {
        if (CardId is { } id) ClosedCard = (id, state);
        return UpdateClickedCardAsync(replacement);
    }

    /// <summary>
    /// The clicked form goes back with corrections: it is replaced on screen by a short note, and the next form card
    /// this turn sends (the corrected copy) keeps its card id, so the old copy cannot be submitted any more either.
    /// </summary>
    public Task SupersedeClickedCardAsync()
    {
        if (CardId is not { } id) return Task.CompletedTask;
        _nextFormCardId = id;
        return UpdateClickedCardAsync(ChatBot.Cards.Help.ClosedFormCard.Superseded(Lang, CardTitle));
    }

    /// <summary>Replaces the card the user just clicked: for a Universal Action the new card is the invoke's HTTP
    /// answer; for Action.Submit the card message is updated: Teams names it in replyToId, Web Chat sends none and the
    /// card's id finds it (<see cref="ChannelAdapter.FindCardActivity"/>).</summary>
    public Task UpdateClickedCardAsync(AdaptiveCard card)
    {
        if (IsUniversalAction)
        {
            InvokeResponse = new InvokeResponse
            {
                Status = 200,
                Body = new System.Text.Json.Nodes.JsonObject
                {
                    ["statusCode"] = 200, ["type"] = AdaptiveCard.ContentType, ["value"] = card.ToJsonObject(),
                },
            };
            return Task.CompletedTask;
        }
        var target = Activity.ReplyToId ?? (CardId is { } cardId ? Adapter.FindCardActivity(cardId) : null);
        if (!Capabilities.UpdateActivity || target is null) return Task.CompletedTask;
        var update = CardActivity(card);
        update.Id = target;
        update.Conversation = Activity.Conversation;
        update.ServiceUrl = Activity.ServiceUrl;
        update.ChannelId = Activity.ChannelId;
        update.From = Activity.Recipient;
        return Adapter.UpdateActivityAsync(update, Cancellation);
    }
}
