using System.Collections.Concurrent;
using ChatBot.Storage.Engine;
using LiteDB;
using Npgsql;
using NpgsqlTypes;

namespace ChatBot.Storage.Postgres;

/// <summary>
/// The stores' collections as PostgreSQL tables, for several bot instances on one database. Each table has the key
/// (<c>id</c>), one typed column for every field the stores filter, order or keep unique on (declared in
/// <c>Schema/*.sql</c>, with their indexes), and the whole record as <c>doc jsonb</c>, written by the same mapper as
/// LiteDB's so a record reads back identically. Nested lists (parties, follow-ups, chases, …) stay inside the record:
/// they are always read with it. The columns of a table are read from the database, so a migration that adds one is
/// all a new filter needs.
/// </summary>
public sealed class PostgresDocumentDatabase : DocumentDatabase
{
    private readonly AsyncLocal<Scope?> _transaction = new();
    private readonly ConcurrentDictionary<string, TableShape> _shapes = new(StringComparer.Ordinal);

    private readonly bool _ownsDataSource;

    /// <param name="ownsDataSource">Disposing this disposes the data source (else its creator does).</param>
    public PostgresDocumentDatabase(NpgsqlDataSource dataSource, BsonMapper? mapper = null, bool ownsDataSource = false) : base(mapper ?? ChatBotDatabase.CreateMapper())
    {
        DataSource = dataSource;
        _ownsDataSource = ownsDataSource;
    }

    public override void Dispose()
    {
        if (_ownsDataSource) DataSource.Dispose();
    }

    public NpgsqlDataSource DataSource { get; }

    public override string Provider => "postgres";

    public override bool IsShared => true;

    protected override DocumentTable CreateTable(string name) => new PostgresTable(this, name);

    public override long NextInSequence(string sequence) =>
        Run("select nextval($1::regclass)", p => p.AddWithValue(sequence), cmd => Convert.ToInt64(cmd.ExecuteScalar()));

    public override IReadOnlyList<string> CollectionNames() =>
        Run("select table_name from information_schema.columns where table_schema = current_schema() and column_name = 'doc' order by table_name",
            _ => { }, cmd =>
            {
                using var reader = cmd.ExecuteReader();
                var names = new List<string>();
                while (reader.Read()) names.Add(reader.GetString(0));
                return names;
            });

    /// <summary>
    /// How many times a transaction is run again that PostgreSQL aborted for a deadlock, a serialization failure or a
    /// unique key another instance took first.
    /// </summary>
    private const int RetriesOnConflict = 5;

    public override T InTransaction<T>(Func<T> write, bool join = true)
    {
        if (_transaction.Value is not null)
        {
            if (!join) throw new InvalidOperationException("A transaction is already open on this thread.");
            return write();
        }
        for (var attempt = 1; ; attempt++)
        {
            using var connection = DataSource.OpenConnection();
            using var tx = connection.BeginTransaction(System.Data.IsolationLevel.ReadCommitted);
            _transaction.Value = new Scope(connection, tx);
            try
            {
                var result = write();
                tx.Commit();
                return result;
            }
            // A unique violation is raised only once the other instance's row is committed (an insert waits for the
            // transaction that wrote the same key), so the write run again sees that row, and a store that asks
            // "does it exist?" inside its transaction answers as it would have, had it come second.
            catch (PostgresException ex) when (attempt < RetriesOnConflict && ex.SqlState is PostgresErrorCodes.DeadlockDetected
                or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.UniqueViolation)
            {
                TryRollback(tx);
            }
            catch
            {
                TryRollback(tx);
                throw;
            }
            finally { _transaction.Value = null; }
        }
    }

    private static void TryRollback(NpgsqlTransaction tx)
    {
        try { tx.Rollback(); } catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException) { }
    }

    /// <summary>Runs a command in the open transaction of this flow, or on its own pooled connection (auto-commit).</summary>
    internal TResult Run<TResult>(string sql, Action<NpgsqlParameterCollection> parameters, Func<NpgsqlCommand, TResult> execute)
    {
        if (_transaction.Value is { } scope)
        {
            using var cmd = new NpgsqlCommand(sql, scope.Connection, scope.Transaction);
            parameters(cmd.Parameters);
            return execute(cmd);
        }
        using var own = DataSource.CreateCommand(sql);
        parameters(own.Parameters);
        return execute(own);
    }

    internal TableShape Shape(string table) => _shapes.GetOrAdd(table, LoadShape);

    // On the open transaction's connection when there is one: a second pooled connection taken while the transaction
    // holds one can wait for ever on a small pool (every connection held by a transaction waiting for another).
    private TableShape LoadShape(string table)
    {
        var columns = Run("select column_name, data_type from information_schema.columns where table_schema = current_schema() and table_name = $1",
            p => p.AddWithValue(table), cmd =>
            {
                using var reader = cmd.ExecuteReader();
                var found = new Dictionary<string, string>(StringComparer.Ordinal);
                while (reader.Read()) found[reader.GetString(0)] = reader.GetString(1);
                return found;
            });
        if (!columns.ContainsKey("id") || !columns.ContainsKey("doc"))
            throw new InvalidOperationException($"The PostgreSQL database has no table '{table}' with id and doc columns: add it to a migration in storage/Postgres/Schema.");
        return new TableShape(table, columns);
    }

    private sealed record Scope(NpgsqlConnection Connection, NpgsqlTransaction Transaction);
}

