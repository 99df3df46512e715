using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards.Help;
using ChatBot.Storage.Conversations;
using ChatBot.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Conversation;

/// <summary>
/// Versions of one dialog, "寄件" / "send parcel", as successive deploys of the bot would have it: the clerk is halfway
/// through when the host restarts on the same database with other code.
/// </summary>
internal static class Parcel
{
    public const string DialogId = "test.parcel";

    /// <summary>The steps as they were when dialog versions were introduced (what unversioned state was saved by).</summary>
    public static readonly string[] OriginalSteps = ["AskNameAsync", "AskDistrictAsync", "AskPhoneAsync", "DoneAsync"];

    public static Task<DialogTurnResult> AskNameAsync(WaterfallStepContext s, CancellationToken ct) =>
        s.PromptAsync(TextPrompt.DefaultId, new PromptOptions { Prompt = s.T("收件人姓名?", "Recipient's name?") }, ct);

    public static Task<DialogTurnResult> AskFloorAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["name"] ??= s.Result?.DeepClone();
        return s.PromptAsync(NumberPrompt.DefaultId, new PromptOptions { Prompt = s.T("楼层?", "Floor?"), Validations = new JsonObject { ["integer"] = true } }, ct);
    }

    public static Task<DialogTurnResult> AskPhoneAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["district"] = s.Result?.DeepClone();
        return s.PromptAsync(TextPrompt.DefaultId, new PromptOptions { Prompt = s.T("联系电话?", "Phone?") }, ct);
    }

    public static async Task<DialogTurnResult> DoneAsync(WaterfallStepContext s, CancellationToken ct)
    {
        s.Values["phone"] = s.Result?.DeepClone();
        await s.Context.SendTextAsync($"DONE name={s.Values["name"]} district={s.Values["district"]} phone={s.Values["phone"]}");
        return await s.EndDialogAsync(ct: ct);
    }

    public static Task<DialogTurnResult> AskDistrict(WaterfallStepContext s, params (string Value, string Zh, string En)[] districts)
    {
        s.Values["name"] ??= s.Result?.DeepClone();
        return s.PromptAsync(ChoicePrompt.DefaultId, new PromptOptions
        {
            Prompt = s.T("寄往哪个区?", "Which district?"),
            Choices = districts.Select(d => new PromptChoice(d.Value, s.T(d.Zh, d.En), d.Zh, d.En)).ToList(),
        });
    }

    public static BeginDialogCommand Command() =>
        new(DialogId, ["寄件", "send parcel"], [], new CommandHelp("测试", "Test", "寄件", "send parcel", "测试", "test", 60));
}

/// <summary>Version A: name, district (东区/西区), phone.</summary>
internal sealed class ParcelDialogA : WaterfallDialog
{
    public ParcelDialogA() : base(Parcel.DialogId)
    {
        AddStep(Parcel.AskNameAsync);
        AddStep(AskDistrictAsync);
        AddStep(Parcel.AskPhoneAsync);
        AddStep(Parcel.DoneAsync);
    }

    protected override IReadOnlyList<string> StepsBeforeVersioning => Parcel.OriginalSteps;

    private static Task<DialogTurnResult> AskDistrictAsync(WaterfallStepContext s, CancellationToken ct) =>
        Parcel.AskDistrict(s, ("east", "东区", "East"), ("west", "西区", "West"));
}

/// <summary>Version B: one more step, before the district. Continued by step number, A's "district" answer would land on it.</summary>
internal sealed class ParcelDialogB : WaterfallDialog
{
    public ParcelDialogB() : base(Parcel.DialogId)
    {
        AddStep(Parcel.AskNameAsync);
        AddStep(Parcel.AskFloorAsync);
        AddStep(AskDistrictAsync);
        AddStep(Parcel.AskPhoneAsync);
        AddStep(Parcel.DoneAsync);
    }

    protected override IReadOnlyList<string> StepsBeforeVersioning => Parcel.OriginalSteps;

    private static Task<DialogTurnResult> AskDistrictAsync(WaterfallStepContext s, CancellationToken ct) =>
        Parcel.AskDistrict(s, ("east", "东区", "East"), ("west", "西区", "West"));
}

