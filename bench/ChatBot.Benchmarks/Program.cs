// dotnet run -c Release --project bench/ChatBot.Benchmarks -- <mode> [options]
//   load     --connections 16 --seconds 10 --warmup 3 --rounds 2 [--autocommit] [--alloc-by-type] [--httpclient]  end-to-end HTTP load, bot vs floor
//            (the warm-up lasts until the JIT has settled, at most 60 s; clients are raw keep-alive connections unless --httpclient)
//   memory   --conversations 10000                                                RSS with N dialogs in progress
//   startup  --runs 5                                                             process start → /healthz 200
//   micro    [BenchmarkDotNet arguments, e.g. --filter *]                         storage micro benchmarks
//   tick-loop monday|monday-cold|daily|daily-cold|monday-cold-outbox --seconds 10 [--alloc-by-type] [--jit]  one reminder tick in a loop (perf, A/B)
//   phases --warmup 8 --seconds 20  where a cold Monday tick's time and allocations go, step by step
//   turn-loop --warmup 10 --seconds 10 [--journal]  the bot's turn on one thread without HTTP: CPU and allocation per turn
//   case-growth --cases 0,10000,100000 --warmup 3 --seconds 2 --rounds 5 [--profile]  mediation form submits/s in a workspace holding N cases
//   report   --cases 3000 --sessions 150 --tasks 600 --runs 5                    年度报告: reading the year and building the .docx
//   board    --cases 3000 --sessions 150 --tasks 600 --warmup 5 --runs 30           a stats chart and the public board page over HTTP (#26)
//   reminder-tick-pg --connection "<empty PostgreSQL database>" --workspaces 1000 --ticks 10  the reminder tick on PostgreSQL (#27)
namespace ChatBot.Benchmarks;

internal static class BenchMain
{
public static async Task<int> Main(string[] args)
{
    var mode = args.FirstOrDefault() ?? "help";
    var options = BenchOptions.Parse(args.Skip(1).ToArray());
    return mode switch
    {
        "load" => await LoadMode.RunAsync(options),
        "memory" => await MemoryMode.RunAsync(options),
        "startup" => await StartupMode.RunAsync(options),
        "micro" => MicroMode.Run(args.Skip(1).ToArray()),
        "litedb-probe" => await LiteDbProbe.RunAsync(options),
        "tick-loop" => TickLoopMode.Run(options, args.ElementAtOrDefault(1) ?? "monday"),
        "phases" => PhasesMode.Run(options),
        "turn-loop" => await TurnLoopMode.RunAsync(options),
        "case-growth" => await CaseGrowthMode.RunAsync(options),
        "report" => await ReportMode.RunAsync(options),
        "board" => await BoardMode.RunAsync(options),
        "reminder-tick-pg" => await ReminderTickPostgresMode.Run(options),
        _ => Usage(),
    };
}

private static int Usage()
{
    Console.Error.WriteLine("""
        usage: dotnet run -c Release --project bench/ChatBot.Benchmarks -- <mode> [options]
          load     --connections 16 --seconds 10 --warmup 3 --rounds 2 [--autocommit] [--httpclient]
          memory   --conversations 10000
          startup  --runs 5
          micro    [BenchmarkDotNet arguments, e.g. --filter *]
          tick-loop monday|monday-cold|daily|daily-cold|monday-cold-outbox --seconds 10 [--alloc-by-type] [--jit]
          phases   --warmup 8 --seconds 20
          turn-loop --warmup 10 --seconds 10 [--journal]
          case-growth --cases 0,10000,100000 --warmup 3 --seconds 2 --rounds 5 [--profile]
          report   --cases 3000 --sessions 150 --tasks 600 --runs 5
          board    --cases 3000 --sessions 150 --tasks 600 --warmup 5 --runs 30
        """);
    return 2;
}
}

internal sealed class BenchOptions(Dictionary<string, string> values)
{
    public static BenchOptions Parse(string[] args)
    {
        var d = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Length; i++)
            if (args[i].StartsWith("--"))
                d[args[i][2..]] = i + 1 < args.Length && !args[i + 1].StartsWith("--") ? args[++i] : "true";
        return new BenchOptions(d);
    }

    public int Int(string name, int fallback) => values.TryGetValue(name, out var v) && int.TryParse(v, out var n) ? n : fallback;
    public string? Text(string name) => values.TryGetValue(name, out var v) ? v : null;
    public bool Flag(string name) => values.TryGetValue(name, out var v) && v != "false";
}
