namespace ChatBot.Bot.Channels.WeCom.App;

/// <summary>One question of a vote or multiple-choice card and the option ids the user picked.</summary>
internal sealed record WeComSelectedItem(string QuestionKey, IReadOnlyList<string> OptionIds);
