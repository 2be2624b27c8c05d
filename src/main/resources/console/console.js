// The pushrelay console: plain JavaScript over /console/api (docs/console.md). Every value shown goes in as text.
'use strict';

const $ = (id) => document.getElementById(id);
let overviewTimer = null;

/** A JSON call; a 401 shows the login form, any other failure the answer's ReasonText. */
async function api(method, path, body) {
  const options = { method, headers: {}, credentials: 'same-origin' };
  if (body !== undefined) {
    options.headers['Content-Type'] = 'application/json';
    options.body = JSON.stringify(body);
  }
  const response = await fetch('/console/api/' + path, options);
  const text = await response.text();
  const answer = text ? JSON.parse(text) : {};
  if (response.status === 401 && path !== 'login') {
    showLogin();
    throw new Error(answer.ReasonText || 'Log in first');
  }
  if (!response.ok || (answer.Reason && answer.ReasonText)) {
    throw new Error(answer.ReasonText || ('HTTP ' + response.status));
  }
  return answer;
}

/** An ISO-8601 instant as "2026-12-07 23:14:45Z"; anything else as it is. */
function when(instant) {
  return typeof instant === 'string' ? instant.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : instant;
}

function showError(error) {
  $('error').textContent = error ? String(error.message || error) : '';
  $('error').hidden = !error;
}

/** Runs an action, showing its failure. */
function guarded(action) {
  return async (event) => {
    if (event) {
      event.preventDefault();
    }
    showError(null);
    try {
      await action(event);
    } catch (e) {
      showError(e);
    }
  };
}

function cell(row, value, className) {
  const td = document.createElement('td');
  td.textContent = value === undefined || value === null ? '' : String(value);
  if (className) {
    td.className = className;
  }
  row.appendChild(td);
  return td;
}

function fill(tableId, items, columns) {
  const body = $(tableId).querySelector('tbody');
  body.replaceChildren();
  for (const item of items) {
    const row = document.createElement('tr');
    for (const column of columns) {
      if (typeof column === 'function') {
        column(row, item);
      } else {
        cell(row, item[column]);
      }
    }
    body.appendChild(row);
  }
}

function button(label, action, className) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (className) {
    b.className = className;
  }
  b.addEventListener('click', guarded(action));
  return b;
}

// ---- pages ---------------------------------------------------------------------------------------------------

const pages = ['overview', 'dead-letters', 'request', 'campaigns', 'registry'];

function showLogin() {
  clearInterval(overviewTimer);
  document.querySelectorAll('section').forEach((s) => { s.hidden = true; });
  $('nav').hidden = true;
  $('login-page').hidden = false;
}

