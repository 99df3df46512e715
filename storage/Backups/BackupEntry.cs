using System.Text.RegularExpressions;

namespace ChatBot.Storage.Backups;

/// <summary>One backup in the folder: its file, the local date and time in its name, and why it was taken.</summary>
public sealed record BackupEntry(string File, DateTime LocalTaken, string Reason);
