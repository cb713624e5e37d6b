'use strict';
// The outbox dashboard. Every value from the server is set with textContent or as an attribute,
// never as markup: a payload holding <script> is shown as the text it is.

const REFRESH_MILLIS = 5000;
const CSRF = { 'X-Message-Driven-Dashboard': '1' };
const SVG = 'http://www.w3.org/2000/svg';
const state = { tenant: '', filters: {}, cursor: null, detail: null, slugs: {} };

function el(tag, attributes, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes || {})) {
    if (value !== null && value !== undefined) node.setAttribute(name, value);
  }
  for (const child of children) {
    node.append(child instanceof Node ? child : document.createTextNode(child === null || child === undefined ? '' : String(child)));
  }
  return node;
}

function svg(tag, attributes, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

async function api(path, options) {
  const response = await fetch('/api/' + path, Object.assign({ credentials: 'same-origin', headers: {} }, options));
  if (response.status === 401) {
    location.assign('/login');
    throw new Error('logged out');
  }
  const body = response.status === 204 ? null : await response.json();
  if (!response.ok) throw new Error(body && body.detail ? body.detail : response.status + ' ' + response.statusText);
  return body;
}

function change(path, body) {
  return api(path, {
    method: 'POST',
    headers: Object.assign({ 'Content-Type': 'application/json' }, CSRF),
    body: JSON.stringify(body || {})
  });
}

function query(values) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(values)) if (value) params.set(name, value);
  const text = params.toString();
  return text ? '?' + text : '';
}

function number(value) {
  return Number(value).toLocaleString('en-US');
}

function duration(millis) {
  if (millis < 1000) return millis + ' ms';
  const seconds = Math.round(millis / 1000);
  if (seconds < 120) return seconds + ' s';
  const minutes = Math.round(seconds / 60);
  if (minutes < 120) return minutes + ' min';
  return (minutes / 60).toFixed(1) + ' h';
}