function route() {
  const [name, arg] = location.hash.replace(/^#/, '').split('/');
  const page = pages.includes(name) ? name : 'overview';
  document.querySelectorAll('section').forEach((s) => { s.hidden = s.dataset.page !== page; });
  $('nav').hidden = false;
  document.querySelectorAll('#nav a').forEach((a) => a.classList.toggle('current', a.getAttribute('href') === '#' + page));
  clearInterval(overviewTimer);
  showError(null);
  if (page === 'overview') {
    guarded(loadOverview)();
    overviewTimer = setInterval(guarded(loadOverview), 5000);
  } else if (page === 'campaigns') {
    guarded(loadCampaigns)();
  } else if (page === 'request' && arg) {
    $('request-id').value = decodeURIComponent(arg);
    guarded(loadRequest)();
  }
}

// ---- overview ------------------------------------------------------------------------------------------------

async function loadOverview() {
  const status = await api('GET', 'overview');
  $('overview-time').textContent = 'at ' + when(status.At);
  const bucket = status.BucketSeconds;
  fill('providers', (status.Providers || []).filter((p) => p.enabled), [
    (row, p) => {
      cell(row, p.name);
      row.dataset.provider = p.name;
      row.classList.toggle('failing', p.failing || p.circuitOpen || !p.tokenOk);
    },
    (row, p) => cell(row, p.circuitOpen ? 'OPEN since ' + when(p.circuitOpenSince) : 'closed', p.circuitOpen ? 'state state-open' : 'state state-closed'),
    (row, p) => cell(row, p.tokenOk ? 'ok' : 'cannot refresh since ' + when(p.tokenFailingSince) + (p.tokenError ? ': ' + p.tokenError : ''),
      p.tokenOk ? 'state state-ok' : 'state state-failing'),
    (row, p) => {
      const td = cell(row, p.failing ? 'FAILING since ' + when(p.failingSince) : 'answering', p.failing ? 'state state-failing' : 'state state-ok');
      if (p.lastError) {
        const last = document.createElement('div');
        last.className = 'hint';
        last.textContent = 'last error ' + when(p.lastError.at) + ': ' + p.lastError.text;
        td.appendChild(last);
      }
    },
    (row, p) => {
      const td = cell(row, '', 'counts');
      summary(p.throughput || [], bucket).forEach((line, i) => {
        if (i) {
          td.appendChild(document.createElement('br'));
        }
        td.appendChild(document.createTextNode(line));
      });
    },
    (row, p) => row.appendChild(chart(p.throughput || [], bucket)),
  ]);
  const queues = Object.entries(status.Queues || {}).map(([queue, depth]) => ({ queue, depth }));
  queues.sort((a, b) => b.depth - a.depth || a.queue.localeCompare(b.queue));
  fill('queues', queues, [
    'queue', (row, q) => cell(row, q.depth, 'num'),
  ]);
  const warnings = $('warnings');
  warnings.replaceChildren();
  for (const w of (status.Warnings || []).slice().reverse()) {
    const li = document.createElement('li');
    li.textContent = when(w.at) + '  ' + (w.provider ? '[' + w.provider + '] ' : '') + w.text;
    warnings.appendChild(li);
  }
  if (!warnings.children.length) {
    const li = document.createElement('li');
    li.textContent = 'none';
    li.className = 'hint';
    warnings.appendChild(li);
  }
}

/** Counts by status over the last minute of buckets: ["12 SUCCESSFUL", "3 TEMPORARY_FAILURE"]. */
function summary(rates, bucketSeconds) {
  const totals = {};
  for (const rate of rates.slice(-Math.ceil(60 / bucketSeconds))) {
    for (const [status, n] of Object.entries(rate.byStatus || {})) {
      totals[status] = (totals[status] || 0) + n;
    }
  }
  const parts = Object.entries(totals).map(([status, n]) => n + ' ' + status);
  return parts.length ? parts : ['idle'];
}

/** A stacked bar per bucket: successes green, failures red, others grey; height in notifications per second. */
function chart(rates, bucketSeconds) {
  const td = document.createElement('td');
  const ns = 'http://www.w3.org/2000/svg';
  const width = 360;
  const height = 60;
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 ' + width + ' ' + (height + 12));
  svg.setAttribute('class', 'chart');
  const perSecond = rates.map((r) => Object.values(r.byStatus || {}).reduce((a, b) => a + b, 0) / bucketSeconds);
  const max = Math.max(1, ...perSecond);
  const w = width / Math.max(1, rates.length);
  rates.forEach((rate, i) => {
    let y = height;
    const counts = rate.byStatus || {};
    const kinds = [
      ['ok', counts.SUCCESSFUL || 0],
      ['failed', Object.entries(counts).filter(([s]) => s !== 'SUCCESSFUL').reduce((a, [, n]) => a + n, 0)],
    ];
    for (const [kind, n] of kinds) {
      if (!n) {
        continue;
      }
      const h = (n / bucketSeconds) / max * height;
      const bar = document.createElementNS(ns, 'rect');
      bar.setAttribute('x', String(i * w + 1));
      bar.setAttribute('y', String(y - h));
      bar.setAttribute('width', String(Math.max(1, w - 2)));
      bar.setAttribute('height', String(h));
      bar.setAttribute('class', 'bar-' + kind);
      const title = document.createElementNS(ns, 'title');
      title.textContent = when(rate.from) + ': ' + n + ' ' + (kind === 'ok' ? 'SUCCESSFUL' : 'failed') + ' ('
        + (n / bucketSeconds).toFixed(1) + '/s)';
      bar.appendChild(title);
      svg.appendChild(bar);
      y -= h;
    }
  });
  const label = document.createElementNS(ns, 'text');
  label.setAttribute('x', '2');
  label.setAttribute('y', String(height + 11));
  label.setAttribute('class', 'axis');
  label.textContent = 'peak ' + max.toFixed(1) + '/s';
  svg.appendChild(label);
  td.appendChild(svg);
  return td;
}

// ---- dead letters --------------------------------------------------------------------------------------------

function deadLetterQuery() {
  const params = new URLSearchParams();
  for (const [name, id] of [['channel', 'dl-channel'], ['reason', 'dl-reason'], ['requestId', 'dl-request-id'],
    ['from', 'dl-from'], ['to', 'dl-to'], ['limit', 'dl-limit']]) {
    if ($(id).value.trim()) {
      params.set(name, $(id).value.trim());
    }
  }
  return params.toString();
}

/** The matching dead letters; the table is marked "loading" (dimmed) until they are shown. */
async function searchDeadLetters() {
  $('dl-table').classList.add('loading');
  try {
    await showDeadLetters();
  } finally {
    $('dl-table').classList.remove('loading');
  }
}

async function showDeadLetters() {
  const query = deadLetterQuery();
  $('dl-csv').href = '/console/api/dead-letters.csv' + (query ? '?' + query : '');
  const letters = await api('GET', 'dead-letters' + (query ? '?' + query : ''));
  $('dl-count').textContent = letters.length + ' dead letter' + (letters.length === 1 ? '' : 's') + ' shown';
  $('dl-payload').hidden = true;
  fill('dl-table', letters, [
    (row, l) => cell(row, when(l.LastAttemptAt)),
    (row, l) => {
      const td = cell(row, '');
      const a = document.createElement('a');
      a.href = '#request/' + encodeURIComponent(l.RequestId);
      a.textContent = l.RequestId;
      td.appendChild(a);
    },
    'ChannelType', 'Address', 'Reason',
    (row, l) => cell(row, l.StatusCode + (l.StatusMessage ? ' ' + l.StatusMessage : '')),
    'Retryable',
    (row, l) => cell(row, l.Attempts, 'num'),
    (row, l) => row.appendChild(document.createElement('td')).appendChild(button('Payload', () => {
      $('dl-payload').textContent = JSON.stringify(l, null, 2);
      $('dl-payload').hidden = false;
    })),
  ]);
}

async function replay(dryRun) {
  const command = { DryRun: dryRun };
  if ($('dl-channel').value) {
    command.Channel = $('dl-channel').value;
  }
  if ($('dl-reason').value.trim()) {
    command.Reason = $('dl-reason').value.trim();
  }
  if ($('dl-request-id').value.trim()) {
    command.RequestId = $('dl-request-id').value.trim();
  }
  command.IncludePermanent = $('dl-include-permanent').checked;
  command.Force = $('dl-force').checked;
  const answer = await api('POST', 'replay', command);
  const skipped = Object.entries(answer.SkippedBecause || {}).map(([why, n]) => n + ' ' + why).join(', ');
  $('dl-replay-result').textContent = (answer.DryRun
    ? 'Dry run: would replay ' + answer.Replayed + ' of ' + answer.Matched + ' matched; nothing was sent.'
    : 'Replayed ' + answer.Replayed + ' of ' + answer.Matched + ' matched.')
    + (answer.Skipped ? ' Skipped ' + answer.Skipped + (skipped ? ' (' + skipped + ')' : '') + '.' : '');
  $('dl-replay-result').hidden = false;
  // a replay only after a dry run of the same filters showed what it would take
  $('dl-replay').disabled = !dryRun || answer.Replayed === 0;
  if (!dryRun) {
    await searchDeadLetters();
  }
}

// ---- a request -----------------------------------------------------------------------------------------------

async function loadRequest() {
  const id = $('request-id').value.trim();
  const answer = await api('GET', 'requests?requestId=' + encodeURIComponent(id));
  fill('outcomes', answer.Outcomes || [], [
    (row, r) => cell(row, when(r.Timestamp)), 'ChannelType', 'Address', 'UserId', 'EndpointId',
    (row, r) => cell(row, r.DeliveryStatus, 'state state-' + String(r.DeliveryStatus).toLowerCase()),
    (row, r) => cell(row, r.StatusCode, 'num'), 'StatusMessage', (row, r) => cell(row, r.Attempts, 'num'),
  ]);
  fill('request-dead-letters', answer.DeadLetters || [], [
    (row, l) => cell(row, when(l.LastAttemptAt)), 'ChannelType', 'Address', 'Reason', 'Retryable',
    (row, l) => cell(row, l.Attempts, 'num'),
  ]);
}

// ---- campaigns -----------------------------------------------------------------------------------------------

async function loadCampaigns() {
  const answer = await api('POST', 'campaigns', { operation: 'list' });
  fill('campaigns', answer.Item || [], [
    'CampaignId',
    (row, c) => cell(row, c.Target && c.Target.GroupName ? 'group ' + c.Target.GroupName
      : 'users ' + ((c.Target && c.Target.UserIds) || []).join(', ')),
    (row, c) => cell(row, c.Schedule.Cron + ' ' + (c.Schedule.TimeZone || 'UTC')),
    (row, c) => cell(row, c.Enabled === false ? 'no' : 'yes'),
    (row, c) => cell(row, (c.NextFireTimes || []).map(when).join(', ') || '—'),
    (row, c) => {
      const td = cell(row, '');
      td.appendChild(button('Runs', () => showRuns(c.CampaignId)));
      td.appendChild(button(c.Enabled === false ? 'Enable' : 'Disable', () => setEnabled(c.CampaignId, c.Enabled === false)));
      td.appendChild(button('Run now', () => runNow(c.CampaignId)));
    },
  ]);
}

async function showRuns(id) {
  const campaign = await api('POST', 'campaigns', { operation: 'get', CampaignId: id });
  $('runs-of').textContent = id;
  fill('runs-table', (campaign.Runs || []), [
    (row, r) => cell(row, when(r.ScheduledFireTime)), (row, r) => cell(row, when(r.FiredAt)),
    (row, r) => {
      const td = cell(row, '');
      const a = document.createElement('a');
      a.href = '#request/' + encodeURIComponent(r.RequestId);
      a.textContent = r.RequestId;
      td.appendChild(a);
    },
    (row, r) => cell(row, r.Counts ? Object.entries(r.Counts).map(([s, n]) => n + ' ' + s).join(', ') : 'waiting for outcomes'),
  ]);
  $('runs').hidden = false;
}

/** Enable or disable: the campaign as stored, upserted with Enabled changed (push.campaigns' own upsert). */
async function setEnabled(id, enabled) {
  const campaign = await api('POST', 'campaigns', { operation: 'get', CampaignId: id });
  delete campaign.Runs;
  delete campaign.NextFireTimes;
  campaign.operation = 'upsert';
  campaign.Enabled = enabled;
  await api('POST', 'campaigns', campaign);
  $('campaign-result').textContent = id + (enabled ? ' enabled.' : ' disabled.');
  $('campaign-result').hidden = false;
  await loadCampaigns();
}

async function runNow(id) {
  const answer = await api('POST', 'campaigns', { operation: 'run-now', CampaignId: id });
  const result = $('campaign-result');
  result.replaceChildren(document.createTextNode(id + ' fired now as '));
  const a = document.createElement('a');
  a.href = '#request/' + encodeURIComponent(answer.RequestId);
  a.textContent = answer.RequestId;
  result.appendChild(a);
  result.hidden = false;
}

// ---- registry ------------------------------------------------------------------------------------------------

async function findEndpoints() {
  const by = $('endpoint-by').value;
  const value = $('endpoint-value').value.trim();
  let items;
  if (by === 'id') {
    const endpoint = await api('POST', 'endpoints', { operation: 'get', EndpointId: value });
    items = [endpoint];
  } else if (by === 'user') {
    items = (await api('POST', 'endpoints', { operation: 'list-by-user', User: { UserId: value } })).Item;
  } else {
    items = (await api('GET', 'endpoints/by-address?channel=' + encodeURIComponent($('endpoint-channel').value)
      + '&address=' + encodeURIComponent(value))).Item;
  }
  fill('endpoints', items || [], ['EndpointId', 'ChannelType', 'Address', (row, e) => cell(row, e.User && e.User.UserId),
    'EndpointStatus', 'OptOut']);
}

let groupNext = null;

async function showGroup(after) {
  const name = $('group-name').value.trim();
  const answer = await api('GET', 'groups?name=' + encodeURIComponent(name) + (after ? '&after=' + encodeURIComponent(after) : ''));
  $('group-size').textContent = answer.GroupName + ': ' + answer.ReceivingMembers + ' receiving members (ACTIVE, not opted out)';
  fill('members', answer.Members || [], ['EndpointId', 'ChannelType', 'Address', (row, e) => cell(row, e.User && e.User.UserId)]);
  groupNext = answer.Next;
  $('group-next').hidden = !groupNext;
}

// ---- start ---------------------------------------------------------------------------------------------------

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', guarded(async () => {
    await api('POST', 'login', { User: $('login-user').value, Password: $('login-password').value });
    $('login-password').value = '';
    $('login-page').hidden = true;
    route();
  }));
  $('logout').addEventListener('click', guarded(async () => {
    await api('POST', 'logout');
    showLogin();
  }));
  $('dl-filter').addEventListener('submit', guarded(searchDeadLetters));
  for (const id of ['dl-channel', 'dl-reason', 'dl-request-id', 'dl-include-permanent', 'dl-force']) {
    $(id).addEventListener('input', () => { $('dl-replay').disabled = true; });
  }
  $('dl-dry-run').addEventListener('click', guarded(() => replay(true)));
  $('dl-replay').addEventListener('click', guarded(() => replay(false)));
  $('request-form').addEventListener('submit', guarded(async () => {
    history.replaceState(null, '', '#request/' + encodeURIComponent($('request-id').value.trim()));
    await loadRequest();
  }));
  $('endpoint-form').addEventListener('submit', guarded(findEndpoints));
  $('group-form').addEventListener('submit', guarded(() => showGroup(null)));
  $('group-next').addEventListener('click', guarded(() => showGroup(groupNext)));
  window.addEventListener('hashchange', route);
  route();
});
