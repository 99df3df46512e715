using LiteDB;

namespace ChatBot.Storage.Engine;

/// <summary>
/// The one way the stores write in an explicit transaction: commit when the write returns, roll back when it throws
/// (the write's own exception is the one that surfaces, even when the rollback fails too, e.g. after LiteDB closed).
/// </summary>
internal static class LiteTransactions
{
    /// <param name="join">
    /// When this thread already has a transaction open: true joins it (its opener commits or rolls back), false
    /// throws, for writes that act on what they believe committed.
    /// </param>
    public static T InTransaction<T>(this LiteDatabase db, Func<T> write, bool join = true)
    {
        var own = db.BeginTrans();
        if (!own && !join) throw new InvalidOperationException("A transaction is already open on this thread.");
        try
        {
            var result = write();
            if (own) db.Commit();
            return result;
        }
        catch
        {
            if (own)
                try { db.Rollback(); } catch (LiteException) { }
            throw;
        }
    }

    public static void InTransaction(this LiteDatabase db, Action write, bool join = true) =>
        db.InTransaction(() => { write(); return true; }, join);
}
