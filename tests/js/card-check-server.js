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
  // The renderer reads an empty Input.Number as NaN, which fails min/max: an optional one with limits can never be
  // left empty, so the whole form cannot be submitted.
  for (const input of allInputs(json))
    if (input.type === 'Input.Number' && !input.isRequired && (input.min !== undefined || input.max !== undefined))
      errors.push(`optional Input.Number "${input.id}" has min/max, so it blocks submitting when left empty`);
  return errors;
}

function allInputs(node, out = []) {
  if (Array.isArray(node)) node.forEach(n => allInputs(n, out));
  else if (node && typeof node === 'object') {
    if (typeof node.type === 'string' && node.type.startsWith('Input.')) out.push(node);
    Object.values(node).forEach(v => allInputs(v, out));
  }
  return out;
}

const rl = require('readline').createInterface({ input: process.stdin });
rl.on('line', line => {
  let errors;
  try { errors = check(JSON.parse(line)); } catch (e) { errors = ['not JSON: ' + e.message]; }
  process.stdout.write(JSON.stringify({ errors }) + '\n');
});
console.log(JSON.stringify({ ready: true }));
