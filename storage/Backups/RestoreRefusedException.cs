namespace ChatBot.Storage.Backups;

/// <summary>A restore that did not start, with the reason; nothing was changed.</summary>
public sealed class RestoreRefusedException(string message, Exception? inner = null) : Exception(message, inner);
