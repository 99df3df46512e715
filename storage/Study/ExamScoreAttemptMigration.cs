using ChatBot.Storage.Engine;
using ChatBot.Storage.Migrations;
using LiteDB;

namespace ChatBot.Storage.Study;

/// <summary>
/// 3000: exam scores gain an attempt number (up to 3 sittings, the best counts). A score stored before had one sitting
/// per name, keyed "{session}|{date}|{name}"; it becomes attempt 1, keyed "{session}|{date}|{name}|1".
/// </summary>
public sealed class ExamScoreAttemptMigration : ISchemaMigration
{
    public int Version => 3000;
    public string Name => "study-exam-score-attempts";

    public void Apply(DocumentDatabase db)
    {
        var scores = db.Table(StudyStore.Scores);
        // Documents that already have an attempt were written by the new code or by an earlier run: left alone.
        var old = scores.Find(null).Where(d => !d.ContainsKey(nameof(StudyExamScore.Attempt))).ToList();
        if (old.Count == 0) return;
        db.InTransaction(() =>
        {
            foreach (var doc in old)
            {
                var oldId = doc["_id"];
                doc[nameof(StudyExamScore.Attempt)] = 1;
                doc["_id"] = oldId.AsString + "|1";
                scores.Delete(oldId);
                scores.Upsert(doc);
            }
        });
    }
}
