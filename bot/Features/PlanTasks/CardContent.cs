using ChatBot.Bot.Channels.BotFramework.Schema;
using ChatBot.Bot.Conversation;
using ChatBot.Bot.Reminders;
using ChatBot.Bot.Reminders.Calendar;
using ChatBot.Cards;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.PlanTasks;
using ChatBot.Storage.Conversations;
using ChatBot.Storage.PlanTasks;
using ChatBot.Storage.Reminders;
using Microsoft.Extensions.Options;

namespace ChatBot.Bot.Features.PlanTasks;

/// <summary>A card as attachment content: written by <see cref="CardWriter"/> (the card's own JSON) into the enclosing activity's JSON (only ever written, never read).</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(Converter))]
internal sealed class CardContent(AdaptiveCard card)
{
    private sealed class Converter : System.Text.Json.Serialization.JsonConverter<CardContent>
    {
        public override CardContent Read(ref System.Text.Json.Utf8JsonReader reader, Type typeToConvert, System.Text.Json.JsonSerializerOptions options) =>
            throw new NotSupportedException("CardContent is only written.");

        public override void Write(System.Text.Json.Utf8JsonWriter writer, CardContent value, System.Text.Json.JsonSerializerOptions options) =>
            CardWriter.Write(writer, value._card);
    }

    private readonly AdaptiveCard _card = card;
}