/// <summary>Version A, revision 2: the same steps, but the district question offers other districts.</summary>
internal sealed class ParcelDialogNewDistricts : WaterfallDialog
{
    public ParcelDialogNewDistricts() : base(Parcel.DialogId)
    {
        Revision = "2";
        AddStep(Parcel.AskNameAsync);
        AddStep(AskDistrictAsync);
        AddStep(Parcel.AskPhoneAsync);
        AddStep(Parcel.DoneAsync);
    }

    protected override IReadOnlyList<string> StepsBeforeVersioning => Parcel.OriginalSteps;

    private static Task<DialogTurnResult> AskDistrictAsync(WaterfallStepContext s, CancellationToken ct) =>
        Parcel.AskDistrict(s, ("north", "北区", "North"), ("south", "南区", "South"));
}

/// <summary>Version A with other districts and no revision set: only the running prompt's saved options can tell.</summary>
internal sealed class ParcelDialogNewDistrictsNoRevision : WaterfallDialog
{
    public ParcelDialogNewDistrictsNoRevision() : base(Parcel.DialogId)
    {
        AddStep(Parcel.AskNameAsync);
        AddStep(AskDistrictAsync);
        AddStep(Parcel.AskPhoneAsync);
        AddStep(Parcel.DoneAsync);
    }

    private static Task<DialogTurnResult> AskDistrictAsync(WaterfallStepContext s, CancellationToken ct) =>
        Parcel.AskDistrict(s, ("north", "北区", "North"), ("south", "南区", "South"));
}

/// <summary>A card button that works on its own (as the registration form's submit does): an interrupt with data.</summary>
internal sealed class StampCardCommand : IBotCommand, IInterruptCommand
{
    public IReadOnlyList<string> Aliases => [];
    public IReadOnlyList<string> Verbs => ["test.stamp"];
    public Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct) => dc.Context.SendTextAsync("STAMPED");
}

public class DialogVersionTests
{
    private static BotHost Host<TDialog>(string db) where TDialog : Dialog => new(db, configure: services =>
    {
        services.AddSingleton<Dialog, TDialog>();
        services.AddSingleton<IBotCommand>(Parcel.Command());
        services.AddSingleton<IBotCommand, StampCardCommand>();
    });

    /// <summary>A host that no longer has the dialog nor its command.</summary>
    private static BotHost HostWithoutParcel(string db) => new(db);

    private static Activity Say(string text, string locale = "zh-CN", string conversationType = "personal") =>
        Activities.Message(text, "clerk-1", conversationType == "personal" ? "sms-clerk-1" : "group-7", "sms", conversationType, locale);

    private static async Task<string> SayAsync(BotHost host, string text, string locale = "zh-CN", string conversationType = "personal") =>
        (await host.SendAsync(Say(text, locale, conversationType))).AllText();

    /// <summary>Version A: "寄件", a name; the district question is waiting when the host stops.</summary>
    private static async Task<string> StartUnderVersionAAsync(string locale = "zh-CN", string conversationType = "personal")
    {
        var db = TempPaths.NewDatabase();
        await using var a = Host<ParcelDialogA>(db);
        var zh = locale == "zh-CN";
        Assert.Contains(zh ? "收件人姓名" : "Recipient's name", await SayAsync(a, zh ? "寄件" : "send parcel", locale, conversationType));
        Assert.Contains(zh ? "寄往哪个区" : "Which district", await SayAsync(a, zh ? "张三" : "Zhang San", locale, conversationType));
        return db;
    }

