// Reads one Adaptive Card JSON per line on stdin and answers one JSON line per card: {"errors":[...]}.
// Uses Microsoft's adaptivecards package (the renderer Web Chat uses) to parse and validate.
const path = require('path');
const { JSDOM } = require(path.join(process.cwd(), 'node_modules', 'jsdom'));
const dom = new JSDOM('');
global.window = dom.window;
global.document = dom.window.document;
global.navigator = dom.window.navigator;
global.HTMLElement = dom.window.HTMLElement;
const AC = require(path.join(process.cwd(), 'node_modules', 'adaptivecards', 'dist', 'adaptivecards.js'));

function check(json) {
  const errors = [];
  const card = new AC.AdaptiveCard();
  const ctx = new AC.SerializationContext();
  card.parse(json, ctx);
  for (let i = 0; i < ctx.eventCount; i++) errors.push(ctx.getEventAt(i).message);
  for (const e of card.validateProperties().validationEvents) errors.push(e.message);
  if (json.type !== 'AdaptiveCard') errors.push('type is not AdaptiveCard');
  return errors;
}

const rl = require('readline').createInterface({ input: process.stdin });
rl.on('line', line => {
  let errors;
  try { errors = check(JSON.parse(line)); } catch (e) { errors = ['not JSON: ' + e.message]; }
  process.stdout.write(JSON.stringify({ errors }) + '\n');
});
console.log(JSON.stringify({ ready: true }));
