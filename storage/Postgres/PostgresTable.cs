using System.Text;
using ChatBot.Storage.Engine;
using LiteDB;
using Npgsql;
using NpgsqlTypes;

namespace ChatBot.Storage.Postgres;

/// <summary>One collection as a PostgreSQL table (see <see cref="PostgresDocumentDatabase"/>).</summary>
internal sealed class PostgresTable(PostgresDocumentDatabase db, string name) : DocumentTable(name)
{
    private TableShape Shape => db.Shape(Name);

    private string Quoted => Quote(Name);

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"") + "\"";

    public override BsonDocument? FindById(BsonValue id, bool forUpdate = false) =>
        db.Run($"select doc::text from {Quoted} where id = $1" + (forUpdate ? " for update" : ""),
            p => p.Add(Shape.Parameter("id", id)),
            cmd => cmd.ExecuteScalar() is string json ? Parse(json) : null);

    public override IReadOnlyList<BsonDocument> Find(DocumentFilter? filter, string? orderBy = null, int limit = int.MaxValue)
    {
        var sql = new StringBuilder($"select doc::text from {Quoted}");
        var parameters = new List<NpgsqlParameter>();
        AppendWhere(sql, filter, parameters);
        if (orderBy is not null) sql.Append(" order by ").Append(Quote(Shape.RequireColumn(orderBy)));
        if (limit != int.MaxValue) sql.Append(" limit ").Append(limit);
        return db.Run(sql.ToString(), p => p.AddRange(parameters.ToArray()), cmd =>
        {
            using var reader = cmd.ExecuteReader();
            var docs = new List<BsonDocument>();
            while (reader.Read()) docs.Add(Parse(reader.GetString(0)));
            return docs;
        });
    }

    public override IReadOnlyList<BsonDocument> Distinct(IReadOnlyList<string> fields, DocumentFilter? filter)
    {
        var shape = Shape;
        // A field with a column of a plain type is read from the column (an index may then answer alone); any other
        // from the document, so the values come back exactly as the mapper wrote them.
        var values = fields.Select(f => $"'{f.Replace("'", "''")}', " + (shape.Has(TableShape.ColumnOf(f)) && shape.IsPlain(TableShape.ColumnOf(f))
            ? $"to_jsonb({Quote(TableShape.ColumnOf(f))})" : $"doc->'{f.Replace("'", "''")}'"));
        var sql = new StringBuilder($"select distinct jsonb_build_object({string.Join(", ", values)})::text from {Quoted}");
        var parameters = new List<NpgsqlParameter>();
        AppendWhere(sql, filter, parameters);
        return db.Run(sql.ToString(), p => p.AddRange(parameters.ToArray()), cmd =>
        {
            using var reader = cmd.ExecuteReader();
            var rows = new List<BsonDocument>();
            while (reader.Read()) rows.Add(Parse(reader.GetString(0)));
            return rows;
        });
    }

    public override int Count(DocumentFilter? filter)
    {
        var sql = new StringBuilder($"select count(*) from {Quoted}");
        var parameters = new List<NpgsqlParameter>();
        AppendWhere(sql, filter, parameters);
        return db.Run(sql.ToString(), p => p.AddRange(parameters.ToArray()), cmd => Convert.ToInt32(cmd.ExecuteScalar()));
    }

    public override BsonValue Insert(BsonDocument document, BsonAutoId autoId)
    {
        if (!document.TryGetValue("_id", out var id) || IsEmptyKey(id))
        {
            id = autoId switch
            {
                BsonAutoId.Int32 => new BsonValue(NextNumber()),
                BsonAutoId.Int64 => new BsonValue((long)NextNumber()),
                BsonAutoId.Guid => new BsonValue(Guid.NewGuid()),
                _ => new BsonValue(ObjectId.NewObjectId()),
            };
            document["_id"] = id;
        }
        Write("insert into {0} ({1}) values ({2})", document);
        return id;
    }

    /// <summary>The next number of an auto-numbered table (its id column is an identity column).</summary>
    private int NextNumber() =>
        db.Run("select nextval(pg_get_serial_sequence($1, 'id'))", p => p.AddWithValue(Quoted), cmd => Convert.ToInt32(cmd.ExecuteScalar()));

    public override bool TryInsert(BsonDocument document) => Write("insert into {0} ({1}) values ({2}) on conflict (id) do nothing", document) == 1;

    public override bool Update(BsonDocument document)
    {
        var shape = Shape;
        var columns = Columns(shape);
        var set = string.Join(", ", columns.Where(c => c != "id").Select((c, i) => $"{Quote(c)} = ${i + 2}"));
        return db.Run($"update {Quoted} set {set} where id = $1",
            p => AddValues(p, shape, columns, document),
            cmd => cmd.ExecuteNonQuery()) == 1;
    }

    public override bool Upsert(BsonDocument document)
    {
        var columns = Columns(Shape);
        var update = string.Join(", ", columns.Where(c => c != "id").Select(c => $"{Quote(c)} = excluded.{Quote(c)}"));
        return db.Run(Sql("insert into {0} ({1}) values ({2}) on conflict (id) do update set " + update + " returning (xmax = 0)", columns),
            p => AddValues(p, Shape, columns, document),
            cmd => cmd.ExecuteScalar() is true);
    }

    public override bool Delete(BsonValue id) =>
        db.Run($"delete from {Quoted} where id = $1", p => p.Add(Shape.Parameter("id", id)), cmd => cmd.ExecuteNonQuery()) == 1;

    public override int DeleteMany(DocumentFilter filter)
    {
        var sql = new StringBuilder($"delete from {Quoted}");
        var parameters = new List<NpgsqlParameter>();
        AppendWhere(sql, filter, parameters);
        return db.Run(sql.ToString(), p => p.AddRange(parameters.ToArray()), cmd => cmd.ExecuteNonQuery());
    }

    public override IReadOnlyList<BsonDocument> Claim(DocumentFilter filter, string orderBy, int limit, Func<BsonDocument, BsonDocument> change) =>
        db.InTransaction(() =>
        {
            var sql = new StringBuilder($"select doc::text from {Quoted}");
            var parameters = new List<NpgsqlParameter>();
            AppendWhere(sql, filter, parameters);
            sql.Append(" order by ").Append(Quote(Shape.RequireColumn(orderBy))).Append(", id limit ").Append(limit)
                // Rows another instance is claiming right now are passed over instead of waited for (and taken twice).
                .Append(" for update skip locked");
            var rows = db.Run(sql.ToString(), p => p.AddRange(parameters.ToArray()), cmd =>
            {
                using var reader = cmd.ExecuteReader();
                var docs = new List<BsonDocument>();
                while (reader.Read()) docs.Add(Parse(reader.GetString(0)));
                return docs;
            });
            var taken = rows.Select(change).ToList();
            foreach (var d in taken) Update(d);
            return (IReadOnlyList<BsonDocument>)taken;
        });

    private int Write(string template, BsonDocument document)
    {
        var columns = Columns(Shape);
        return db.Run(Sql(template, columns), p => AddValues(p, Shape, columns, document), cmd => cmd.ExecuteNonQuery());
    }

    /// <summary>id first, doc second, then the typed columns.</summary>
    private static List<string> Columns(TableShape shape) => ["id", "doc", .. shape.FieldColumns];

    private string Sql(string template, List<string> columns) =>
        string.Format(template, Quoted, string.Join(", ", columns.Select(Quote)), string.Join(", ", columns.Select((_, i) => "$" + (i + 1))));

    private static void AddValues(NpgsqlParameterCollection p, TableShape shape, List<string> columns, BsonDocument document)
    {
        foreach (var column in columns)
        {
            if (column == "doc")
                p.Add(new NpgsqlParameter { Value = LiteDB.JsonSerializer.Serialize(document), NpgsqlDbType = NpgsqlDbType.Jsonb });
            else
                p.Add(shape.Parameter(column, column == "id" ? document["_id"] : FieldValue(document, column)));
        }
    }

    /// <summary>The document's value for a typed column (the field whose name the column is the snake case of).</summary>
    private static BsonValue FieldValue(BsonDocument document, string column)
    {
        foreach (var (field, value) in document)
            if (TableShape.ColumnOf(field) == column) return value;
        return BsonValue.Null;
    }

    private void AppendWhere(StringBuilder sql, DocumentFilter? filter, List<NpgsqlParameter> parameters)
    {
        if (filter is null || filter.Conditions.Count == 0) return;
        var shape = Shape;
        sql.Append(" where ");
        var first = true;
        foreach (var c in filter.Conditions)
        {
            if (!first) sql.Append(" and ");
            first = false;
            var column = Quote(shape.RequireColumn(c.Field));
            if (c.Value.IsNull && c.Operator is FilterOperator.Equal or FilterOperator.NotEqual)
            {
                sql.Append(column).Append(c.Operator == FilterOperator.Equal ? " is null" : " is not null");
                continue;
            }
            if (c.Operator == FilterOperator.In)
            {
                parameters.Add(shape.ArrayParameter(shape.RequireColumn(c.Field), c.Value.AsArray));
                sql.Append(column).Append(" = any($").Append(parameters.Count).Append(')');
                continue;
            }
            parameters.Add(shape.Parameter(shape.RequireColumn(c.Field), c.Value));
            var op = c.Operator switch
            {
                FilterOperator.Equal => "=", FilterOperator.NotEqual => "is distinct from", FilterOperator.Less => "<",
                FilterOperator.LessOrEqual => "<=", FilterOperator.Greater => ">", _ => ">=",
            };
            sql.Append(column).Append(' ').Append(op).Append(" $").Append(parameters.Count);
        }
    }

    private static BsonDocument Parse(string json) => LiteDB.JsonSerializer.Deserialize(json).AsDocument;
}