    [Fact]
    public void A_waterfall_version_is_derived_from_its_step_names_in_order_and_a_revision_changes_it()
    {
        var a = new ParcelDialogA();
        Assert.Equal(a.Version, new ParcelDialogA().Version);
        Assert.Equal(["AskNameAsync", "AskDistrictAsync", "AskPhoneAsync", "DoneAsync"], a.StepNames);
        Assert.Equal(WaterfallDialog.Derive(Parcel.OriginalSteps, null), a.Version);
        Assert.NotEqual(a.Version, new ParcelDialogB().Version); // a step added
        Assert.NotEqual(a.Version, WaterfallDialog.Derive(["AskDistrictAsync", "AskNameAsync", "AskPhoneAsync", "DoneAsync"], null)); // reordered
        Assert.Equal(WaterfallDialog.Derive(Parcel.OriginalSteps, "2"), new ParcelDialogNewDistricts().Version);
        Assert.NotEqual(a.Version, new ParcelDialogNewDistricts().Version); // same steps, revision 2
        Assert.Equal(a.Version, new ParcelDialogNewDistrictsNoRevision().Version); // same steps: the hash alone cannot tell
    }

    [Fact]
    public async Task Same_version_after_a_restart_resumes_at_the_step_it_was_at()
    {
        var db = await StartUnderVersionAAsync();
        await using var again = Host<ParcelDialogA>(db);
        Assert.Contains("联系电话", await SayAsync(again, "东区"));
        Assert.Contains("DONE name=张三 district=east phone=13812345678", await SayAsync(again, "13812345678"));
    }

    [Fact]
    public async Task A_new_version_with_another_step_ends_the_dialog_politely_and_offers_back_what_was_typed()
    {
        var db = await StartUnderVersionAAsync();
        await using var b = Host<ParcelDialogB>(db);
        var reply = await SayAsync(b, "东区");
        Assert.Contains("系统已更新,请重新开始“寄件”。", reply);
        Assert.Contains("您刚才已填写", reply);
        Assert.Contains("· 收件人姓名:张三", reply);
        Assert.DoesNotContain("楼层", reply);      // not moved to version B's step 2
        Assert.DoesNotContain("寄往哪个区", reply); // nor asked again as if nothing happened
        Assert.DoesNotContain("联系电话", reply);

        // The dialog is over: the next message is not an answer, and "寄件" starts version B from the beginning.
        Assert.DoesNotContain("楼层", await SayAsync(b, "5"));
        Assert.Contains("收件人姓名", await SayAsync(b, "寄件"));
        Assert.Contains("楼层", await SayAsync(b, "李四"));
    }

    [Fact]
    public async Task The_notice_and_the_answers_are_in_the_users_language()
    {
        var db = await StartUnderVersionAAsync("en-US");
        await using var b = Host<ParcelDialogB>(db);
        var reply = await SayAsync(b, "East", "en-US");
        Assert.Contains("The bot was updated; please start “send parcel” again.", reply);
        Assert.Contains("What you had entered", reply);
        Assert.Contains("· Recipient's name: Zhang San", reply);
        Assert.DoesNotContain("系统", reply);
    }

    [Fact]
    public async Task A_prompt_in_flight_whose_choices_changed_in_a_new_revision_is_not_answered_with_an_old_choice()
    {
        var db = await StartUnderVersionAAsync();
        await using var revised = Host<ParcelDialogNewDistricts>(db);
        var reply = await SayAsync(revised, "东区"); // one of A's districts, no longer offered
        Assert.Contains("系统已更新,请重新开始“寄件”。", reply);
        Assert.Contains("· 收件人姓名:张三", reply);
        Assert.DoesNotContain("联系电话", reply);
        Assert.DoesNotContain("DONE", await SayAsync(revised, "13812345678"));
    }

    [Fact]
    public async Task Without_a_revision_a_prompt_in_flight_checks_the_answer_against_the_question_the_user_was_shown()
    {
        // Documented limit: changing a step's choices without a revision is invisible to the version, so the waiting
        // prompt goes on with the options it was asked with (those the user saw), never with the new code's.
        var db = await StartUnderVersionAAsync();
        await using var same = Host<ParcelDialogNewDistrictsNoRevision>(db);
        Assert.Contains("联系电话", await SayAsync(same, "东区"));
    }

