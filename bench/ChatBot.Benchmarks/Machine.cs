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

    /// <summary>Minor page faults of this process so far (field 10 of /proc/self/stat); 0 where there is no /proc.</summary>
    public static long MinorPageFaults()
    {
        var stat = ReadLines("/proc/self/stat").FirstOrDefault();
        if (stat is null) return 0;
        // The command name (field 2) is in parentheses and may contain spaces: count fields after the last ')'.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Context switches of this process so far, voluntary and not, over all its threads, ended ones included
    /// (getrusage; 0 where it is not Linux). A thread that waits and is woken again costs one.
    /// </summary>
    public static long ContextSwitches()
    {
        if (!OperatingSystem.IsLinux()) return 0;
        Span<long> usage = stackalloc long[18]; // struct rusage on 64-bit Linux: two timevals, then 14 longs
        if (GetRUsage(0 /* RUSAGE_SELF */, ref MemoryMarshal.GetReference(usage)) != 0) return 0;
        return usage[16] + usage[17]; // ru_nvcsw, ru_nivcsw
    }

    [DllImport("libc", EntryPoint = "getrusage")]
    private static extern int GetRUsage(int who, ref long usage);

    private static IEnumerable<string> ReadLines(string path) => File.Exists(path) ? File.ReadLines(path) : [];
}
