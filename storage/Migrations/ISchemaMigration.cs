using ChatBot.Storage.Engine;
using LiteDB;

namespace ChatBot.Storage.Migrations;

/// <summary>
/// A change of the shape of stored records, applied once to each database when the bot starts. Registered by the
/// feature that owns the records (<c>services.AddSingleton&lt;ISchemaMigration, …&gt;()</c> in its <c>AddXFeature</c>).
/// </summary>
public interface ISchemaMigration
{
    /// <summary>
    /// Unique, and the order migrations run in. Each feature has its own block so that two features never pick the
    /// same number: the engine 1–999, Mediation 1000–1999, PlanTasks 2000–2999, Study 3000–3999, Reports 4000–4999.
    /// </summary>
    int Version { get; }

    /// <summary>Short name for the log and the pre-migration backup's file name, e.g. "mediation-case-source".</summary>
    string Name { get; }

    /// <summary>
    /// Rewrites the records. Must be safe to run again on records it already changed: a crash can stop the bot after
    /// the records were written and before the migration was marked applied.
    /// </summary>
    void Apply(DocumentDatabase db);
}
