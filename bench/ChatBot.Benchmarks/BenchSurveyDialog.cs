using System.Text.Json.Nodes;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;

namespace ChatBot.Benchmarks;

/// <summary>
/// The dialog the load drives: four validated prompts (text, number, date, choice card) and a summary, the shape of a
/// real record-logging dialog. Every turn loads and saves dialog state, so each one is a durable LiteDB write.
/// </summary>
internal sealed class BenchSurveyDialog : WaterfallDialog
{
    public const string DialogId = "bench.survey";

    /// <summary>The user's turns for one full pass; the last reply contains "DONE".</summary>
    public static readonly string[] Script = ["survey", "张三", "12", "昨天", "邻里"];

    public static BeginDialogCommand Command => new(DialogId, ["测试调查", "survey"], []);

    public BenchSurveyDialog() : base(DialogId)
    {
        AddStep((s, ct) => s.PromptAsync(TextPrompt.DefaultId, new PromptOptions { Prompt = s.T("请输入姓名", "Your name?") }, ct));
        AddStep((s, ct) =>
        {
            s.Values["name"] = s.Result!.DeepClone();
            return s.PromptAsync(NumberPrompt.DefaultId, new PromptOptions { Prompt = s.T("涉及人数?", "How many people?"), Validations = new JsonObject { ["min"] = 1, ["integer"] = true } }, ct);
        });
        AddStep((s, ct) =>
        {
            s.Values["people"] = s.Result!.DeepClone();
            return s.PromptAsync(DatePrompt.DefaultId, new PromptOptions { Prompt = s.T("受理日期?", "Date received?"), Validations = new JsonObject { ["notFuture"] = true } }, ct);
        });
        AddStep((s, ct) =>
        {
            s.Values["date"] = s.Result!.DeepClone();
            return s.PromptAsync(ChoicePrompt.DefaultId, new PromptOptions { Prompt = s.T("类型?", "Type?"), Choices = [new("family", "婚姻家庭"), new("neighbour", "邻里", "邻里纠纷")] }, ct);
        });
        AddStep(async (s, ct) =>
        {
            s.Values["type"] = s.Result!.DeepClone();
            await s.Context.SendTextAsync("DONE " + s.Values.ToJsonString());
            return await s.EndDialogAsync(ct: ct);
        });
    }
}