function time(iso) {
  if (!iso) return '';
  return iso.replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

function say(text, isError) {
  const message = document.getElementById('message');
  message.textContent = text;
  message.className = isError ? 'message error' : 'message';
  message.hidden = false;
}

function fill(tableId, rows, empty) {
  const body = document.querySelector('#' + tableId + ' tbody');
  const columns = document.querySelectorAll('#' + tableId + ' thead th').length;
  body.replaceChildren(...(rows.length ? rows : [el('tr', { class: 'empty' }, el('td', { colspan: columns }, empty))]));
}

function badge(status) {
  return el('span', { class: 'badge ' + status.toLowerCase().replace('_', '-') }, status.replace('_', ' ').toLowerCase());
}

function button(label, onClick, className) {
  const node = el('button', { type: 'button', class: className || 'small' }, label);
  node.addEventListener('click', onClick);
  return node;
}

async function act(work, done) {
  try {
    const result = await work();
    say(done(result));
  } catch (error) {
    say(error.message, true);
  }
  refresh();
}

function renderStatus(status) {
  document.getElementById('count-pending').textContent = number(status.total.pending);
  document.getElementById('count-in-flight').textContent = number(status.total.inFlight);
  document.getElementById('count-published').textContent = number(status.total.published);
  document.getElementById('count-failed').textContent = number(status.total.failed);
  document.getElementById('lag').textContent = duration(status.total.lagMillis);
  for (const tenant of status.tenants) state.slugs[tenant.tenant] = tenant.slug;
  const select = document.getElementById('tenant');
  const known = new Set(Array.from(select.options).map(option => option.value));
  for (const tenant of status.tenants) {
    if (!known.has(tenant.slug)) select.append(el('option', { value: tenant.slug }, tenant.slug));
  }
  fill('tenants', status.tenants.map(tenant => el('tr', { 'data-tenant': tenant.slug },
    el('td', {}, tenant.slug),
    el('td', { class: 'num' }, number(tenant.pending)),
    el('td', { class: 'num' }, number(tenant.inFlight)),
    el('td', { class: 'num' }, number(tenant.published)),
    el('td', { class: 'num' }, number(tenant.failed)),
    el('td', { class: 'num' }, duration(tenant.lagMillis)),
    el('td', {}, tenant.paused ? el('span', { class: 'badge paused' }, 'paused') : el('span', { class: 'badge running' }, 'running'), ' ',
      tenant.paused
        ? button('Resume', () => act(() => change('tenants/' + encodeURIComponent(tenant.slug) + '/resume'), () => 'Resumed ' + tenant.slug))
        : button('Pause', () => act(() => change('tenants/' + encodeURIComponent(tenant.slug) + '/pause', { reason: 'paused from the dashboard' }), () => 'Paused ' + tenant.slug))))),
    'No tenant holds events yet.');
}

function renderChart(minutes) {
  const chart = document.getElementById('chart');
  const width = 720, height = 160, top = 14, bottom = 20, left = 36;
  const max = Math.max(1, ...minutes.map(minute => minute.published));
  const step = (width - left) / minutes.length;
  const nodes = [
    svg('line', { x1: left, y1: height - bottom, x2: width, y2: height - bottom, class: 'axis' }),
    svg('text', { x: left - 6, y: top + 4, class: 'tick', 'text-anchor': 'end' }, number(max)),
    svg('text', { x: left - 6, y: height - bottom, class: 'tick', 'text-anchor': 'end' }, '0'),
    svg('text', { x: left, y: height - 4, class: 'tick' }, '60 min ago'),
    svg('text', { x: left + (width - left) / 2, y: height - 4, class: 'tick', 'text-anchor': 'middle' }, '30 min ago'),
    svg('text', { x: width, y: height - 4, class: 'tick', 'text-anchor': 'end' }, 'now')
  ];
  minutes.forEach((minute, index) => {
    const barHeight = (height - top - bottom) * minute.published / max;
    const bar = svg('rect', {
      x: left + index * step + 1, y: height - bottom - barHeight, width: Math.max(1, step - 2), height: barHeight, class: 'bar'
    });
    bar.append(svg('title', {}, time(minute.minute) + ': ' + number(minute.published) + ' published'));
    nodes.push(bar);
  });
  chart.replaceChildren(...nodes);
}

function renderFailures(causes) {
  fill('failures', causes.map(cause => el('tr', {},
    el('td', { class: 'mono' }, cause.errorClass),
    el('td', {}, cause.message),
    el('td', { class: 'num' }, number(cause.count)),
    el('td', {}, time(cause.firstSeen)),
    el('td', {}, time(cause.lastSeen)),
    el('td', { class: 'actions' },
      button('Show', () => { setFilters({ status: 'FAILED', cause: cause.cause }); loadEvents(); }, 'small quiet'),
      button('Requeue all', () => act(() => change('failures/' + cause.cause + '/requeue' + query({ tenant: state.tenant })),
        result => 'Requeued ' + number(result.changed) + (result.refused ? ', ' + number(result.refused) + ' in flight left alone' : '')
          + (result.more ? '; more are left, click again' : '')))))),
    'No failed events.');
}

function renderHeld(held) {
  fill('held', held.map(aggregate => el('tr', {},
    el('td', {}, aggregate.aggregateType + ' ', el('span', { class: 'mono' }, aggregate.aggregateId)),
    el('td', {}, eventLink(aggregate.head, aggregate.headName)),
    el('td', {}, badge(aggregate.headStatus)),
    el('td', { class: 'num' }, number(aggregate.attempts)),
    el('td', {}, errorText(aggregate.errorClass, aggregate.errorMessage)),
    el('td', { class: 'num' }, number(aggregate.waiting)))),
    'No aggregate is held back.');
}

function renderPublishers(publishers) {
  fill('publishers', publishers.map(publisher => el('tr', {},
    el('td', { class: 'mono' }, publisher.owner),
    el('td', {}, publisher.host),
    el('td', {}, el('span', { class: 'badge ' + publisher.state.toLowerCase() }, publisher.state.toLowerCase())),
    el('td', {}, duration(publisher.sinceLastSeenMillis) + ' ago'),
    el('td', { class: 'num' }, number(publisher.inFlight)))),
    'No publisher has sent a heartbeat.');
}

function errorText(errorClass, message) {
  if (!errorClass) return '';
  return el('span', { class: 'error-text', title: message || '' }, errorClass.replace(/^.*\./, '') + (message ? ': ' + message : ''));
}

function eventLink(id, label) {
  const link = el('a', { href: '#event-' + id, class: 'event-link', 'data-event': id }, label);
  link.addEventListener('click', clicked => { clicked.preventDefault(); showEvent(id); });
  return link;
}

function setFilters(values) {
  const form = document.getElementById('filters');
  for (const field of form.elements) if (field.name) field.value = values[field.name] || '';
  state.filters = values;
  state.cursor = null;
}

async function loadEvents() {
  try {
    const page = await api('events' + query(Object.assign({ tenant: state.tenant, after: state.cursor, limit: 20 }, state.filters)));
    fill('events', page.events.map(event => {
      const row = el('tr', { 'data-event': event.id, class: 'clickable' },
        el('td', {}, time(event.occurredAt)),
        el('td', {}, state.slugs[event.tenant] || event.tenant),
        el('td', {}, eventLink(event.id, event.name)),
        el('td', {}, event.aggregateType + ' ', el('span', { class: 'mono' }, event.aggregateId)),
        el('td', { class: 'status' }, badge(event.status)),
        el('td', { class: 'num' }, number(event.attempts)),
        el('td', {}, errorText(event.errorClass, event.errorMessage)));
      row.addEventListener('click', () => showEvent(event.id));
      return row;
    }), 'No event matches.');
    document.getElementById('next-page').hidden = !page.nextCursor;
    document.getElementById('next-page').dataset.cursor = page.nextCursor || '';
    document.getElementById('first-page').hidden = !state.cursor;
  } catch (error) {
    say(error.message, true);
  }
}

async function showEvent(id) {
  try {
    const event = await api('events/' + encodeURIComponent(id));
    state.detail = event;
    document.getElementById('detail-id').textContent = event.id;
    const fields = [['Tenant', event.tenantSlug], ['Name', event.name], ['Aggregate', event.aggregateType + ' ' + event.aggregateId],
      ['Status', badge(event.status)], ['Attempts', number(event.attempts)], ['Occurred', time(event.occurredAt)],
      ['Written', time(event.createdAt)], ['Next attempt', time(event.nextAttemptAt)], ['Published', time(event.publishedAt)],
      ['Failed', time(event.failedAt)], ['Leased to', event.leaseOwner], ['Cause', event.cause]];
    document.getElementById('detail-fields').replaceChildren(...fields.filter(([, value]) => value)
      .flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)]));
    document.getElementById('detail-payload').textContent = pretty(event.payload);
    document.getElementById('detail-headers').textContent = JSON.stringify(event.headers, null, 2);
    const error = event.lastError;
    document.getElementById('detail-error').hidden = !error;
    document.getElementById('detail-stack').textContent = error
      ? (error.stackTrace || error.errorClass + ': ' + (error.message || '')) : '';
    document.getElementById('detail-requeue').disabled = event.status !== 'FAILED';
    document.getElementById('detail').hidden = false;
    document.getElementById('detail').scrollIntoView({ block: 'nearest' });
  } catch (error) {
    say(error.message, true);
  }
}

