-- wrk script: each request is a Teams group-chat message that @mentions the bot with a text that is no command
-- ("unknown command" turn). deliveryMode expectReplies: the reply comes back in the HTTP response, so no Bot Connector
-- is needed and Teams' per-conversation send pacing does not apply. Every request has a fresh activity id (the bot
-- drops a repeated id as a redelivery). 16 group chats, spread over the requests.
--   wrk -t2 -c16 -d20s --latency -s bench/wrk/unknown-command.lua http://127.0.0.1:5099/api/messages
counter = 0
thread_id = 0  -- globals: setup() sets them per thread (a local would shadow them)
run = 0
threads = {}

function setup(thread)
  thread:set("thread_id", #threads)
  -- ids must not repeat across runs either: the bot remembers handled ids (an hour in memory, 8 per dialog state)
  thread:set("run", os.time())
  table.insert(threads, thread)
end

function request()
  counter = counter + 1
  local conv = (thread_id * 8) + (counter % 8)
  local body = string.format([[{"type":"message","id":"wrk-%d-%d-%d","channelId":"msteams","serviceUrl":"http://127.0.0.1:9/","deliveryMode":"expectReplies","from":{"id":"29:wrk-user-%d","name":"wrk user %d","aadObjectId":"aad-wrk-%d"},"recipient":{"id":"28:wrk-bot","name":"依法行政助手"},"conversation":{"id":"19:wrk-group-%d@thread.v2","conversationType":"groupChat","isGroup":true,"tenantId":"wrk-tenant"},"text":"<at>依法行政助手</at> 随便说点什么","textFormat":"plain","locale":"zh-CN","entities":[{"type":"mention","mentioned":{"id":"28:wrk-bot","name":"依法行政助手"},"text":"<at>依法行政助手</at>"}]}]],
    run, thread_id, counter, conv, conv, conv, conv)
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end

function done(summary, latency, requests)
  io.write(string.format("requests %d, errors: connect %d read %d write %d status %d timeout %d\n",
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
  for _, p in pairs({50, 90, 99}) do
    io.write(string.format("p%d %.2f ms\n", p, latency:percentile(p) / 1000))
  end
end
