using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ChatBot.Bot.Channels.WeCom;
using ChatBot.Bot.Channels.WeCom.Crypto;
using ChatBot.Bot.Conversation;
using ChatBot.Storage;
using ChatBot.Storage.Conversations;
using ChatBot.Bot.Conversation.Dialogs;
using ChatBot.Bot.Conversation.Prompts;
using ChatBot.Cards.AdaptiveCards;
using ChatBot.Cards.Help;
using ChatBot.Tests.Infrastructure;
using LiteDB;
using Microsoft.Extensions.DependencyInjection;
using static ChatBot.Tests.WeCom.WeComTestKeys;

namespace ChatBot.Tests.WeCom;

/// <summary>
/// The real bot with the WeCom channel configured, every WeCom server call answered by a <see cref="FakeWeComServer"/>
/// (qyapi, the group robot webhook and response_url), and helpers that speak the real wire formats: encrypted JSON
/// callbacks of the smart robot and encrypted XML callbacks of the self-built app.
/// </summary>
internal sealed class WeComChannelHarness : IDisposable
{
    public const string RobotToken = "robotToken42";
    public const string RobotAesKey = OtherAesKey;
    public const string AiBotId = "aib-robot-1";
    public const string ChatId = "wrkSFfCgAAxxxx";
    public const string ResponseUrl = "https://response.qyapi.test/cgi-bin/aibot/response?response_code=RC1";
    public const string PublicBaseUrl = "https://bot.example.test";
    public const string ApiBase = "https://qyapi.test/";

    private static int _next;

