// Reads one Adaptive Card JSON per line on stdin and answers one JSON line per card: {"errors":[...]}.
// Checks a card the way Web Chat shows it: Microsoft's adaptivecards package (the version Web Chat bundles) parses it,
// validates it with Web Chat's host config (Web Chat shows nothing, only a console error, for a card with any
// validation event) and renders it in jsdom with Web Chat's own markdown renderer. Parse warnings, validation events,
// render exceptions, console warnings, an empty render, text that markdown swallowed (e.g. "<date>" taken for an HTML
// tag) and inputs that rendered no control are all reported as errors.
const fs = require('fs');
const path = require('path');
const modules = path.join(process.cwd(), 'node_modules');
const { JSDOM } = require(path.join(modules, 'jsdom'));

const dom = new JSDOM('<!DOCTYPE html><html><body></body></html>', { runScripts: 'outside-only', pretendToBeVisual: true });
global.window = dom.window;
global.document = dom.window.document;
global.navigator = dom.window.navigator;
// The renderer uses DOM classes (HTMLInputElement, HTMLButtonElement, …) as globals, as in a browser.
for (const name of ['HTMLElement', 'HTMLInputElement', 'HTMLButtonElement', 'HTMLSelectElement', 'HTMLOptionElement',
  'HTMLTextAreaElement', 'HTMLDivElement', 'HTMLSpanElement', 'HTMLImageElement', 'HTMLAnchorElement', 'HTMLLabelElement',
  'HTMLTableElement', 'Element', 'Node', 'Text', 'DocumentFragment', 'Event', 'KeyboardEvent', 'MouseEvent', 'FocusEvent',
  'CustomEvent', 'getComputedStyle', 'DOMParser', 'MutationObserver'])
  if (dom.window[name]) global[name] = typeof dom.window[name] === 'function' && !/^[A-Z]/.test(name) ? dom.window[name].bind(dom.window) : dom.window[name];
// Web Chat's bundle gives us the markdown renderer it applies to card text (markdown-it with its sanitiser).
dom.window.eval(fs.readFileSync(path.join(modules, 'botframework-webchat', 'dist', 'webchat.js'), 'utf8'));
const renderMarkdown = dom.window.WebChat.renderMarkdown;
const AC = require(path.join(modules, 'adaptivecards', 'dist', 'adaptivecards.js'));

// The host config Web Chat derives from style options (botframework-webchat adaptiveCardHostConfig): what matters
// for errors is maxActions 100, vertical stretched actions, interactivity on. Colours/fonts are those of index.html.
const hostConfig = new AC.HostConfig({
  supportsInteractivity: true,
  fontFamily: '"Noto Sans CJK SC", sans-serif',
  imageSizes: { small: 40, medium: 80, large: 160 },
  actions: { actionAlignment: 'stretch', actionsOrientation: 'vertical', buttonSpacing: 8, maxActions: 100,
    showCard: { actionMode: 'inline', inlineTopMargin: 8 }, spacing: 'default' },
  adaptiveCard: { allowCustomStyle: false },
  imageSet: { imageSize: 'medium', maxImageHeight: 100 },
  factSet: { title: { color: 'default', size: 'default', isSubtle: false, weight: 'bolder', wrap: true, maxWidth: 150 },
    value: { color: 'default', size: 'default', isSubtle: false, weight: 'default', wrap: true }, spacing: 8 },
  textBlock: { headingLevel: 2 },
  containerStyles: { emphasis: { backgroundColor: '#f2f5f9' } },
});
AC.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = renderMarkdown(text, { markdownRespectCRLF: true }, { externalLinkAlt: '' });
  result.didProcess = true;
};

