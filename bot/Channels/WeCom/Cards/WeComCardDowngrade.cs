using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Channels.WeCom.Forms;
using ChatBot.Cards;

namespace ChatBot.Bot.Channels.WeCom.Cards;

/// <summary>
/// Turns the bot's activities into what WeCom can show. Read-only cards become markdown (title bold, facts as
/// "**标题**:值" lines); cards whose only actions are up to six Action.Submit buttons become button_interaction cards;
/// a single choice set with one submit becomes a vote_interaction card; cards with inputs (forms) become a link to
/// the web form page. Button keys map back to the original Action.Submit data (<see cref="WeComCardActionStore"/>).
/// Without a scope (proactive messages into a group) every card becomes markdown.
/// </summary>
internal sealed class WeComCardDowngrade(WeComCardActionStore actions, WeComFormTokens forms)
{
    private const int MaxVoteOptions = 20;

    public IReadOnlyList<WeComOutgoing> Downgrade(Activity activity, WeComReplyScope? scope)
    {
        if (activity.Type is not (ActivityTypes.Message or null)) return [];
        var result = new List<WeComOutgoing>();
        var text = Mentions(activity.Text ?? "", activity.Entities);
        var cards = (activity.Attachments ?? [])
            .Where(a => a.ContentType == Attachment.AdaptiveCardContentType && a.Content is not null)
            .Select(a => JsonSerializer.SerializeToNode(a.Content) as JsonObject)
            .OfType<JsonObject>().ToList();
        if (cards.Count == 0)
        {
            if (text.Trim().Length > 0) result.Add(new WeComOutgoing(text));
            return result;
        }
        for (var i = 0; i < cards.Count; i++)
        {
            var converted = Convert(cards[i], scope, activity.Locale);
            var markdown = Mentions(converted.Markdown, activity.Entities);
            if (i == 0 && text.Trim().Length > 0) markdown = text + "\n\n" + markdown;
            result.Add(converted with { Markdown = markdown.Trim() });
        }
        return result;
    }

    private WeComOutgoing Convert(JsonObject card, WeComReplyScope? scope, string? locale)
    {
        var lang = Lang.FromLocale(locale);
        string T(string z, string e) => lang.T(z, e);
        var md = new StringBuilder();
        var titles = new List<string>();
        WriteElements(card["body"] as JsonArray, md, titles);
        var inputs = Inputs(card).ToList();
        var submits = new List<JsonObject>();
        var links = new List<(string Title, string Url)>();
        CollectActions(card["actions"] as JsonArray, submits, links);
        CollectActionSets(card["body"] as JsonArray, submits, links);
        foreach (var (linkTitle, url) in links) md.Append("\n[").Append(linkTitle).Append("](").Append(url).Append(')');

        var title = Shorten(titles.FirstOrDefault() ?? T("请选择", "Please choose"), 36);
        if (scope is null) return new WeComOutgoing(md.ToString());

        if (inputs.Count == 0 && submits.Count is > 0 and <= WeComTemplateCard.MaxButtons)
            return new WeComOutgoing(md.ToString(), ButtonCard(title, submits, scope));

        if (inputs is [var only] && only["type"]?.GetValue<string>() == "Input.ChoiceSet" && submits.Count == 1
            && only["choices"] is JsonArray { Count: > 0 and <= MaxVoteOptions } choices && only["id"]?.GetValue<string>() is { Length: > 0 } inputId)
            return new WeComOutgoing(md.ToString(), VoteCard(title, inputId, choices, only["isMultiSelect"]?.GetValue<bool>() == true, submits[0], scope, T));

        if (inputs.Count > 0)
        {
            var token = forms.Issue(new WeComForm
            {
                WorkspaceId = scope.WorkspaceId,
                UserKey = WeComOrigin.ChannelId + ":" + scope.Origin.UserId,
                ConversationId = scope.Origin.ConversationId,
                StateKey = scope.StateKey,
                CardJson = card.ToJsonString(),
                Origin = scope.Origin,
            });
            var url = scope.Origin.BaseUrl.TrimEnd('/') + "/forms/" + token;
            md.Append("\n\n[").Append(T("点击填写", "Fill in the form")).Append("](").Append(url).Append(')')
              .Append(T("(链接30分钟内有效,仅限本人使用)", " (valid for 30 minutes, for you only)"));
            var notice = WeComTemplateCard.TextNotice(title, T("点击填写", "Tap to fill in"), url,
                subTitle: T("链接30分钟内有效,仅限本人使用", "Valid for 30 minutes, for you only"));
            return new WeComOutgoing(md.ToString(), notice);
        }
        return new WeComOutgoing(md.ToString());
    }