function pretty(payload) {
  try {
    return JSON.stringify(JSON.parse(payload), null, 2);
  } catch (notJson) {
    return payload;
  }
}

async function refresh() {
  const tenant = query({ tenant: state.tenant });
  try {
    const [status, minutes, causes, held] = await Promise.all([api('status' + tenant), api('throughput' + tenant),
      api('failures' + tenant), api('held' + tenant)]);
    renderStatus(status);
    renderChart(minutes);
    renderFailures(causes);
    renderHeld(held);
    renderPublishers(status.publishers);
    document.getElementById('updated').textContent = 'updated ' + new Date().toLocaleTimeString('en-GB');
  } catch (error) {
    say(error.message, true);
  }
  if (!state.cursor) await loadEvents();
  if (state.detail && !document.getElementById('detail').hidden) await showEvent(state.detail.id);
}

document.addEventListener('DOMContentLoaded', () => {
  document.getElementById('tenant').addEventListener('change', changed => {
    state.tenant = changed.target.value;
    state.cursor = null;
    refresh();
  });
  document.getElementById('filters').addEventListener('submit', submitted => {
    submitted.preventDefault();
    setFilters(Object.fromEntries(new FormData(submitted.target)));
    loadEvents();
  });
  document.getElementById('filters').addEventListener('reset', () => { setFilters({}); loadEvents(); });
  document.getElementById('next-page').addEventListener('click', clicked => {
    state.cursor = clicked.target.dataset.cursor;
    loadEvents();
  });
  document.getElementById('first-page').addEventListener('click', () => { state.cursor = null; loadEvents(); });
  document.getElementById('detail-close').addEventListener('click', () => { document.getElementById('detail').hidden = true; });
  document.getElementById('detail-requeue').addEventListener('click', () => act(
    () => change('events/' + state.detail.id + '/requeue'),
    result => result.changed ? 'Requeued event ' + state.detail.id : 'Not requeued: it is not failed, or its aggregate has an event in flight'));
  document.getElementById('detail-delete').addEventListener('click', () => {
    if (!confirm('Delete event ' + state.detail.id + '? It will not be published.')) return;
    const id = state.detail.id;
    act(async () => {
      const result = await change('events/' + id + '/delete');
      if (result.changed) document.getElementById('detail').hidden = true;
      return result;
    }, result => result.changed ? 'Deleted event ' + id : 'Not deleted: its aggregate has an event in flight');
  });
  document.getElementById('logout-button').addEventListener('click', async () => {
    await fetch('/logout', { method: 'POST', credentials: 'same-origin', headers: CSRF });
    location.assign('/login');
  });
  refresh();
  setInterval(refresh, REFRESH_MILLIS);
});