    [Fact]
    public async Task A_dialog_that_no_longer_exists_is_ended_politely_with_what_was_typed()
    {
        var db = await StartUnderVersionAAsync();
        await using var without = HostWithoutParcel(db);
        var reply = await SayAsync(without, "东区");
        Assert.Contains("系统已更新,刚才未完成的操作已结束,请重新开始。", reply);
        Assert.Contains("· 收件人姓名:张三", reply);
        Assert.DoesNotContain("没能理解", reply); // the answer is not treated as an unknown command
    }

    [Fact]
    public async Task A_command_typed_into_an_outdated_dialog_ends_it_politely_and_then_runs()
    {
        var db = await StartUnderVersionAAsync();
        await using var b = Host<ParcelDialogB>(db);
        var replies = await b.SendAsync(Say("帮助"));
        Assert.Contains("系统已更新,请重新开始“寄件”。", replies[0].AllText());
        Assert.Contains("以下是我能做的事", replies.AllText());
        Assert.DoesNotContain("寄往哪个区", replies.AllText()); // the help does not ask the outdated question again
    }

    [Fact]
    public async Task A_card_that_works_on_its_own_drops_the_outdated_dialog_without_the_notice()
    {
        var db = await StartUnderVersionAAsync();
        await using var b = Host<ParcelDialogB>(db);
        var click = Say("");
        click.Text = null;
        click.Value = System.Text.Json.JsonSerializer.SerializeToElement(new { verb = "test.stamp" });
        var replies = await b.SendAsync(click);
        Assert.Equal("STAMPED", replies.AllText());
        Assert.DoesNotContain("楼层", await SayAsync(b, "5")); // and the outdated dialog is gone
    }

    [Fact]
    public async Task In_a_group_chat_free_text_answers_are_not_repeated_but_choices_are()
    {
        var db = TempPaths.NewDatabase();
        await using (var a = Host<ParcelDialogA>(db))
        {
            await SayAsync(a, "寄件", conversationType: "groupChat");
            await SayAsync(a, "张三", conversationType: "groupChat");
            Assert.Contains("联系电话", await SayAsync(a, "西区", conversationType: "groupChat"));
        }
        await using var b = Host<ParcelDialogB>(db);
        var reply = await SayAsync(b, "13812345678", conversationType: "groupChat");
        Assert.Contains("系统已更新,请重新开始“寄件”。", reply);
        Assert.Contains("· 收件人姓名:(群聊中不显示)", reply);
        Assert.Contains("· 寄往哪个区:西区", reply); // the choice's title, not its value "west"
        Assert.DoesNotContain("张三", reply);
        Assert.DoesNotContain("13812345678", reply);
    }

    /// <summary>What the bot saved before dialogs had versions: the same stack without "version" and "answers".</summary>
    private static async Task MakeUnversionedAsync(string db)
    {
        await using var host = Host<ParcelDialogA>(db);
        var store = host.Service<IDialogStateStore>();
        var key = ConversationEngine.StateKey(Say("x"));
        var record = store.Load(key)!;
        var state = JsonNode.Parse(record.Json)!.AsObject();
        foreach (var instance in state["stack"]!.AsArray())
        {
            Assert.NotNull(instance!["version"]);
            instance.AsObject().Remove("version");
            instance.AsObject().Remove("answers");
        }
        record.Json = state.ToJsonString();
        record.Version++;
        await store.SaveAsync(record);
    }

    [Fact]
    public async Task State_saved_before_versions_is_resumed_while_the_steps_are_still_those_it_was_saved_by()
    {
        var db = await StartUnderVersionAAsync();
        await MakeUnversionedAsync(db);
        await using var a = Host<ParcelDialogA>(db);
        Assert.Contains("联系电话", await SayAsync(a, "东区"));
        Assert.Contains("DONE name=张三 district=east", await SayAsync(a, "13812345678"));
    }

    [Fact]
    public async Task State_saved_before_versions_is_ended_once_the_steps_changed_and_its_values_are_offered_back()
    {
        var db = await StartUnderVersionAAsync();
        await MakeUnversionedAsync(db);
        await using var b = Host<ParcelDialogB>(db);
        var reply = await SayAsync(b, "东区");
        Assert.Contains("系统已更新,请重新开始“寄件”。", reply);
        Assert.Contains("· 张三", reply); // no questions were kept then: the collected values
        Assert.DoesNotContain("楼层", reply);
    }

