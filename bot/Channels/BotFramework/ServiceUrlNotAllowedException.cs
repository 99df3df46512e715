using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Channels.BotFramework;

/// <summary>Thrown instead of sending when a serviceUrl is not allowed; never retried.</summary>
internal sealed class ServiceUrlNotAllowedException(Uri? uri)
    : InvalidOperationException($"Refusing to call '{uri?.GetLeftPart(UriPartial.Authority)}': the host is not in BotFramework:AllowedServiceUrlHosts (or is not https).");