/// <summary>A table's columns (name → PostgreSQL type) and how document values become their parameters.</summary>
internal sealed class TableShape(string table, IReadOnlyDictionary<string, string> columns)
{
    public string Table { get; } = table;

    /// <summary>The typed columns besides id and doc, in a fixed order.</summary>
    public IReadOnlyList<string> FieldColumns { get; } = columns.Keys.Where(c => c is not ("id" or "doc")).OrderBy(c => c, StringComparer.Ordinal).ToList();

    public string IdType => columns["id"];

    public bool Has(string column) => columns.ContainsKey(column);

    /// <summary>A text, integer or boolean column: its JSON is what the mapper writes for the field.</summary>
    public bool IsPlain(string column) => columns[column] is "text" or "integer" or "boolean";

    /// <summary>The column a document field is kept in: "_id" → id, "WorkspaceId" → workspace_id.</summary>
    public static string ColumnOf(string field)
    {
        if (field == "_id") return "id";
        var sb = new System.Text.StringBuilder(field.Length + 4);
        for (var i = 0; i < field.Length; i++)
        {
            var c = field[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(field[i - 1]) || char.IsDigit(field[i - 1])
                || (i + 1 < field.Length && char.IsLower(field[i + 1]) && char.IsUpper(field[i - 1]))))
                sb.Append('_');
            sb.Append(char.ToLowerInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary>The field a column holds, for a column named after a document field.</summary>
    public string RequireColumn(string field)
    {
        var column = ColumnOf(field);
        if (!Has(column))
            throw new NotSupportedException($"The table '{Table}' has no column '{column}' for the field {field}: add it (and its index) in a migration in storage/Postgres/Schema before filtering on it.");
        return column;
    }

    public NpgsqlParameter Parameter(string column, BsonValue value)
    {
        var type = columns[column];
        if (value is null || value.IsNull) return new NpgsqlParameter { Value = DBNull.Value, NpgsqlDbType = DbType(type) };
        object converted = type switch
        {
            "integer" => value.AsInt32,
            "bigint" => value.AsInt64,
            "boolean" => value.AsBoolean,
            "double precision" or "numeric" => value.AsDouble,
            "timestamp with time zone" => value.IsDateTime ? new DateTimeOffset(value.AsDateTime.ToUniversalTime())
                : DateTimeOffset.Parse(value.AsString, System.Globalization.CultureInfo.InvariantCulture).ToUniversalTime(),
            "date" => DateOnly.ParseExact(value.AsString, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            _ => value.IsString ? value.AsString : value.IsObjectId ? value.AsObjectId.ToString() : value.ToString(),
        };
        return new NpgsqlParameter { Value = converted, NpgsqlDbType = DbType(type) };
    }

    /// <summary>An array of values for <c>column = any($n)</c>.</summary>
    public NpgsqlParameter ArrayParameter(string column, BsonArray values)
    {
        var items = values.Select(v => Parameter(column, v).Value).ToArray();
        var type = DbType(columns[column]);
        Array typed = type switch
        {
            NpgsqlDbType.Integer => items.Cast<int>().ToArray(),
            NpgsqlDbType.Bigint => items.Cast<long>().ToArray(),
            _ => items.Select(i => i?.ToString() ?? "").ToArray(),
        };
        return new NpgsqlParameter { Value = typed, NpgsqlDbType = NpgsqlDbType.Array | (type is NpgsqlDbType.Integer or NpgsqlDbType.Bigint ? type : NpgsqlDbType.Text) };
    }

    private static NpgsqlDbType DbType(string type) => type switch
    {
        "integer" => NpgsqlDbType.Integer,
        "bigint" => NpgsqlDbType.Bigint,
        "boolean" => NpgsqlDbType.Boolean,
        "double precision" => NpgsqlDbType.Double,
        "numeric" => NpgsqlDbType.Numeric,
        "timestamp with time zone" => NpgsqlDbType.TimestampTz,
        "date" => NpgsqlDbType.Date,
        "jsonb" => NpgsqlDbType.Jsonb,
        _ => NpgsqlDbType.Text,
    };
}
