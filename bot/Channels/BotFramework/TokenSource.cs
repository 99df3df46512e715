using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>Who issued an inbound token: the Bot Connector service, or the Bot Framework Emulator (Azure AD).</summary>
internal enum TokenSource { BotConnector, Emulator }
