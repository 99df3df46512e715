namespace ChatBot.Bot.Conversation.Dialogs;

/// <summary>One step of a <see cref="WaterfallDialog"/>.</summary>
internal delegate Task<DialogTurnResult> WaterfallStep(WaterfallStepContext step, CancellationToken ct);
