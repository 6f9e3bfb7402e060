// The development mailbox: the outbox's messages with their links made clickable.
import { api, el, clear, say, formatTime, startPage, autoRefresh, pick } from './app.js';

const form = document.getElementById('filters');
const list = document.getElementById('messages');
const urlPattern = /https?:\/\/[^\s<>"')]+/g;

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

async function load() {
  const filter = new FormData(form);
  const query = new URLSearchParams({ top: String(filter.get('top') || '50') });
  if (filter.get('to')) query.set('to', String(filter.get('to')));
  try {
    const result = await api(`/api/dev/outbox?${query}`);
    const messages = Array.isArray(result) ? result : (result?.items ?? []);
    clear(list);
    for (const message of messages) {
      const to = [].concat(pick(message, 'to') ?? []).map(t => (typeof t === 'object' ? pick(t, 'email', 'address') : t)).join(', ');
      list.append(el('article', { class: 'message', 'aria-label': pick(message, 'subject') || 'Message' },
        el('h3', { text: pick(message, 'subject') || '(no subject)' }),
        el('p', { class: 'muted' }, `To ${to} · ${formatTime(pick(message, 'sentAt'))}`,
          pick(message, 'category') ? ` · ${pick(message, 'category')}` : ''),
        el('pre', {}, linkify(String(pick(message, 'text') || '')))));
    }
    say(messages.length ? `${messages.length} messages.` : 'No messages yet.');
  } catch (error) {
    say(error.status === 404 ? 'The outbox is only available when the development routes are on.' : error.message, true);
  }
}

form.addEventListener('submit', event => { event.preventDefault(); load(); });
startPage();
autoRefresh(load, 4000);
