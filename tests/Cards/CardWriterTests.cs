using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChatBot.Cards;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.PlanTasks;

namespace ChatBot.Tests.Cards;

/// <summary>
/// <see cref="CardWriter"/> writes what the serializer writes, byte for byte: for elements with every property set
/// (so a property added to TextBlock, FactSet, Fact, CardElement or AdaptiveCard and not written fails here), for
/// elements the writer hands to the serializer, and for real cards.
/// </summary>
public class CardWriterTests
{
    private static readonly DateOnly Today = new(2026, 3, 9);

    private static string Written(AdaptiveCard card)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = CardJson.Options.Encoder }))
            CardWriter.Write(w, card);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static void AssertSameAsSerializer(AdaptiveCard card) => Assert.Equal(JsonSerializer.Serialize(card, CardJson.Options), Written(card));

    /// <summary>Every settable property of <typeparamref name="T"/> set to a distinct value (strings with characters JSON escapes).</summary>
    private static T Filled<T>(T item, int seed)
    {
        var n = seed;
        foreach (var p in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            n++;
            var type = Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType;
            object value = type switch
            {
                _ when type == typeof(string) => $"{p.Name}-{n} \"引号\" <at>名</at>\n✅",
                _ when type == typeof(bool) => n % 2 == 0,
                _ when type == typeof(int) => n,
                _ when type == typeof(List<Fact>) => new List<Fact> { Filled(new Fact(), n * 10), new("事项", "") },
                _ when type == typeof(List<CardElement>) => new List<CardElement> { Filled(new TextBlock(), n * 10), Filled(new FactSet(), n * 20) },
                _ when type == typeof(List<CardAction>) => new List<CardAction> { new SubmitAction { Title = "提交", Data = new JsonObject { ["verb"] = "x" } } },
                _ when type == typeof(JsonObject) => new JsonObject { ["width"] = "Full", ["n"] = n },
                _ => throw new NotSupportedException($"{typeof(T).Name}.{p.Name}: give the test a value for {type} and check CardWriter writes it"),
            };
            p.SetValue(item, value);
        }
        return item;
    }

    [Fact]
    public void A_card_and_its_text_blocks_and_fact_sets_with_every_property_set_are_written_as_the_serializer_writes_them()
    {
        var card = Filled(new AdaptiveCard(), 0);
        Assert.Contains(card.Body, e => e is TextBlock);
        Assert.Contains(card.Body, e => e is FactSet);
        AssertSameAsSerializer(card);
        AssertSameAsSerializer(new AdaptiveCard().Add(new TextBlock { Wrap = null }, new FactSet()));
    }

    [Fact]
    public void Other_elements_go_through_the_serializer_with_their_type()
    {
        var card = new AdaptiveCard().Add(
            new Container { Items = [new TextBlock("里面")], Style = "emphasis" },
            new TextInput { Id = "note", Label = "备注", IsMultiline = true, IsRequired = true },
            new NumberInput { Id = "n", Min = 0, Max = 100, Value = 5 },
            new ActionSet { Actions = [new OpenUrlAction { Title = "打开", Url = "https://example.org/?a=1&b=2" }] });
        card.AddAction(new SubmitAction { Title = "保存", Data = new JsonObject { ["verb"] = "save" } });
        var written = Written(card);
        AssertSameAsSerializer(card);
        Assert.Contains("\"type\":\"Input.Text\"", written);
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en-US")]
    public void The_reminder_cards_are_written_as_the_serializer_writes_them(string locale)
    {
        var lang = Lang.FromLocale(locale);
        var tasks = Enumerable.Range(1, 80).Select(i => new PlanTask
        {
            Id = i, WorkspaceId = "ws", Section = i % 3 == 0 ? "(一)制度建设" : "", Title = $"任务 \"{i}\"", Owners = i % 4 == 0 ? [] : [$"责任人{i % 5}"],
            Department = "司法所", DueDate = Today.AddDays(i % 20 - 10), Status = (PlanTaskStatus)(i % 4), Progress = i,
        }).ToList();
        AssertSameAsSerializer(PlanTaskCards.ByOwner(lang, "逾期任务提醒", tasks.Where(t => t.IsOpen).ToList(), Today, 3));
        AssertSameAsSerializer(PlanTaskCards.Digest(lang, "2026-W11", TaskOverview.Of(tasks), Today, 3));
        AssertSameAsSerializer(PlanTaskCards.Details(lang, tasks[0], Today, 3, t => t));
    }
}
