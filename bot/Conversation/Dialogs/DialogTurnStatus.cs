using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatBot.Bot.Conversation.Dialogs;

internal enum DialogTurnStatus { Empty, Waiting, Complete, Cancelled }