    /// <param name="intercept">Answers first when it returns a response (a scripted outage); null: the normal answers.</param>
    public WeComChannelHarness(TimeSpan? robotWait = null, Dictionary<string, string?>? settings = null,
        Func<RecordedRequest, HttpResponseMessage?>? intercept = null, Action<IServiceCollection>? configure = null)
    {
        Server = new FakeWeComServer(request => intercept?.Invoke(request) ?? request.Uri.AbsolutePath switch
        {
            "/cgi-bin/gettoken" => FakeWeComServer.Json("""{"errcode":0,"errmsg":"ok","access_token":"TOKEN-1","expires_in":7200}"""),
            // Web sign-in: the code "code-USER" stands for USER; anything else is an invalid code.
            "/cgi-bin/auth/getuserinfo" => request.Query("code") is { } code && code.StartsWith("code-", StringComparison.Ordinal)
                ? FakeWeComServer.Json($$"""{"errcode":0,"errmsg":"ok","userid":"{{code[5..]}}","user_ticket":"t"}""")
                : FakeWeComServer.Error(40029),
            _ => FakeWeComServer.Ok(),
        });
        var all = new Dictionary<string, string?>
        {
            ["Bot:PublicBaseUrl"] = PublicBaseUrl,
            ["WeCom:CorpId"] = SampleCorpId,
            ["WeCom:AgentId"] = "1000002",
            ["WeCom:AppSecret"] = "app-secret-from-config",
            ["WeCom:Token"] = SampleToken,
            ["WeCom:EncodingAesKey"] = SampleAesKey,
            ["WeCom:RobotToken"] = RobotToken,
            ["WeCom:RobotEncodingAesKey"] = RobotAesKey,
            ["WeCom:ApiBaseUrl"] = ApiBase,
            ["WeCom:WebhookBaseUrl"] = ApiBase + "cgi-bin/webhook/send",
            ["WeCom:RobotReplyWait"] = (robotWait ?? TimeSpan.FromSeconds(5)).ToString("c", CultureInfo.InvariantCulture),
        };
        foreach (var kv in settings ?? []) all[kv.Key] = kv.Value;
        Host = new BotHost(settings: all, configure: services =>
        {
            services.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => Server));
            services.AddSingleton<Dialog, PickColourDialog>();
            services.AddSingleton<Dialog, FillFormDialog>();
            services.AddSingleton<IBotCommand>(new BeginDialogCommand(PickColourDialog.DialogId, ["选颜色", "pick colour"], []));
            services.AddSingleton<IBotCommand>(new BeginDialogCommand(FillFormDialog.DialogId, ["填表", "fill form"], []));
            services.AddSingleton<Dialog, ChooseTypeDialog>();
            services.AddSingleton<IBotCommand>(new BeginDialogCommand(ChooseTypeDialog.DialogId, ["选类型", "choose type"], []));
            services.AddSingleton<SlowGate>();
            services.AddSingleton<IBotCommand, SlowCommand>();
            services.AddSingleton<CountingCommand>();
            services.AddSingleton<IBotCommand>(sp => sp.GetRequiredService<CountingCommand>());
            configure?.Invoke(services);
        });
        Client = Host.CreateClient();
    }

    public BotHost Host { get; }
    public FakeWeComServer Server { get; }
    public HttpClient Client { get; }
    public WeComCrypto RobotCrypto { get; } = new(RobotToken, RobotAesKey, "");
    public WeComCrypto AppCrypto { get; } = new(SampleToken, SampleAesKey, SampleCorpId);

    public string Now => Host.Clock.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public LiteDatabase Db => Host.Service<LiteDatabase>();

    public static string NewMsgId() => $"msg{Interlocked.Increment(ref _next)}{Guid.NewGuid():N}"[..24];

    /// <summary>A group message as WeCom sends it: the text keeps the "@robot" prefix.</summary>
    public static JsonObject GroupText(string text, string user = "zhangsan", string? msgId = null, string chatId = ChatId) => new()
    {
        ["msgid"] = msgId ?? NewMsgId(),
        ["aibotid"] = AiBotId,
        ["chatid"] = chatId,
        ["chattype"] = "group",
        ["from"] = new JsonObject { ["userid"] = user },
        ["response_url"] = ResponseUrl,
        ["msgtype"] = "text",
        ["text"] = new JsonObject { ["content"] = "@依法行政助手\u2005" + text },
    };

    public static JsonObject CardClick(string eventKey, string taskId, string user = "zhangsan", string chatId = ChatId, JsonObject? selected = null) => new()
    {
        ["msgid"] = NewMsgId(),
        ["create_time"] = 1700000000,
        ["aibotid"] = AiBotId,
        ["chatid"] = chatId,
        ["chattype"] = "group",
        ["from"] = new JsonObject { ["userid"] = user },
        ["response_url"] = ResponseUrl,
        ["msgtype"] = "event",
        ["event"] = new JsonObject
        {
            ["eventtype"] = "template_card_event",
            ["template_card_event"] = new JsonObject
            {
                ["card_type"] = selected is null ? "button_interaction" : "vote_interaction",
                ["event_key"] = eventKey,
                ["task_id"] = taskId,
                ["selected_items"] = selected,
            },
        },
    };

    /// <summary>POSTs an encrypted robot callback; the ciphertext and signature come from <paramref name="encrypt"/>/<paramref name="sign"/> when given (the npm peer).</summary>
    public async Task<HttpResponseMessage> PostRobotRawAsync(string plaintext, string? timestamp = null, string? signature = null,
        Func<string, string>? encrypt = null, string nonce = "1372623149")
    {
        timestamp ??= Now;
        var cipher = (encrypt ?? (m => RobotCrypto.Encrypt(m)))(plaintext);
        signature ??= RobotCrypto.ComputeSignature(timestamp, nonce, cipher);
        var body = new JsonObject { ["encrypt"] = cipher }.ToJsonString();
        return await Client.PostAsync($"/api/wecom/robot?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}",
            new StringContent(body, Encoding.UTF8, "application/json"));
    }

    /// <summary>Posts a robot callback and returns the decrypted passive reply (null when the answer was empty).</summary>
    public async Task<JsonObject?> PostRobotAsync(JsonObject callback)
    {
        var response = await PostRobotRawAsync(callback.ToJsonString());
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return DecryptReply(await response.Content.ReadAsStringAsync());
    }

    /// <summary>Checks the reply envelope's signature and decrypts it, as WeCom does.</summary>
    public JsonObject? DecryptReply(string body)
    {
        if (body.Length == 0) return null;
        var envelope = JsonNode.Parse(body)!.AsObject();
        var encrypt = (string)envelope["encrypt"]!;
        var timestamp = envelope["timestamp"]!.ToString();
        var plaintext = RobotCrypto.DecryptCallback((string)envelope["msgsignature"]!, timestamp, (string)envelope["nonce"]!, encrypt);
        return JsonNode.Parse(plaintext)!.AsObject();
    }

    public async Task<HttpResponseMessage> PostAppXmlAsync(string xml, string? timestamp = null, string nonce = "5738291")
    {
        timestamp ??= Now;
        var cipher = AppCrypto.Encrypt(xml);
        var signature = AppCrypto.ComputeSignature(timestamp, nonce, cipher);
        var body = $"<xml><ToUserName><![CDATA[{SampleCorpId}]]></ToUserName><AgentID><![CDATA[1000002]]></AgentID><Encrypt><![CDATA[{cipher}]]></Encrypt></xml>";
        return await Client.PostAsync($"/api/wecom/app?msg_signature={signature}&timestamp={timestamp}&nonce={nonce}",
            new StringContent(body, Encoding.UTF8, "text/xml"));
    }

    public IReadOnlyList<RecordedRequest> Requests(string path) => Server.To(path);

    public IReadOnlyList<RecordedRequest> ResponseUrlPosts() =>
        Server.Requests.Where(r => r.Uri.Host == "response.qyapi.test").ToList();


    public int Count(string collection) => Db.GetCollection(collection).Count();

    /// <summary>Dialog states saved: in LiteDB, or still only in the journal.</summary>
    public int DialogStatesSaved() => Db.GetCollection(ChatBotDatabase.DialogState).Count() +
        (ChatBotDatabase.FileOf(Db) is { } file ? DialogStateJournal.Existing(file).Sum(j => DialogStateJournal.Read(j.Path).Count()) : 0);

    public void Dispose()
    {
        Client.Dispose();
        Host.Dispose();
    }
}

