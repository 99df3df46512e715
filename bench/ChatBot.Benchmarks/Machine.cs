using System.Runtime.InteropServices;

namespace ChatBot.Benchmarks;

/// <summary>What the numbers were measured on.</summary>
internal static class Machine
{
    public static string Describe()
    {
        var cpu = ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim() ?? "unknown CPU";
        var memKb = ReadLines("/proc/meminfo").FirstOrDefault(l => l.StartsWith("MemTotal"))?.Split(':', 2)[1].Trim() ?? "?";
        return $"machine: {Environment.ProcessorCount} cores ({cpu}), memory {memKb}, {RuntimeInformation.OSDescription}, " +
               $".NET {Environment.Version}, server GC {System.Runtime.GCSettings.IsServerGC}, load average {LoadAverage()}";
    }

    public static string LoadAverage() => ReadLines("/proc/loadavg").FirstOrDefault() is { } l ? string.Join(' ', l.Split(' ').Take(3)) : "?";

    /// <summary>A field of /proc/{pid}/status in KB (VmRSS, VmHWM).</summary>
    public static long StatusKb(string field, int? pid = null)
    {
        var line = ReadLines($"/proc/{(pid?.ToString() ?? "self")}/status").FirstOrDefault(l => l.StartsWith(field + ":"));
        return line is null ? -1 : long.Parse(line.Split(':', 2)[1].Trim().Split(' ')[0]);
    }

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
