using LiteDB;

namespace ChatBot.Storage.PlanTasks;

/// <summary>A string still in its UTF-8 bytes (a slice of a larger buffer), decoded on demand.</summary>
internal readonly struct Utf8Text(byte[] data, int offset, int length)
{
    public string Decode() => data is null || length == 0 ? "" : System.Text.Encoding.UTF8.GetString(data, offset, length);
}