function check(json) {
  const errors = [];
  if (json.type !== 'AdaptiveCard') errors.push('type is not AdaptiveCard');
  const card = new AC.AdaptiveCard();
  card.hostConfig = hostConfig;
  const ctx = new AC.SerializationContext();
  card.parse(json, ctx);
  for (let i = 0; i < ctx.eventCount; i++) errors.push('parse: ' + ctx.getEventAt(i).message);
  for (const e of card.validateProperties().validationEvents) errors.push('validation (Web Chat shows nothing): ' + e.message);
  // The renderer reads an empty Input.Number as NaN, which fails min/max: an optional one with limits can never be
  // left empty, so the whole form cannot be submitted.
  for (const input of allInputs(json))
    if (input.type === 'Input.Number' && !input.isRequired && (input.min !== undefined || input.max !== undefined))
      errors.push(`optional Input.Number "${input.id}" has min/max, so it blocks submitting when left empty`);
  errors.push(...render(card, json));
  return errors;
}

function render(card, json) {
  const errors = [];
  const warn = console.warn, error = console.error;
  console.warn = (...a) => errors.push('render warning: ' + a.join(' '));
  console.error = (...a) => errors.push('render error: ' + a.join(' '));
  let element;
  try { element = card.render(); }
  catch (e) { errors.push('render threw: ' + e.message); }
  finally { console.warn = warn; console.error = error; }
  if (!element) { errors.push('Adaptive Card rendered as empty element'); return errors; }
  document.body.appendChild(element);
  try {
    // jsdom has no innerText, which the renderer uses for button titles; their aria-label carries the same words.
    const labels = Array.from(element.querySelectorAll('[aria-label]'), e => e.getAttribute('aria-label')).join(' ');
    const shown = squash(element.textContent + ' ' + labels);
    for (const text of allTexts(json))
      if (!shown.includes(squash(stripMarkdown(text))))
        errors.push(`text lost in rendering: ${JSON.stringify(text)}`);
    for (const input of allInputs(json)) {
      const control = element.querySelector(`[id="${cssId(card, input.id)}"], [aria-labelledby], input, select, textarea`);
      if (!control) errors.push(`input "${input.id}" rendered no control`);
    }
    if (json.type === 'AdaptiveCard' && (json.body || []).length + (json.actions || []).length > 0 && shown.length === 0 && !element.querySelector('input, select, button, img'))
      errors.push('card rendered nothing visible');
  } finally { element.remove(); }
  return errors;
}

function cssId(card, id) { return String(id).replace(/"/g, ''); }

// Letters, digits and the punctuation that carries meaning; markdown may legitimately drop *, _, #, list markers, etc.
// Web Chat's markdown-it is typographic (quotes become curly, ... an ellipsis), so quotes and dots are left out too.
function squash(s) { return String(s).replace(/[\s*_#`>\-\u2060\u200b"'\u2018\u2019\u201c\u201d.\u2026\u2013\u2014]/g, '').replace(/&(lt|gt|amp);/g, m => ({ '&lt;': '<', '&gt;': '>', '&amp;': '&' })[m]); }
function stripMarkdown(s) {
  return String(s)
    .replace(/<\/?at>/g, '') // Teams mention markup; Teams shows the name, other hosts drop the tags
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1') // links show their text
    .replace(/^\s*\d+\.\s/gm, '') // ordered list numbers are drawn by the list
    .replace(/\\([\\`*_{}\[\]()#+\-.!<>])/g, '$1');
}

function allTexts(node, out = []) {
  if (Array.isArray(node)) node.forEach(n => allTexts(n, out));
  else if (node && typeof node === 'object') {
    if (node.isVisible === false) return out;
    if (node.type === 'TextBlock' && typeof node.text === 'string') out.push(node.text);
    if (node.type === 'FactSet') for (const f of node.facts || []) out.push(f.title, f.value);
    if (node.type === 'RichTextBlock') for (const r of node.inlines || []) if (typeof r === 'string') out.push(r); else if (r && r.text) out.push(r.text);
    if (typeof node.type === 'string' && node.type.startsWith('Action.') && node.title) out.push(node.title);
    for (const [k, v] of Object.entries(node)) if (k !== 'data' && k !== 'card' && k !== 'fallback') allTexts(v, out);
  }
  return out;
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
  try { errors = check(JSON.parse(line)); } catch (e) { errors = ['not JSON or checker failure: ' + e.message]; }
  process.stdout.write(JSON.stringify({ errors }) + '\n');
});
console.log(JSON.stringify({ ready: true }));
