// Stagehand demo UI: talks to the API through the same origin (nginx routes /api and /health).
'use strict';

const $ = (sel) => document.querySelector(sel);

async function api(method, path, body) {
  const opts = { method, headers: {} };
  if (body !== undefined) {
    opts.headers['Content-Type'] = 'application/json';
    opts.body = JSON.stringify(body);
  }
  const res = await fetch(path, opts);
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  if (!res.ok) {
    const err = new Error((data && data.error) || res.statusText);
    err.data = data;
    throw err;
  }
  return data;
}

function text(tag, s, cls) {
  const el = document.createElement(tag);
  el.textContent = s;
  if (cls) el.className = cls;
  return el;
}

async function loadHealth() {
  const tbody = $('#health tbody');
  let h;
  try {
    h = await api('GET', '/health/comprehensive');
  } catch (e) {
    h = e.data || { status: 'unreachable', components: {} };
  }
  $('#status').textContent = h.status;
  $('#status').className = 'badge ' + (h.status === 'healthy' ? 'ok' : 'bad');
  if (h.environment) $('#env').textContent = h.environment;
  tbody.replaceChildren();
  for (const [name, c] of Object.entries(h.components || {})) {
    const tr = document.createElement('tr');
    tr.append(text('td', name), text('td', c.status), text('td', c.latency_ms + ' ms'),
              text('td', c.version || c.error || ''));
    tbody.append(tr);
  }
  const flags = $('#flags');
  flags.replaceChildren();
  for (const [k, v] of Object.entries(h.feature_flags || {})) flags.append(text('li', k + ' = ' + v));
  $('#search-section').hidden = !(h.feature_flags && h.feature_flags.ENABLE_MCP_FILE_SEARCH);
}

async function loadItems() {
  const list = $('#items');
  const data = await api('GET', '/api/v1/items?limit=100');
  list.replaceChildren();
  for (const it of data.items) {
    const li = text('li', '#' + it.id + ' ' + it.title + (it.body ? ' — ' + it.body : ''));
    const del = text('button', 'delete');
    del.type = 'button';
    del.addEventListener('click', async () => { await api('DELETE', '/api/v1/items/' + it.id); loadItems(); });
    li.append(del);
    list.append(li);
  }
}

async function loadCounter() {
  const c = await api('GET', '/api/v1/counters/ui-clicks');
  $('#clicks').textContent = c.value;
}

$('#new-item').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const f = ev.target;
  const err = $('#item-error');
  try {
    await api('POST', '/api/v1/items', { title: f.elements.title.value, body: f.elements.body.value });
    f.reset();
    err.hidden = true;
    loadItems();
  } catch (e) {
    const qs = (e.data && e.data.clarifying_questions) || [];
    err.textContent = e.message + (qs.length ? ' — ' + qs.join(' ') : '');
    err.hidden = false;
  }
});

$('#click').addEventListener('click', async () => {
  const c = await api('POST', '/api/v1/counters/ui-clicks');
  $('#clicks').textContent = c.value;
});

$('#search').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  const list = $('#results');
  list.replaceChildren();
  try {
    const r = await api('GET', '/api/v1/search?q=' + encodeURIComponent(ev.target.elements.q.value));
    for (const it of r.results) list.append(text('li', '#' + it.id + ' ' + it.title + (r.scored ? ' (' + it.score + ')' : '')));
  } catch (e) {
    list.append(text('li', e.message, 'error'));
  }
});

$('#refresh-health').addEventListener('click', loadHealth);
loadHealth();
loadItems().catch(() => {});
loadCounter().catch(() => {});