/// <summary>Asks for a colour with a two-button card (the Action.Submit data carries the choice), then confirms it.</summary>
internal sealed class PickColourDialog : WaterfallDialog
{
    public const string DialogId = "test.wecom.colour";

    public PickColourDialog() : base(DialogId)
    {
        AddStep((s, ct) =>
        {
            var card = new AdaptiveCard().Add(new TextBlock(s.T("选择颜色", "Pick a colour")) { Weight = "Bolder" });
            card.AddAction(new SubmitAction { Title = "红色", Data = new JsonObject { ["choice"] = "red" } });
            card.AddAction(new SubmitAction { Title = "蓝色", Data = new JsonObject { ["choice"] = "blue" } });
            return s.PromptAsync(ChoicePrompt.DefaultId, new PromptOptions
            {
                Prompt = s.T("选择颜色", "Pick a colour"), Card = card.ToJsonObject(), Choices = [new("red", "红色"), new("blue", "蓝色")],
            }, ct);
        });
        AddStep(async (s, ct) =>
        {
            await s.Context.SendTextAsync("已选择颜色:" + s.Result!.GetValue<string>());
            return await s.EndDialogAsync(ct: ct);
        });
    }
}

/// <summary>Sends a form (a text input and a date) and answers with what was submitted.</summary>
internal sealed class FillFormDialog : WaterfallDialog
{
    public const string DialogId = "test.wecom.form";

    public FillFormDialog() : base(DialogId)
    {
        AddStep((s, ct) =>
        {
            var card = new AdaptiveCard().Add(
                TextBlock.Title(s.T("调解登记", "Log a mediation")),
                new TextInput { Id = "name", Label = s.T("当事人", "Party"), IsRequired = true, ErrorMessage = s.T("请填写当事人", "Required") },
                new DateInput { Id = "date", Label = s.T("受理日期", "Date received") });
            card.AddAction(new SubmitAction { Title = s.T("提交", "Submit"), Data = new JsonObject { ["form"] = "mediation" } });
            return s.PromptAsync(FormPrompt.DefaultId, new PromptOptions { Prompt = s.T("请填写表单", "Please fill in the form"), Card = card.ToJsonObject() }, ct);
        });
        AddStep(async (s, ct) =>
        {
            var submitted = FormPrompt.Submitted(s.Result);
            await s.Context.SendTextAsync($"收到表单:{submitted?["name"]} / {submitted?["date"]} / {submitted?["form"]}");
            return await s.EndDialogAsync(ct: ct);
        });
    }
}

/// <summary>One choice list and one submit button: shown in WeCom as a vote card.</summary>
internal sealed class ChooseTypeDialog : WaterfallDialog
{
    public const string DialogId = "test.wecom.type";

    public ChooseTypeDialog() : base(DialogId)
    {
        AddStep((s, ct) =>
        {
            var card = new AdaptiveCard().Add(
                new TextBlock(s.T("纠纷类型", "Dispute type")) { Weight = "Bolder" },
                new ChoiceSetInput
                {
                    Id = "type", Style = "expanded", IsRequired = true,
                    Choices = [new Choice("婚姻家庭", "family"), new Choice("邻里纠纷", "neighbour"), new Choice("土地", "land")],
                });
            card.AddAction(new SubmitAction { Title = s.T("确定", "OK"), Data = new JsonObject { ["step"] = "type" } });
            return s.PromptAsync(FormPrompt.DefaultId, new PromptOptions { Card = card.ToJsonObject() }, ct);
        });
        AddStep(async (s, ct) =>
        {
            var submitted = FormPrompt.Submitted(s.Result);
            await s.Context.SendTextAsync($"收到类型:{submitted?["type"]} ({submitted?["step"]})");
            return await s.EndDialogAsync(ct: ct);
        });
    }
}

/// <summary>Released by the test: makes "慢命令" slower than the robot's reply window.</summary>
internal sealed class SlowGate
{
    public TaskCompletionSource Release { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
}

internal sealed class SlowCommand(SlowGate gate) : IBotCommand
{
    public IReadOnlyList<string> Aliases => ["慢命令", "slow"];

    public async Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        await gate.Release.Task.WaitAsync(ct);
        await dc.Context.SendTextAsync("慢速处理完成");
    }
}

internal sealed class CountingCommand : IBotCommand
{
    private int _count;
    public int Count => Volatile.Read(ref _count);
    public IReadOnlyList<string> Aliases => ["计数", "count"];

    public Task ExecuteAsync(DialogContext dc, CommandArgs args, CancellationToken ct)
    {
        var n = Interlocked.Increment(ref _count);
        return dc.Context.SendTextAsync("计数:" + n);
    }
}
