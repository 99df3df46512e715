using System.Buffers.Binary;

namespace ChatBot.Bot.Channels.WeCom.Crypto;

/// <summary>The decrypted content of a WeCom ciphertext: the message and the receive id it was addressed to.</summary>
internal readonly record struct WeComPlaintext(string Message, string ReceiveId);
