using System.Linq.Expressions;
using LiteDB;

namespace ChatBot.Storage.Engine;

/// <summary>
/// Turns the small lambdas the stores write (<c>c =&gt; c.WorkspaceId == id &amp;&amp; c.Year &gt;= 2026</c>,
/// <c>w =&gt; !w.Removed</c>, <c>l =&gt; l.RevokedUtc == null</c>) into a <see cref="DocumentFilter"/>. Anything else
/// (method calls, "or", nested members) is refused with the lambda in the message: filter in memory after a query on
/// an indexed field instead.
/// </summary>
internal static class FilterTranslator
{
    public static DocumentFilter Translate<T>(Expression<Func<T, bool>> predicate, BsonMapper mapper)
    {
        var conditions = new List<FieldCondition>();
        Collect(predicate.Body, predicate.Parameters[0], mapper, conditions, predicate);
        return new DocumentFilter(conditions);
    }

    private static void Collect(Expression e, ParameterExpression p, BsonMapper mapper, List<FieldCondition> into, LambdaExpression whole)
    {
        switch (e)
        {
            case BinaryExpression { NodeType: ExpressionType.AndAlso } and:
                Collect(and.Left, p, mapper, into, whole);
                Collect(and.Right, p, mapper, into, whole);
                return;
            case MemberExpression m when m.Type == typeof(bool) && IsOnParameter(m, p):
                into.Add(new FieldCondition(FieldName(m, mapper), FilterOperator.Equal, true));
                return;
            case UnaryExpression { NodeType: ExpressionType.Not, Operand: MemberExpression m } when m.Type == typeof(bool) && IsOnParameter(m, p):
                into.Add(new FieldCondition(FieldName(m, mapper), FilterOperator.Equal, false));
                return;
            case BinaryExpression b when Operators.TryGetValue(b.NodeType, out var op):
                if (Member(b.Left, p) is { } left && !UsesParameter(b.Right, p))
                    into.Add(new FieldCondition(FieldName(left, mapper), op, Value(b.Right, left, mapper)));
                else if (Member(b.Right, p) is { } right && !UsesParameter(b.Left, p))
                    into.Add(new FieldCondition(FieldName(right, mapper), Mirror(op), Value(b.Left, right, mapper)));
                else throw Unsupported(whole);
                return;
            default:
                throw Unsupported(whole);
        }
    }

    private static readonly Dictionary<ExpressionType, FilterOperator> Operators = new()
    {
        [ExpressionType.Equal] = FilterOperator.Equal, [ExpressionType.NotEqual] = FilterOperator.NotEqual,
        [ExpressionType.LessThan] = FilterOperator.Less, [ExpressionType.LessThanOrEqual] = FilterOperator.LessOrEqual,
        [ExpressionType.GreaterThan] = FilterOperator.Greater, [ExpressionType.GreaterThanOrEqual] = FilterOperator.GreaterOrEqual,
    };

    private static FilterOperator Mirror(FilterOperator op) => op switch
    {
        FilterOperator.Less => FilterOperator.Greater, FilterOperator.LessOrEqual => FilterOperator.GreaterOrEqual,
        FilterOperator.Greater => FilterOperator.Less, FilterOperator.GreaterOrEqual => FilterOperator.LessOrEqual,
        _ => op,
    };

    /// <summary>The member of the document the side names, seen through the conversions C# adds (enum to int, T to T?).</summary>
    private static MemberExpression? Member(Expression e, ParameterExpression p)
    {
        while (e is UnaryExpression { NodeType: ExpressionType.Convert or ExpressionType.ConvertChecked } u) e = u.Operand;
        return e is MemberExpression m && IsOnParameter(m, p) ? m : null;
    }

    private static bool IsOnParameter(MemberExpression m, ParameterExpression p) => m.Expression == p;

    private static bool UsesParameter(Expression e, ParameterExpression p)
    {
        var finder = new ParameterFinder(p);
        finder.Visit(e);
        return finder.Found;
    }

    private sealed class ParameterFinder(ParameterExpression p) : ExpressionVisitor
    {
        public bool Found { get; private set; }
        protected override Expression VisitParameter(ParameterExpression node)
        {
            if (node == p) Found = true;
            return node;
        }
    }

    private static string FieldName(MemberExpression m, BsonMapper mapper) => RecordShape.Of(m.Expression!.Type).FieldName(m.Member, mapper);

    /// <summary>The other side's value, as the mapper stores the member's type (an enum compared as its number is turned back into the enum).</summary>
    private static BsonValue Value(Expression side, MemberExpression member, BsonMapper mapper)
    {
        var value = Expression.Lambda(side).Compile().DynamicInvoke();
        var memberType = Nullable.GetUnderlyingType(member.Type) ?? member.Type;
        if (value is not null && memberType.IsEnum && value.GetType() != memberType) value = Enum.ToObject(memberType, value);
        return mapper.Serialize(value?.GetType() ?? typeof(object), value);
    }

    private static NotSupportedException Unsupported(LambdaExpression whole) =>
        new($"The filter {whole} is not one the stores can run on both providers: compare top-level fields with values, joined by &&.");
}
