using ChatBot.Cards.Help;

namespace ChatBot.Bot.Conversation;

/// <summary>A command that may run in the middle of a dialog without ending it (help, cancel).</summary>
internal interface IInterruptCommand;
