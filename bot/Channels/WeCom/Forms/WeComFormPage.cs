using System.Net;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace ChatBot.Bot.Channels.WeCom.Forms;

/// <summary>
/// The web page a WeCom form link opens: the same Adaptive Card rendered by the official adaptivecards renderer,
/// sized for a phone, posting the Action.Submit data back to the same address.
/// </summary>
internal static class WeComFormPage
{
    public const string RendererPath = "/forms/lib/adaptivecards.js";

    // Escapes <, >, &, quotes: the JSON can sit inside a <script> element without ending it.
    private static readonly JsonSerializerOptions EmbedJson = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    public static string Render(string cardJson, string title, bool english = false)
    {
        var embedded = JsonSerializer.Serialize(JsonDocument.Parse(cardJson).RootElement, EmbedJson);
        return Template
            .Replace("{{LANG}}", english ? "en" : "zh-CN")
            .Replace("{{NOTE}}", english
                ? "The result is also sent back to your WeCom chat. This link is for you only and lasts 30 minutes."
                : "提交后结果会同时发回企业微信会话。链接仅限本人使用,30分钟内有效。")
            .Replace("{{TITLE}}", WebUtility.HtmlEncode(title))
            .Replace("{{RENDERER}}", RendererPath)
            .Replace("{{CARD}}", embedded);
    }

    public static string Message(string heading, string detail) => MessageTemplate
        .Replace("{{HEADING}}", WebUtility.HtmlEncode(heading))
        .Replace("{{DETAIL}}", WebUtility.HtmlEncode(detail));

    private const string Style = """
        <style>
          :root { color-scheme: light; }
          * { box-sizing: border-box; }
          body { margin: 0; font-family: -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
                 background: #f3f5f7; color: #1f2329; font-size: 16px; }
          main { max-width: 640px; margin: 0 auto; padding: 12px; }
          header { font-size: 18px; font-weight: 600; padding: 8px 4px 12px; }
          #card { background: #fff; border-radius: 8px; padding: 4px; box-shadow: 0 1px 3px rgba(0,0,0,.08); overflow-x: hidden; }
          #card input, #card select, #card textarea { font-size: 16px; max-width: 100%; }
          #card button { min-height: 40px; font-size: 16px; }
          #status { margin-top: 12px; padding: 12px; border-radius: 8px; display: none; white-space: pre-wrap; line-height: 1.5; }
          #status.ok { display: block; background: #e8f7ee; color: #0b6b36; }
          #status.error { display: block; background: #fdecec; color: #9b1c1c; }
          .note { color: #646a73; font-size: 13px; padding: 8px 4px; }
        </style>
        """;

    private static readonly string Template = """
        <!DOCTYPE html>
        <html lang="{{LANG}}">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1">
        <meta name="referrer" content="no-referrer">
        <title>{{TITLE}}</title>
        """ + Style + """
        <script src="{{RENDERER}}"></script>
        </head>
        <body>
        <main>
          <header>{{TITLE}}</header>
          <div id="card"></div>
          <div id="status" role="status" aria-live="polite"></div>
          <p class="note">{{NOTE}}</p>
        </main>
        <script id="card-json" type="application/json">{{CARD}}</script>
        <script>
        (function () {
          var en = document.documentElement.lang === 'en';
          function t(zh, english) { return en ? english : zh; }
          var status = document.getElementById('status');
          function show(kind, text) { status.className = kind; status.textContent = text; }
          if (!window.AdaptiveCards) { show('error', t('页面组件加载失败,请刷新重试。', 'The page could not load; please reload.')); return; }
          var card = new AdaptiveCards.AdaptiveCard();
          card.hostConfig = new AdaptiveCards.HostConfig({
            fontFamily: '-apple-system, "PingFang SC", "Microsoft YaHei", sans-serif',
            actions: { actionsOrientation: 'vertical', actionAlignment: 'stretch' }
          });
          var submitted = false;
          card.onExecuteAction = function (action) {
            var type = action.getJsonTypeName();
            if (type === 'Action.OpenUrl') { window.open(action.url, '_blank'); return; }
            if (type !== 'Action.Submit' && type !== 'Action.Execute') return;
            if (submitted) { show('error', t('已经提交过了,无需重复提交。', 'Already submitted.')); return; }
            var data = action.data && typeof action.data === 'object' ? action.data : {};
            if (type === 'Action.Execute' && action.verb) data.verb = action.verb;
            submitted = true;
            show('ok', t('正在提交…', 'Submitting…'));
            fetch(window.location.pathname, {
              method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ data: data })
            }).then(function (r) { return r.json().then(function (j) { return { ok: r.ok, body: j }; }); })
              .then(function (res) {
                if (!res.ok) { show('error', res.body.error || t('提交失败,请稍后再试。', 'Submitting failed; please try again later.')); return; }
                document.getElementById('card').style.display = 'none';
                var replies = (res.body.replies || []).join('\n\n');
                show('ok', t('已提交', 'Submitted') + (replies ? '\n\n' + replies : ''));
              })
              .catch(function () { submitted = false; show('error', t('网络异常,提交失败,请重试。', 'Network error; please try again.')); });
          };
          try {
            card.parse(JSON.parse(document.getElementById('card-json').textContent));
            document.getElementById('card').appendChild(card.render());
          } catch (e) { show('error', t('表单无法显示,请回到企业微信重新发起。', 'The form cannot be shown; please start again in WeCom.')); }
        })();
        </script>
        </body>
        </html>
        """;

    private static readonly string MessageTemplate = """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{{HEADING}}</title>
        """ + Style + """
        </head>
        <body><main><header>{{HEADING}}</header><div id="status" class="error">{{DETAIL}}</div></main></body>
        </html>
        """;
}
