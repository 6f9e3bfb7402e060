// Shared helpers for every dashboard page. Data from the API is only ever inserted as text
// (textContent, attribute values), never parsed as HTML.
'use strict';

const KEY_STORAGE = 'laaworkflow.adminKey';

export function adminKey() { return sessionStorage.getItem(KEY_STORAGE) || ''; }

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
    showSignIn('That key was not accepted, or none is stored for this tab.');
    throw new ApiError(401, { title: 'An admin key is required.' });
  }
  if (raw) return response;
  const text = await response.text();
  let data = null;
  if (text) { try { data = JSON.parse(text); } catch { data = text; } }
  if (!response.ok && response.status !== 202) throw new ApiError(response.status, data);
  return data;
}

/** The sign-in card: the key stays in sessionStorage, so it is forgotten when the tab closes. */
export function showSignIn(reason) {
  let dialog = document.getElementById('signin');
  if (!dialog) {
    const input = el('input', { id: 'signin-key', type: 'password', autocomplete: 'off', required: true });
    const form = el('form', { method: 'dialog', class: 'signin' },
      el('h2', { text: 'Sign in' }),
      el('p', { id: 'signin-reason', class: 'muted' }),
      el('label', { for: 'signin-key' }, 'Admin key (x-functions-key)', input),
      el('div', { class: 'actions' }, el('button', { type: 'submit', text: 'Sign in' })));
    form.addEventListener('submit', () => {
      sessionStorage.setItem(KEY_STORAGE, input.value.trim());
      window.dispatchEvent(new Event('laa:signed-in'));
    });
    dialog = el('dialog', { id: 'signin', 'aria-labelledby': 'signin-title' }, form);
    form.querySelector('h2').id = 'signin-title';
    document.body.append(dialog);
  }
  document.getElementById('signin-reason').textContent = reason || 'Enter the admin key to see negotiations.';
  if (!dialog.open) dialog.showModal();
  document.getElementById('signin-key').focus();
}

/** Runs load now and again every interval while the tab is visible, and after sign-in. */
export function autoRefresh(load, intervalMs = 3000) {
  let running = false;
  const tick = async () => {
    if (running || document.hidden) return;
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
  region.textContent = message;
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

/** The header clock shows the virtual clock when the dev routes are on. */
async function showClock() {
  const slot = document.getElementById('clock');
  if (!slot) return;
  try {
    const response = await fetch('api/dev/clock', { headers: { 'x-functions-key': adminKey(), Accept: 'application/json' } });
    if (!response.ok) { slot.textContent = ''; return; }
    const clock = await response.json();
    slot.textContent = `Clock: ${formatTime(clock.utcNow || clock.now)}`;
  } catch { slot.textContent = ''; }
}

export function startPage() {
  if (!adminKey()) showSignIn();
  autoRefresh(showClock, 2000);
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
    else if (field.type === 'select') input = el('select', { id, name: field.name, required: field.required }, field.options.map(o => el('option', { value: o, text: o })));
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
