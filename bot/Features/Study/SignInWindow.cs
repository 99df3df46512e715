using ChatBot.Bot.Conversation;
using ChatBot.Storage.Study;

namespace ChatBot.Bot.Features.Study;

internal enum SignInWindow { Open, TooEarly, Closed, Cancelled }
