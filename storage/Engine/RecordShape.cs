using System.Collections.Concurrent;
using System.Reflection;
using LiteDB;

namespace ChatBot.Storage.Engine;

/// <summary>
/// What the mapper does with a record type that the stores need to know: a member's stored field name and the key
/// property. Worked out from the same attributes LiteDB's mapper reads (its entity map is internal).
/// </summary>
internal sealed class RecordShape
{
    private static readonly ConcurrentDictionary<Type, RecordShape> Shapes = new();

    public static RecordShape Of(Type type) => Shapes.GetOrAdd(type, t => new RecordShape(t));

    private RecordShape(Type type)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance);
        Key = properties.FirstOrDefault(p => p.GetCustomAttribute<BsonIdAttribute>() is not null)
            ?? properties.FirstOrDefault(p => p.Name == "Id")
            ?? properties.FirstOrDefault(p => p.Name == type.Name + "Id");
        AutoKey = Key is not null && (Key.GetCustomAttribute<BsonIdAttribute>()?.AutoId ?? true);
    }

    /// <summary>The property stored as "_id", if the type has one.</summary>
    public PropertyInfo? Key { get; }

    /// <summary>Whether the database numbers the key when it is left empty (<c>[BsonId(true)]</c>, LiteDB's default).</summary>
    public bool AutoKey { get; }

    public string FieldName(MemberInfo member, BsonMapper mapper)
    {
        if (Key is not null && member.Name == Key.Name) return "_id";
        if (member.GetCustomAttribute<BsonFieldAttribute>()?.Name is { Length: > 0 } named) return named;
        if (member.GetCustomAttribute<BsonIgnoreAttribute>() is not null)
            throw new NotSupportedException($"{member.DeclaringType?.Name}.{member.Name} is not stored, so it cannot be filtered on.");
        return mapper.ResolveFieldName(member.Name);
    }

    public BsonAutoId AutoIdKind => Key?.PropertyType is { } t
        ? t == typeof(int) ? BsonAutoId.Int32 : t == typeof(long) ? BsonAutoId.Int64 : t == typeof(Guid) ? BsonAutoId.Guid : BsonAutoId.ObjectId
        : BsonAutoId.ObjectId;
}
