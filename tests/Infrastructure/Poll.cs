namespace ChatBot.Tests.Infrastructure;

internal static class Poll
{
    /// <summary>Waits (real time) until background work has produced what <paramref name="condition"/> looks for.</summary>
    public static async Task Eventually(Func<bool> condition, string what, int seconds = 15)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        while (!condition())
        {
            if (DateTime.UtcNow > until) Assert.Fail("Timed out waiting for " + what);
            await Task.Delay(25);
        }
    }
}