    private WeComTemplateCard ButtonCard(string title, List<JsonObject> submits, WeComReplyScope scope)
    {
        var taskId = WeComCardActionStore.NewKey("t");
        var records = submits.Select(s => new WeComCardActionRecord
        {
            Id = WeComCardActionStore.NewKey("b"),
            TaskId = taskId,
            ConversationId = scope.Origin.ConversationId,
            DataJson = SubmitData(s).ToJsonString(),
            Title = s["title"]?.GetValue<string>() ?? "",
        }).ToList();
        actions.Save(records);
        var buttons = records.Select((r, i) => new WeComCardButton
        {
            Text = Shorten(r.Title.Length > 0 ? r.Title : "OK", 10),
            Key = r.Id,
            Style = i == 0 ? 1 : 2,
        }).ToList();
        return WeComTemplateCard.ButtonInteraction(taskId, title, null, buttons);
    }

    private WeComTemplateCard VoteCard(string title, string inputId, JsonArray choices, bool multi, JsonObject submit,
        WeComReplyScope scope, Func<string, string, string> T)
    {
        var taskId = WeComCardActionStore.NewKey("t");
        var options = new Dictionary<string, string>();
        var cardOptions = new List<WeComCardOption>();
        foreach (var (choice, i) in choices.OfType<JsonObject>().Select((c, i) => (c, i)))
        {
            var id = "o" + (i + 1);
            options[id] = choice["value"]?.ToString() ?? "";
            cardOptions.Add(new WeComCardOption { Id = id, Text = Shorten(choice["title"]?.ToString() ?? options[id], 26) });
        }
        var record = new WeComCardActionRecord
        {
            Id = WeComCardActionStore.NewKey("v"),
            TaskId = taskId,
            ConversationId = scope.Origin.ConversationId,
            DataJson = SubmitData(submit).ToJsonString(),
            Title = submit["title"]?.GetValue<string>() ?? "",
            InputId = inputId,
            Options = options,
        };
        actions.Save([record]);
        return WeComTemplateCard.VoteInteraction(taskId, title, null, inputId, cardOptions,
            Shorten(record.Title.Length > 0 ? record.Title : T("提交", "Submit"), 10), record.Id, multi);
    }

    /// <summary>The data an Action.Submit (or Action.Execute, with its verb) would send.</summary>
    internal static JsonObject SubmitData(JsonObject action)
    {
        var data = action["data"] is JsonObject d ? d.DeepClone().AsObject() : new JsonObject();
        if (action["type"]?.GetValue<string>() == "Action.Execute" && action["verb"] is JsonValue verb) data["verb"] = verb.DeepClone();
        return data;
    }

