using ChatBot.Storage.Backups;
using ChatBot.Tests.Infrastructure;

namespace ChatBot.Tests.Backups;

public class BackupRetentionTests
{
    [Fact]
    public void A_simulated_year_of_nightly_backups_keeps_the_last_30_days_and_the_first_of_each_month()
    {
        var folder = new BackupFolder(Path.Combine(Path.GetDirectoryName(TempPaths.NewDatabase())!, "backups"), "chatbot.db");
        Directory.CreateDirectory(folder.Folder);
        var first = new DateOnly(2026, 1, 1);
        var last = new DateOnly(2027, 2, 14);
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            Touch(folder.PathFor(day.ToDateTime(new TimeOnly(2, 30)), "daily"));
            if (day.Day == 10) Touch(folder.PathFor(day.ToDateTime(new TimeOnly(9, 15, 42)), "pre-migration-v2")); // an upgrade that day
            folder.Prune(day, keepDays: 30, keepMonths: 12);
        }

        var kept = folder.List().Select(b => Path.GetFileName(b.File)).ToHashSet();
        var expected = new HashSet<string>();
        for (var day = last.AddDays(-29); day <= last; day = day.AddDays(1)) // the last 30 days, today included
        {
            expected.Add($"chatbot-{day:yyyy-MM-dd}_023000-daily.db");
            if (day.Day == 10) expected.Add($"chatbot-{day:yyyy-MM-dd}_091542-pre-migration-v2.db");
        }
        for (var month = new DateOnly(2026, 3, 1); month <= last; month = month.AddMonths(1)) // the first of each month, for 12 months
            expected.Add($"chatbot-{month:yyyy-MM-dd}_023000-daily.db");
        Assert.Equal(expected.Order(), kept.Order());
        Assert.Equal(30 + 1 + 12 - 1, kept.Count); // one upgrade in the last 30 days; 2027-02-01 is both recent and a first of its month
        Assert.DoesNotContain("chatbot-2026-02-01_023000-daily.db", kept); // a year and two weeks old
    }

    [Fact]
    public void Failed_backups_are_kept_aside_for_the_days_and_not_as_monthly_ones()
    {
        var folder = new BackupFolder(Path.Combine(Path.GetDirectoryName(TempPaths.NewDatabase())!, "backups"), "chatbot.db");
        Directory.CreateDirectory(folder.FailedFolder);
        var old = folder.PathFor(new DateTime(2026, 5, 1, 2, 30, 0), "daily");
        var recent = folder.PathFor(new DateTime(2026, 5, 30, 2, 30, 0), "daily");
        Touch(Path.Combine(folder.FailedFolder, Path.GetFileName(old)));
        Touch(Path.Combine(folder.FailedFolder, Path.GetFileName(recent)));

        folder.Prune(new DateOnly(2026, 6, 5), 30, 12);

        Assert.Equal([Path.GetFileName(recent)], folder.List(failed: true).Select(b => Path.GetFileName(b.File)));
    }

    [Fact]
    public void Backups_of_another_database_in_the_same_folder_are_left_alone()
    {
        var dir = Path.Combine(Path.GetDirectoryName(TempPaths.NewDatabase())!, "backups");
        var ours = new BackupFolder(dir, "chatbot.db");
        var theirs = new BackupFolder(dir, "other.db");
        Directory.CreateDirectory(dir);
        var other = theirs.PathFor(new DateTime(2020, 1, 2, 2, 30, 0), "daily");
        Touch(other);
        ours.Prune(new DateOnly(2026, 6, 5), 30, 12);
        Assert.True(File.Exists(other));
        Assert.Empty(ours.List());
    }

    private static void Touch(string file)
    {
        File.WriteAllText(file, "backup");
        File.WriteAllText(file + ".json", "{}");
    }
}
