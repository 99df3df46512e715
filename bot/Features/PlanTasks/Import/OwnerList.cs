using ChatBot.Storage.PlanTasks;

namespace ChatBot.Bot.Features.PlanTasks.Import;

/// <summary>Owner lists as people write them: "张三、李四", "张三,李四", "张三;李四".</summary>
internal static class OwnerList
{
    private static readonly char[] Separators = ['、', ',', '，', ';', '；', '/', '|', ' ', '\u3000'];

    public static List<string> Split(string? s) =>
        (s ?? "").Split(Separators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
}
