// Shared helpers for every dashboard page. Data from the API is only ever inserted as text
// (textContent, attribute values), never parsed as HTML.
'use strict';

const KEY_STORAGE = 'laaworkflow.adminKey';

export function adminKey() { return sessionStorage.getItem(KEY_STORAGE) || ''; }

// Every page gets the icon, including pages whose markup does not link it.
if (!document.querySelector('link[rel="icon"]')) {
  document.head.append(Object.assign(document.createElement('link'), { rel: 'icon', type: 'image/svg+xml', href: '/favicon.svg' }));
}

/** Creates an element; strings and numbers among the children become text nodes. */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === null || value === false) continue;
    if (name === 'class') node.className = value;
    else if (name === 'text') node.textContent = value;
    else if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else node.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat()) {
    if (child === undefined || child === null || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

export function clear(node) { node.replaceChildren(); return node; }

export class ApiError extends Error {
  constructor(status, problem) {
    super(describeProblem(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function describeProblem(status, problem) {
  if (!problem || typeof problem !== 'object') return `The server answered ${status}.`;
  const parts = [problem.title || `The server answered ${status}.`];
  if (problem.detail) parts.push(problem.detail);
  if (problem.errors) {
    for (const [field, messages] of Object.entries(problem.errors)) parts.push(`${field}: ${[].concat(messages).join(' ')}`);
  }
  return parts.join(' ');
}

/** Calls the API with the admin key; asks for the key again on 401. */
export async function api(path, { method = 'GET', body, headers = {}, raw = false } = {}) {
  const init = { method, headers: { Accept: 'application/json', ...headers } };
  const key = adminKey();
  if (key) init.headers['x-functions-key'] = key;
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(path, init);
  if (response.status === 401) {
    sessionStorage.removeItem(KEY_STORAGE);
    showSignIn(key ? 'That key was not accepted. Check it and try again.' : '', Boolean(key));
    throw new ApiError(401, { title: 'An admin key is required.' });
  }
  if (raw) return response;
  const text = await response.text();
  let data = null;
  if (text) { try { data = JSON.parse(text); } catch { data = text; } }
  if (!response.ok && response.status !== 202) throw new ApiError(response.status, data);
  return data;
}

/**
 * The sign-in card: the key stays in sessionStorage, so it is forgotten when the tab closes. A first visit is not an
 * error; only a key the server refused is reported as one.
 */
export function showSignIn(reason, isError = false) {
  let dialog = document.getElementById('signin');
  if (!dialog) {
    const input = el('input', { id: 'signin-key', type: 'password', autocomplete: 'off', required: true, 'aria-describedby': 'signin-hint' });
    const form = el('form', { method: 'dialog', class: 'signin' },
      el('h2', { id: 'signin-title', text: 'Sign in' }),
      el('p', { id: 'signin-reason', text: 'Enter the admin key to see and manage negotiations.' }),
      el('label', { for: 'signin-key' }, 'Admin key (x-functions-key)', input),
      el('p', { id: 'signin-hint', class: 'hint' },
        'Running locally? ', el('code', { text: 'scripts/run.sh' }), ' prints the key when it starts; it is the ',
        el('code', { text: 'Host__AdminKeys' }), ' value in ', el('code', { text: 'local.settings.json' }),
        '. In Azure, use a host key of the Functions app. The key is kept only until this tab closes.'),
      el('p', { id: 'signin-error', class: 'status error', role: 'alert' }),
      el('div', { class: 'actions' }, el('button', { type: 'submit', text: 'Sign in' })));
    form.addEventListener('submit', () => {
      sessionStorage.setItem(KEY_STORAGE, input.value.trim());
      input.value = '';
      showAccount();
      window.dispatchEvent(new Event('laa:signed-in'));
    });
    // Without a key there is nothing to show behind the card: Escape does not dismiss it.
    dialog = el('dialog', { id: 'signin', 'aria-labelledby': 'signin-title', oncancel: event => event.preventDefault() }, form);
    document.body.append(dialog);
  }
  if (reason && !isError) document.getElementById('signin-reason').textContent = reason;
  document.getElementById('signin-error').textContent = isError ? reason : '';
  if (!dialog.open) dialog.showModal();
  document.getElementById('signin-key').focus();
}

/** Forgets the key and asks for one again. */
export function signOut() {
  sessionStorage.removeItem(KEY_STORAGE);
  showAccount();
  window.dispatchEvent(new Event('laa:signed-out'));
  showSignIn('You are signed out. Enter the admin key to sign in again.');
}

/** The header's sign-out button, shown while a key is held. */
function showAccount() {
  const header = document.querySelector('header.top');
  if (!header) return;
  let button = document.getElementById('signout');
  if (!button) {
    button = el('button', { type: 'button', id: 'signout', class: 'signout', text: 'Sign out', onclick: signOut });
    header.append(button);
  }
  button.hidden = !adminKey();
}

/**
 * Runs load now and again every interval while the tab is visible, and after sign-in. Nothing is asked of the API
 * until a key is known, so a first visit makes no refused requests.
 */
export function autoRefresh(load, intervalMs = 3000) {
  let running = false;
  const tick = async () => {
    if (running || document.hidden || !adminKey()) return;
    running = true;
    try { await load(); } finally { running = false; }
  };
  tick();
  window.addEventListener('laa:signed-in', tick);
  document.addEventListener('visibilitychange', tick);
  return setInterval(tick, intervalMs);
}

/** Writes a status line into a live region, so screen readers hear results of actions. */
export function say(message, isError = false) {
  const region = document.getElementById('status');
  if (!region) return;
  // The same words again are not news: writing them would have some screen readers announce them on every refresh.
  if (region.textContent !== message) region.textContent = message;
  region.classList.toggle('error', isError);
}

export function formatTime(value) {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  return date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

export function badge(value) {
  const text = value === undefined || value === null || value === '' ? 'unknown' : String(value);
  return el('span', { class: `badge s-${text.toLowerCase().replace(/[^a-z]/g, '')}`, text });
}

let indicators = null;
/** Titles of the National Indicator Set, shipped with the dashboard. */
export async function indicatorTitles() {
  if (!indicators) {
    const response = await fetch('data/national-indicators-2008.json');
    indicators = response.ok ? await response.json() : {};
  }
  return indicators;
}

const PHASES = {
  draft: 'Draft',
  consultation: 'Consultation',
  revision: 'Awaiting revision',
  governmentOffice: 'With Government Office',
  finalised: 'Signed off',
  deadlineMissed: 'Deadline missed',
  withdrawn: 'Withdrawn',
};
const PHASE_TONE = {
  draft: 'neutral', consultation: 'info', revision: 'warn', governmentOffice: 'info',
  finalised: 'ok', deadlineMissed: 'bad', withdrawn: 'muted',
};
const PARTNER_STATUSES = {
  pending: 'Not consulted yet', invited: 'Invited', reminded: 'Reminded', escalated: 'Escalated',
  endorsed: 'Endorsed', objected: 'Objected', changesRequested: 'Changes requested', noResponse: 'No response',
};
const PARTNER_TONE = {
  pending: 'neutral', invited: 'info', reminded: 'warn', escalated: 'bad',
  endorsed: 'ok', objected: 'bad', changesRequested: 'warn', noResponse: 'bad',
};
const RUNTIME = {
  Running: ['Running', 'info'], Completed: ['Completed', 'ok'], Failed: ['Failed', 'bad'], Terminated: ['Terminated', 'bad'],
  Suspended: ['Suspended', 'warn'], Pending: ['Pending', 'neutral'], ContinuedAsNew: ['Running', 'info'],
};
// A shape beside the words, so a badge does not rely on colour: filled for done, hollow for waiting, cross for failed.
const GLYPH = { ok: '\u2714', bad: '\u2716', warn: '\u25B2', info: '\u25CF', neutral: '\u25CB', muted: '\u2013' };

export const TERMINAL_PHASES = ['finalised', 'deadlineMissed', 'withdrawn'];

/** A phase as people say it: "Awaiting revision", not "revision". */
export function phaseName(phase) { return PHASES[phase] || (phase ? String(phase) : 'Unknown'); }

export function partnerStatusName(status) { return PARTNER_STATUSES[status] || (status ? String(status) : 'Unknown'); }

function toned(text, tone, extra = '') {
  return el('span', { class: `badge tone-${tone}${extra}` }, el('span', { class: 'glyph', 'aria-hidden': 'true', text: GLYPH[tone] }), text);
}

export function phaseBadge(phase) { return toned(phaseName(phase), PHASE_TONE[phase] || 'neutral'); }

export function partnerBadge(status) { return toned(partnerStatusName(status), PARTNER_TONE[status] || 'neutral'); }

/** The engine's runtime status; a negotiation the engine does not know says so rather than "unknown". */
export function runtimeBadge(status) {
  if (!status) return toned('Not in the engine', 'bad');
  const [text, tone] = RUNTIME[status] || [String(status), 'neutral'];
  return toned(text, tone);
}

/** A day and time the way a reader expects it: 14 Apr 2008, 17:00 UTC. */
export function formatDate(value, withTime = true) {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return String(value);
  const options = { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' };
  if (withTime) Object.assign(options, { hour: '2-digit', minute: '2-digit', hour12: false });
  return date.toLocaleString('en-GB', options) + (withTime ? ' UTC' : '');
}

const DAY = 86_400_000;
/** Whole days from now to then, rounded towards the reader: "in 3 days", "today", "2 days ago". */
export function daysFrom(now, then) {
  const days = Math.floor((new Date(then).getTime() - new Date(now).getTime()) / DAY);
  return days;
}

export function startPage() {
  showAccount();
  if (!adminKey()) showSignIn();
}

/** First value present among several possible property names: read models may name things slightly differently. */
export function pick(object, ...names) {
  if (!object) return undefined;
  for (const name of names) if (object[name] !== undefined && object[name] !== null) return object[name];
  return undefined;
}

/**
 * Asks for the fields of an action in the page's dialog; resolves to the values, or null when
 * cancelled. Each field: { name, label, type = 'text' | 'textarea' | 'select', options, required, value, rows }.
 */
export function ask(title, fields) {
  const dialog = document.getElementById('dlg');
  const form = document.getElementById('dlg-form');
  document.getElementById('dlg-title').textContent = title;
  const holder = clear(document.getElementById('dlg-fields'));
  for (const field of fields) {
    const id = `dlg-${field.name}`;
    let input;
    if (field.type === 'textarea') input = el('textarea', { id, name: field.name, rows: field.rows || 4, required: field.required });
    else if (field.type === 'select') input = el('select', { id, name: field.name, required: field.required }, field.options.map(o =>
      typeof o === 'object' ? el('option', { value: o.value, text: o.label }) : el('option', { value: o, text: o })));
    else input = el('input', { id, name: field.name, type: field.type || 'text', required: field.required });
    if (field.value !== undefined) input.value = field.value;
    holder.append(el('label', { for: id }, field.label, input));
  }
  return new Promise(resolve => {
    dialog.addEventListener('close', () => {
      if (dialog.returnValue !== 'ok') { resolve(null); return; }
      resolve(Object.fromEntries(new FormData(form).entries()));
    }, { once: true });
    dialog.returnValue = '';
    dialog.showModal();
    holder.querySelector('input, textarea, select')?.focus();
  });
}
