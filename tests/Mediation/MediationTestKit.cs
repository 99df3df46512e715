using System.Text.Json;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Storage.Mediation;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Mediation;

/// <summary>Builders shared by the mediation tests: valid form submissions, and reading ids out of the bot's cards.</summary>
internal static class MediationTestKit
{
    public const string GroupA = "19:mediation-group-a@thread.v2";
    public const string GroupB = "19:mediation-group-b@thread.v2";

    /// <summary>A complete, valid submission of the registration card (what Teams posts for Action.Submit).</summary>
    public static Dictionary<string, object?> ValidForm(string formId, Action<Dictionary<string, object?>>? change = null)
    {
        var form = new Dictionary<string, object?>
        {
            ["verb"] = "mediation.form",
            ["formId"] = formId,
            ["receivedOn"] = "2026-03-09",
            ["source"] = "Application",
            ["disputeType"] = "Neighbour",
            ["village"] = "东岭村",
            ["party1Name"] = "张三",
            ["party1Phone"] = "13812345678",
            ["party2Name"] = "欧阳小明",
            ["party2Phone"] = "0571-87654321",
            ["party3Name"] = "",
            ["party3Phone"] = "",
            ["people"] = "2",
            ["amount"] = "1500",
            ["summary"] = "张三与欧阳小明因排水沟堵塞发生争执",
            ["mediators"] = "王调解、李调解",
            ["status"] = "Succeeded",
            ["agreementForm"] = "Written",
            ["major"] = "false",
            ["collective"] = "true",
            ["agreementTerms"] = "欧阳小明于3月20日前疏通排水沟并赔偿张三1500元",
            ["performanceManner"] = "一次性付清",
            ["performanceDeadline"] = "2026-03-20",
        };
        change?.Invoke(form);
        return form;
    }

    /// <summary>The formId carried by the submit button of the registration card among the replies.</summary>
    public static string FormIdOf(IEnumerable<Activity> replies)
    {
        foreach (var r in replies)
            if (r.Card() is { } card && card.TryGetProperty("actions", out var actions))
                foreach (var a in actions.EnumerateArray())
                    if (a.TryGetProperty("data", out var data) && data.TryGetProperty("verb", out var verb) && verb.GetString() == "mediation.form")
                        return data.GetProperty("formId").GetString()!;
        throw new Xunit.Sdk.XunitException("No registration card with a formId among the replies:\n" + replies.AllText());
    }

    /// <summary>The value of an input of the card among the replies, by id.</summary>
    public static string? InputValue(IEnumerable<Activity> replies, string id)
    {
        foreach (var r in replies)
            if (r.Card() is { } card && Find(card, id) is { } input)
                return input.TryGetProperty("value", out var v) ? (v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText()) : null;
        return null;

        static JsonElement? Find(JsonElement e, string id)
        {
            if (e.ValueKind == JsonValueKind.Object)
            {
                if (e.TryGetProperty("id", out var i) && i.ValueKind == JsonValueKind.String && i.GetString() == id) return e;
                foreach (var p in e.EnumerateObject()) if (Find(p.Value, id) is { } f) return f;
            }
            else if (e.ValueKind == JsonValueKind.Array)
                foreach (var x in e.EnumerateArray()) if (Find(x, id) is { } f) return f;
            return null;
        }
    }

    public static Activity TeamsSubmit(object value, string user = "user-1", string conversation = "personal-user-1", string type = "personal", string? replyToId = "bot-card-1", string locale = "zh-CN") =>
        Activities.Submit(value, user, conversation, type, replyToId, locale);

    public static Activity GroupSubmit(object value, string group = GroupA, string user = "user-1") =>
        Activities.Submit(value, user, group, "groupChat", "bot-card-1");

    /// <summary>A message on a channel without cards (the step-by-step dialog).</summary>
    public static Activity TextOnly(string text, string user = "user-1", string locale = "zh-CN")
    {
        var a = Activities.Message(text, user, "sms-" + user, "sms", "personal", locale);
        return a;
    }

    public static MediationCase Case(DateOnly received, DisputeType type, string village, MediationStatus status, AgreementForm? form = null, bool major = false, bool collective = false) => new()
    {
        ReceivedOn = received, Source = MediationSource.Application, DisputeType = type, Village = village, Status = status,
        AgreementForm = form, Major = major, Collective = collective, Parties = [new("甲某", "13900001111")], PeopleInvolved = 2,
        Summary = "测试", Mediators = ["调解员"],
    };
}
