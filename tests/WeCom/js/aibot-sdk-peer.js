'use strict';
// Runs Tencent's official smart-robot client, npm @wecom/aibot-node-sdk, against a long-connection server (the
// tests' fake WeCom), to check that the fake speaks the frames the real client expects.
// Usage: node aibot-sdk-peer.js <wsUrl> <botId> <secret> <runMs>
// Writes one JSON line per event on stdout: authenticated, message (+ replied/pushed or their failures),
// card (+ updated), welcome, event, disconnected, error. Exits after runMs.
const path = require('path');

const repoRoot = process.env.CHATBOT_REPO_ROOT || path.resolve(__dirname, '..', '..', '..');
const { WSClient } = require(require.resolve('@wecom/aibot-node-sdk', { paths: [repoRoot] }));

const [url, botId, secret, runMs] = process.argv.slice(2);
const out = (event) => process.stdout.write(JSON.stringify(event) + '\n');
const quiet = { debug() {}, info() {}, warn() {}, error() {} };
const reason = (e) => (e && e.message) || JSON.stringify(e);

const client = new WSClient({
  botId,
  secret,
  wsUrl: url,
  heartbeatInterval: 200,
  reconnectInterval: 100,
  maxReconnectAttempts: 2,
  maxAuthFailureAttempts: 1,
  logger: quiet,
});

client.on('authenticated', () => out({ event: 'authenticated' }));
client.on('disconnected', (why) => out({ event: 'disconnected', reason: String(why) }));
client.on('error', (e) => out({ event: 'error', error: reason(e) }));
client.on('event', (frame) => out({ event: 'event', eventtype: frame.body.event && frame.body.event.eventtype }));

client.on('message.text', async (frame) => {
  out({ event: 'message', reqId: frame.headers.req_id, body: frame.body });
  try {
    await client.replyStream(frame, 'sdk-stream-1', 'SDK 收到:' + frame.body.text.content, true);
    out({ event: 'replied' });
  } catch (e) {
    out({ event: 'reply-failed', error: reason(e) });
  }
  try {
    await client.sendMessage(frame.body.chatid, { msgtype: 'markdown', markdown: { content: 'SDK 主动推送' } });
    out({ event: 'pushed' });
  } catch (e) {
    out({ event: 'push-failed', error: reason(e) });
  }
});

client.on('event.template_card_event', async (frame) => {
  out({ event: 'card', reqId: frame.headers.req_id, key: frame.body.event.template_card_event.event_key });
  try {
    await client.updateTemplateCard(frame, {
      card_type: 'button_interaction',
      main_title: { title: '已处理' },
      task_id: frame.body.event.template_card_event.task_id,
      button_list: [{ text: '已提交', key: 'done', style: 2 }],
    }, [frame.body.from.userid]);
    out({ event: 'updated' });
  } catch (e) {
    out({ event: 'update-failed', error: reason(e) });
  }
});

client.on('event.enter_chat', async (frame) => {
  try {
    await client.replyWelcome(frame, { msgtype: 'text', text: { content: '欢迎' } });
    out({ event: 'welcome' });
  } catch (e) {
    out({ event: 'welcome-failed', error: reason(e) });
  }
});

client.connect();
setTimeout(() => {
  if (client.isConnected) client.disconnect();
  process.exit(0);
}, Number(runMs || 3000));
