using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ChatBot.Cards.AdaptiveCards;

internal static class CardTree
{
    public static IEnumerable<object> Walk(IEnumerable<CardElement>? body, IEnumerable<CardAction>? actions)
    {
        foreach (var e in body ?? [])
        {
            yield return e;
            var children = e switch
            {
                Container c => Walk(c.Items, null),
                ColumnSet cs => cs.Columns.SelectMany(col => Walk(col.Items, null)),
                ActionSet a => Walk(null, a.Actions),
                _ => [],
            };
            foreach (var child in children) yield return child;
        }
        foreach (var a in actions ?? [])
        {
            yield return a;
            if (a is ShowCardAction sc && sc.Card is not null)
                foreach (var child in Walk(sc.Card.Body, sc.Card.Actions)) yield return child;
        }
    }
}
