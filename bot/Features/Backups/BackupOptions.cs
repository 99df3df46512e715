namespace ChatBot.Bot.Features.Backups;

/// <summary>The "Backup" configuration section (docs/admin/backups.md).</summary>
internal sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>False: no nightly backup (backups by command and 备份状态 still work). Tests turn it off.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Where backups go; empty: "backups" beside the database (data/backups for the default data/chatbot.db).</summary>
    public string? Folder { get; set; }
    /// <summary>Every backup of this many days is kept (today counts as the first).</summary>
    public int KeepDays { get; set; } = 30;
    /// <summary>The first backup of each month is kept this many months.</summary>
    public int KeepMonths { get; set; } = 12;
    /// <summary>Local time of the nightly backup, in <see cref="TimeZone"/>.</summary>
    public string DailyAt { get; set; } = "02:30";
    /// <summary>Time zone of <see cref="DailyAt"/> and of the backups' names; empty: Bot:DefaultTimeZone.</summary>
    public string? TimeZone { get; set; }
    /// <summary>备份状态 warns when the disk has room for fewer backups than this.</summary>
    public int WarnBelowBackups { get; set; } = 7;

    /// <summary>The backup folder, full path, for a database file.</summary>
    public string FolderFor(string databaseFile) => string.IsNullOrWhiteSpace(Folder)
        ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(databaseFile))!, "backups")
        : Path.GetFullPath(Folder);
}