    [Fact]
    public async Task State_saved_before_versions_is_ended_when_the_dialog_has_a_revision()
    {
        var db = await StartUnderVersionAAsync();
        await MakeUnversionedAsync(db);
        await using var revised = Host<ParcelDialogNewDistricts>(db);
        Assert.Contains("系统已更新", await SayAsync(revised, "东区"));
    }

    /// <summary>The next version of 调解登记 as far as the engine can tell: the same id with other steps.</summary>
    private sealed class NextLogMediationDialog() : WaterfallDialog("mediation.log", [AskSomethingNewAsync])
    {
        private static Task<DialogTurnResult> AskSomethingNewAsync(WaterfallStepContext s, CancellationToken ct) =>
            s.PromptAsync(TextPrompt.DefaultId, new PromptOptions { Prompt = "NEW STEP" }, ct);
    }

    private static Activity Sms(string text) => Activities.Message(text, "clerk-2", "sms-clerk-2", "sms", "personal");

    [Fact]
    public async Task A_clerk_halfway_through_log_mediation_when_its_steps_change_is_told_to_start_again_with_the_answers()
    {
        var db = TempPaths.NewDatabase();
        await using (var before = new BotHost(db))
        {
            Assert.Contains("受理日期", (await before.SendAsync(Sms("调解登记"))).AllText());
            Assert.Contains("纠纷来源", (await before.SendAsync(Sms("3月9日"))).AllText());
            Assert.Contains("纠纷类型", (await before.SendAsync(Sms("当事人申请"))).AllText());
        }
        await using var after = new BotHost(db, configure: services =>
        {
            foreach (var old in services.Where(d => d.ImplementationType == typeof(ChatBot.Bot.Features.Mediation.LogMediationDialog)).ToList())
                services.Remove(old);
            services.AddSingleton<Dialog, NextLogMediationDialog>();
        });
        var reply = (await after.SendAsync(Sms("邻里纠纷"))).AllText();
        Assert.Contains("系统已更新,请重新开始“调解登记”。", reply);
        Assert.Contains("· 受理日期:3月9日", reply);
        Assert.Contains("· 纠纷来源:当事人申请", reply);
        Assert.DoesNotContain("NEW STEP", reply);
        Assert.DoesNotContain("村(社区)", reply);
    }

    [Fact]
    public async Task Log_mediation_saved_before_versions_is_ended_politely_now_that_its_steps_changed()
    {
        // The deploy that introduced versions also added steps to LogMediationDialog (the closing facts of #23), so
        // state saved by the version before is not resumed: the saved step number no longer means the same step.
        var db = TempPaths.NewDatabase();
        await using (var before = new BotHost(db))
        {
            Assert.Contains("受理日期", (await before.SendAsync(Sms("调解登记"))).AllText());
            Assert.Contains("纠纷来源", (await before.SendAsync(Sms("3月9日"))).AllText());
            var store = before.Service<IDialogStateStore>();
            var record = store.Load(ConversationEngine.StateKey(Sms("x")))!;
            var state = JsonNode.Parse(record.Json)!.AsObject();
            foreach (var instance in state["stack"]!.AsArray()) { instance!.AsObject().Remove("version"); instance.AsObject().Remove("answers"); }
            record.Json = state.ToJsonString();
            record.Version++;
            await store.SaveAsync(record);
        }
        await using var after = new BotHost(db);
        var reply = (await after.SendAsync(Sms("当事人申请"))).AllText();
        Assert.Contains("系统已更新,请重新开始“调解登记”", reply);
        Assert.DoesNotContain("纠纷类型", reply);
    }

    [Fact]
    public void Every_dialog_listed_as_before_versions_is_a_waterfall_the_bot_registers()
    {
        using var host = new BotHost();
        var waterfalls = host.Services.GetServices<Dialog>().OfType<WaterfallDialog>().Select(d => d.Id).ToHashSet();
        Assert.All(DialogsBeforeVersioning.Ids, id => Assert.Contains(id, waterfalls));
    }
}
