// The development mailbox: the outbox's messages, filtered on the server, one open at a time with its HTML version.
import { api, adminKey, showSignIn, el, clear, formatTime, pick } from './app.js';

const form = document.getElementById('filters');
const list = document.getElementById('messages');
const statusLine = document.getElementById('status');
const urlPattern = /https?:\/\/[^\s<>"')]+/g;
const answerPath = '/api/respond/';

/** The outbox's categories (EmailKind names) with what each is for. */
const kinds = {
  PartnerInvitation: 'Partner invitation',
  PartnerReminder: 'Partner reminder',
  EscalationNotice: 'Escalation notice',
  LeadDigest: 'Lead digest',
  LeadAnswerNotice: "Partner's answer, to the lead",
  LeadChase: 'Chase to the lead',
  GovernmentOfficeSubmission: 'Government Office submission',
  SignOffWarning: 'Sign-off warning',
  FinalAgreementNotice: 'Final agreement',
  DeadlineMissedNotice: 'Deadline missed',
  AnswerConfirmation: 'Answer confirmation',
  ReplyNotUnderstood: 'Reply not understood',
  DeliveryProblemNotice: 'Delivery problem',
};

let messages = [];
let openId = null;
/** Counts loads, so an answer to an older query never replaces the newer one's. */
let generation = 0;

/** Announces the outcome of something the user did; a background refresh never writes here. */
function say(message, isError = false) {
  statusLine.textContent = message;
  statusLine.classList.toggle('error', isError);
}

/** Splits plain text into text nodes and links; nothing in the message is parsed as HTML. */
function linkify(text) {
  const nodes = [];
  let last = 0;
  for (const match of text.matchAll(urlPattern)) {
    if (match.index > last) nodes.push(document.createTextNode(text.slice(last, match.index)));
    nodes.push(el('a', { href: match[0], text: match[0] }));
    last = match.index + match[0].length;
  }
  if (last < text.length) nodes.push(document.createTextNode(text.slice(last)));
  return nodes;
}

/** Every distinct link of a message, from its text and its HTML, answer links first. */
function linksOf(message) {
  const found = new Set(String(pick(message, 'text') || '').match(urlPattern) || []);
  const html = new DOMParser().parseFromString(String(pick(message, 'html') || ''), 'text/html');
  for (const anchor of html.querySelectorAll('a[href]')) {
    const href = anchor.getAttribute('href');
    if (/^https?:\/\//i.test(href)) found.add(href);
  }
  return [...found].sort((a, b) => Number(b.includes(answerPath)) - Number(a.includes(answerPath)));
}

/**
 * The HTML version as the recipient sees it: in a sandbox without scripts or the page's origin. Links open in a new
 * tab (the answer pages refuse to be framed), which the sandbox allows without passing its limits on.
 */
function htmlFrame(message) {
  const html = String(pick(message, 'html') || '');
  const base = '<base target="_blank">';
  const srcdoc = /<head[^>]*>/i.test(html) ? html.replace(/<head[^>]*>/i, match => match + base) : base + html;
  return el('iframe', {
    class: 'html-version',
    title: `HTML version of ${pick(message, 'subject') || 'the message'}`,
    sandbox: 'allow-popups allow-popups-to-escape-sandbox',
    referrerpolicy: 'no-referrer',
    srcdoc,
  });
}

function body(message) {
  const links = linksOf(message);
  const parts = [];
  if (pick(message, 'html')) parts.push(el('h4', { text: 'HTML version' }), htmlFrame(message));
  parts.push(el('h4', { text: `Links in this message (${links.length})` }));
  parts.push(links.length
    ? el('ul', { class: 'links' }, links.map(href => el('li', {}, href.includes(answerPath) ? el('span', { class: 'tag', text: 'Answer link' }) : null, el('a', { href, text: href }))))
    : el('p', { class: 'muted', text: 'None.' }));
  parts.push(el('details', { class: 'plain' }, el('summary', { text: 'Plain-text version' }), el('pre', {}, linkify(String(pick(message, 'text') || '')))));
  const facts = el('dl', { class: 'facts' });
  const add = (term, value) => { if (value) facts.append(el('dt', { text: term }), el('dd', {}, value)); };
  const negotiation = pick(message, 'negotiationId');
  add('Negotiation', negotiation ? el('a', { href: `negotiation.html?id=${encodeURIComponent(negotiation)}`, text: negotiation }) : null);
  add('Partner', pick(message, 'partnerId'));
  add('Reply to', pick(message, 'replyTo'));
  add('Message key', el('code', { text: pick(message, 'id') || '' }));
  parts.push(el('h4', { text: 'Details' }), facts);
  return el('div', { class: 'message-body' }, parts);
}

function article(message, index) {
  const id = pick(message, 'id') || String(index);
  const subject = pick(message, 'subject') || '(no subject)';
  const to = String(pick(message, 'to') || '');
  const category = String(pick(message, 'category') || '');
  const details = el('details', { name: 'mailbox', 'data-id': id },
    el('summary', {},
      el('span', { class: 'subject' }, el('h3', { text: subject })),
      el('span', { class: 'meta' },
        el('span', { class: 'kind', title: kinds[category] || category, text: category }),
        el('span', { text: `To ${to}` }),
        el('time', { datetime: pick(message, 'sentAt'), text: formatTime(pick(message, 'sentAt')) }))));
  details.addEventListener('toggle', () => {
    if (details.open) {
      openId = id;
      if (!details.querySelector('.message-body')) details.append(body(message));
      // Browsers without exclusive <details name> still keep one message open.
      for (const other of list.querySelectorAll('details[name="mailbox"][open]')) if (other !== details) other.open = false;
    } else {
      // A closed message keeps no frame: the list stays light however many messages have been read.
      details.querySelector('.message-body')?.remove();
      if (openId === id) openId = null;
    }
  });
  const answer = linksOf(message).find(href => href.includes(answerPath));
  return el('article', { class: 'message', 'data-id': id, 'aria-label': subject },
    details,
    answer ? el('a', { class: 'answer-link', href: answer }, 'Open answer page',
      el('span', { class: 'sr-only', text: ` for ${subject}, to ${to}` })) : null);
}

function query() {
  const filter = new FormData(form);
  const params = new URLSearchParams({ top: String(filter.get('top') || '50') });
  for (const name of ['to', 'negotiationId', 'category']) if (String(filter.get(name) || '').trim()) params.set(name, String(filter.get(name)).trim());
  if (filter.get('sentFrom')) params.set('sentFrom', new Date(`${filter.get('sentFrom')}T00:00:00Z`).toISOString());
  if (filter.get('sentUntil')) {
    // "Until" a day includes that day: the API's bound is the next midnight, exclusive.
    const until = new Date(`${filter.get('sentUntil')}T00:00:00Z`);
    until.setUTCDate(until.getUTCDate() + 1);
    params.set('sentBefore', until.toISOString());
  }
  return params;
}

function render() {
  clear(list);
  if (messages.length === 0) {
    list.append(el('p', { class: 'empty', text: 'No messages match these filters.' }));
  } else {
    list.append(...messages.map(article));
    const open = openId && [...list.querySelectorAll('details[name="mailbox"]')].find(d => d.dataset.id === openId);
    if (open) open.open = true;
  }
  document.getElementById('summary').textContent = `${messages.length} message${messages.length === 1 ? '' : 's'}, newest first.`;
}

async function load(announce = false) {
  const mine = ++generation;
  try {
    const result = await api(`/api/dev/outbox?${query()}`);
    if (mine !== generation) return;
    messages = Array.isArray(result) ? result : (result?.items ?? []);
    render();
    if (announce) say(messages.length ? `${messages.length} messages match.` : 'No messages match these filters.');
  } catch (error) {
    say(error.status === 404 ? 'The outbox is only available when the development routes are on.' : error.message, true);
  }
}

/** Fills the negotiation filter, keeping what is chosen (a link may choose one with ?negotiation=). */
async function loadNegotiations() {
  const select = document.getElementById('f-negotiation');
  try {
    const result = await api('/api/negotiations?top=100');
    const items = Array.isArray(result) ? result : (result?.items ?? []);
    const chosen = select.value;
    clear(select).append(el('option', { value: '', text: 'All negotiations' }),
      ...items.map(n => el('option', { value: pick(n, 'id'), text: `${pick(n, 'area') || pick(n, 'id')} (${pick(n, 'id')})` })));
    if (chosen && ![...select.options].some(o => o.value === chosen)) select.append(el('option', { value: chosen, text: chosen }));
    select.value = chosen;
  } catch {
    // The list is a convenience; the mailbox works without it.
  }
}

const wanted = new URLSearchParams(location.search).get('negotiation');
if (wanted) {
  const select = document.getElementById('f-negotiation');
  select.append(el('option', { value: wanted, text: wanted }));
  select.value = wanted;
}

const categories = document.getElementById('f-category');
categories.append(...Object.entries(kinds).map(([value, text]) => el('option', { value, text })));

/** A new filter empties the list at once: nothing from the previous filter can be opened or followed meanwhile. */
function refilter() {
  clear(list).append(el('p', { class: 'empty', text: 'Loading messages…' }));
  load(true);
}

form.addEventListener('submit', event => { event.preventDefault(); refilter(); });
form.addEventListener('reset', () => setTimeout(refilter));
document.getElementById('refresh').addEventListener('click', () => load(true));

function start() {
  return Promise.all([loadNegotiations(), load()]);
}
window.addEventListener('laa:signed-in', start);
if (adminKey()) start(); else showSignIn('Enter the admin key to read the mailbox.');