    private static void WriteElements(JsonArray? elements, StringBuilder md, List<string> titles)
    {
        foreach (var element in (elements ?? []).OfType<JsonObject>())
        {
            if (element["isVisible"]?.GetValue<bool>() == false) continue;
            switch (element["type"]?.GetValue<string>())
            {
                case "TextBlock":
                    var text = element["text"]?.GetValue<string>()?.Trim();
                    if (string.IsNullOrEmpty(text)) break;
                    var strong = element["weight"]?.GetValue<string>() is "Bolder" or "bolder"
                        || element["size"]?.GetValue<string>() is "Large" or "ExtraLarge" or "large" or "extraLarge";
                    if (strong) titles.Add(text);
                    Line(md, strong ? $"**{text}**" : text);
                    break;
                case "RichTextBlock":
                    var rich = string.Concat((element["inlines"] as JsonArray ?? []).Select(i => i is JsonObject o ? o["text"]?.ToString() : i?.ToString()));
                    if (rich.Trim().Length > 0) Line(md, rich.Trim());
                    break;
                case "FactSet":
                    foreach (var fact in (element["facts"] as JsonArray ?? []).OfType<JsonObject>())
                        Line(md, $"**{fact["title"]}**:{fact["value"]}");
                    break;
                case "Container":
                    WriteElements(element["items"] as JsonArray, md, titles);
                    break;
                case "ColumnSet":
                    foreach (var column in (element["columns"] as JsonArray ?? []).OfType<JsonObject>())
                        WriteElements(column["items"] as JsonArray, md, titles);
                    break;
                case "Table":
                    foreach (var row in (element["rows"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        var cells = (row["cells"] as JsonArray ?? []).OfType<JsonObject>().Select(c =>
                        {
                            var cell = new StringBuilder();
                            WriteElements(c["items"] as JsonArray, cell, []);
                            return cell.ToString().Trim().Replace("\n", " ");
                        });
                        Line(md, string.Join(" | ", cells));
                    }
                    break;
                default:
                    // Inputs are filled in on the form page; images and unknown elements have no markdown form.
                    if (element["label"]?.GetValue<string>() is { Length: > 0 } label && element["type"]?.GetValue<string>()?.StartsWith("Input.") == true)
                        Line(md, "· " + label);
                    break;
            }
        }
    }

    private static void Line(StringBuilder md, string line)
    {
        if (md.Length > 0) md.Append('\n');
        md.Append(line);
    }

    private static void CollectActions(JsonArray? list, List<JsonObject> submits, List<(string, string)> links)
    {
        foreach (var action in (list ?? []).OfType<JsonObject>())
        {
            switch (action["type"]?.GetValue<string>())
            {
                case "Action.Submit" or "Action.Execute":
                    submits.Add(action);
                    break;
                case "Action.OpenUrl" when action["url"]?.GetValue<string>() is { } url:
                    links.Add((action["title"]?.GetValue<string>() ?? url, url));
                    break;
            }
        }
    }

    private static void CollectActionSets(JsonArray? elements, List<JsonObject> submits, List<(string, string)> links)
    {
        foreach (var element in (elements ?? []).OfType<JsonObject>())
        {
            switch (element["type"]?.GetValue<string>())
            {
                case "ActionSet": CollectActions(element["actions"] as JsonArray, submits, links); break;
                case "Container": CollectActionSets(element["items"] as JsonArray, submits, links); break;
                case "ColumnSet":
                    foreach (var column in (element["columns"] as JsonArray ?? []).OfType<JsonObject>())
                        CollectActionSets(column["items"] as JsonArray, submits, links);
                    break;
            }
        }
    }

    /// <summary>Every input of the card, including those inside Action.ShowCard cards.</summary>
    private static IEnumerable<JsonObject> Inputs(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["type"] is JsonValue t && t.GetValueKind() == JsonValueKind.String && t.GetValue<string>().StartsWith("Input.", StringComparison.Ordinal))
                    yield return o;
                foreach (var (_, child) in o)
                    foreach (var input in Inputs(child)) yield return input;
                break;
            case JsonArray a:
                foreach (var child in a)
                    foreach (var input in Inputs(child)) yield return input;
                break;
        }
    }

    /// <summary>Teams-style "&lt;at&gt;Name&lt;/at&gt;" mentions become WeCom's "&lt;@userid&gt;".</summary>
    internal static string Mentions(string text, IEnumerable<Entity>? entities)
    {
        foreach (var e in entities ?? [])
        {
            if (!string.Equals(e.Type, "mention", StringComparison.OrdinalIgnoreCase) || e.Mentioned?.Id is null || string.IsNullOrEmpty(e.Text)) continue;
            text = text.Replace(e.Text, $"<@{UserIdOf(e.Mentioned.Id)}>", StringComparison.Ordinal);
        }
        return text;
    }

    /// <summary>A WeCom userid from a mention id ("wecom:zhangsan" or "zhangsan").</summary>
    internal static string UserIdOf(string id) => id.StartsWith(WeComOrigin.ChannelId + ":", StringComparison.Ordinal) ? id[(WeComOrigin.ChannelId.Length + 1)..] : id;

    private static string Shorten(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}
