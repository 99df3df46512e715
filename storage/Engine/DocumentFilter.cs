using LiteDB;

namespace ChatBot.Storage.Engine;

/// <summary>How a stored field is compared with a value.</summary>
public enum FilterOperator { Equal, NotEqual, Less, LessOrEqual, Greater, GreaterOrEqual, In }

/// <summary>
/// A condition on stored documents that both providers can run: comparisons of top-level fields with values, joined
/// by "and". It is what the stores ask for, so PostgreSQL can answer it from a column and an index instead of reading
/// every document (a field it filters on must be a column of its table: see storage/Postgres/Schema).
/// </summary>
public sealed record DocumentFilter(IReadOnlyList<FieldCondition> Conditions)
{
    public static DocumentFilter Where(string field, FilterOperator op, BsonValue value) => new([new FieldCondition(field, op, value)]);

    public static DocumentFilter Eq(string field, BsonValue value) => Where(field, FilterOperator.Equal, value);

    /// <summary>The field is one of the values.</summary>
    public static DocumentFilter In(string field, IEnumerable<BsonValue> values) => Where(field, FilterOperator.In, new BsonArray(values));

    public DocumentFilter And(DocumentFilter other) => new([.. Conditions, .. other.Conditions]);

    /// <summary>The same condition as LiteDB's query.</summary>
    public BsonExpression ToLiteDb()
    {
        var parts = Conditions.Select(c => c.ToLiteDb()).ToList();
        return parts.Count == 1 ? parts[0] : Query.And(parts.ToArray());
    }

    public override string ToString() => string.Join(" and ", Conditions);
}

/// <summary>One comparison of a top-level field (its stored name: "_id" for the key) with a value.</summary>
public sealed record FieldCondition(string Field, FilterOperator Operator, BsonValue Value)
{
    public BsonExpression ToLiteDb() => Operator switch
    {
        FilterOperator.Equal => Query.EQ(Field, Value),
        FilterOperator.NotEqual => Query.Not(Field, Value),
        FilterOperator.Less => Query.LT(Field, Value),
        FilterOperator.LessOrEqual => Query.LTE(Field, Value),
        FilterOperator.Greater => Query.GT(Field, Value),
        FilterOperator.In => Query.In(Field, Value.AsArray),
        _ => Query.GTE(Field, Value),
    };

    public override string ToString() => $"{Field} {Operator} {Value}";
}
