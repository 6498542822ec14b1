// ChannelWatch live dashboard: polls /api/availability and redraws the table in place.
// Every value that came from events is set with textContent, never innerHTML.
'use strict';

(function () {
  const CHANNELS = ['hall', 'web', 'app', 'wechat'];
  const REFRESH_MS = 5000;
  // A hung request must not stop the polling loop.
  const REQUEST_TIMEOUT_MS = 10000;

  const table = document.getElementById('availability');
  const tbody = table.querySelector('tbody');
  const updated = document.getElementById('updated');
  const banner = document.getElementById('error');
  const rows = new Map();
  let lastSuccess = null;

  function level(ratio) {
    if (typeof ratio !== 'number' || !isFinite(ratio)) return 'none';
    if (ratio >= 0.9) return 'good';
    if (ratio >= 0.5) return 'warn';
    return 'bad';
  }

  function pad(n) {
    return String(n).padStart(2, '0');
  }

  function formatTime(date) {
    return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + ' ' +
      pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function rowFor(region) {
    let row = rows.get(region.code);
    if (row) return row;
    const tr = element('tr');
    tr.dataset.region = region.code;
    const name = element('th', 'region');
    name.scope = 'row';
    name.append(element('span', 'abbr'), element('span', 'zh'), element('span', 'en'));
    tr.append(name);
    const cells = {};
    for (const channel of CHANNELS) {
      const td = element('td');
      td.dataset.channel = channel;
      cells[channel] = element('span', 'cell none', '–');
      td.append(cells[channel]);
      tr.append(td);
    }
    const windowCell = element('td', 'window', '–');
    tr.append(windowCell);
    row = { tr: tr, name: name, cells: cells, windowCell: windowCell };
    rows.set(region.code, row);
    return row;
  }

  function renderChannel(cell, channel, access) {
    const ratio = access && typeof access.okRatio === 'number' ? access.okRatio : null;
    cell.className = 'cell ' + level(ratio);
    cell.textContent = ratio === null ? '–' : (ratio * 100).toFixed(1) + ' %';
    const samples = access && typeof access.samples === 'number' ? access.samples : 0;
    const ok = access && typeof access.ok === 'number' ? access.ok : 0;
    let title = channel + ': ' + ok + ' ok / ' + samples + ' samples';
    if (access && typeof access.p95LatencyMs === 'number') {
      title += ', p95 ' + access.p95LatencyMs + ' ms';
    }
    cell.title = title;
  }

  function render(data) {
    const seen = new Set();
    for (const region of data.regions || []) {
      const row = rowFor(region);
      seen.add(region.code);
      const [abbr, zh, en] = row.name.children;
      abbr.textContent = region.abbr || '';
      zh.textContent = region.nameZh || '';
      en.textContent = region.nameEn || '';
      for (const channel of CHANNELS) {
        renderChannel(row.cells[channel], channel, region.access ? region.access[channel] : null);
      }
      const start = region.windowStart ? new Date(region.windowStart) : null;
      row.windowCell.textContent = start && !isNaN(start) ? formatTime(start) : '–';
      row.windowCell.title = region.windowStart || 'no data';
      // Appending an existing row moves it, which keeps the server's order.
      tbody.append(row.tr);
    }
    for (const [code, row] of rows) {
      if (!seen.has(code)) {
        row.tr.remove();
        rows.delete(code);
      }
    }
  }

  function showError(message) {
    banner.textContent = message;
    banner.hidden = false;
    table.classList.add('stale');
    updated.textContent = 'Last updated 最后更新: ' +
      (lastSuccess ? formatTime(lastSuccess) + ' (stale 数据已过时)' : 'never 从未');
  }

  async function fetchAvailability() {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
    try {
      let response;
      try {
        response = await fetch('api/availability', {
          cache: 'no-store',
          headers: { Accept: 'application/json' },
          signal: controller.signal
        });
      } catch (e) {
        throw new Error('Dashboard service unreachable 无法连接看板服务');
      }
      let body = null;
      try {
        body = await response.json();
      } catch (e) {
        body = null;
      }
      if (!response.ok) {
        const reason = body && typeof body.message === 'string' ? body.message : 'HTTP ' + response.status;
        throw new Error(response.status === 503 ? 'Elasticsearch unreachable 无法连接 Elasticsearch' : reason);
      }
      if (!body || !Array.isArray(body.regions)) {
        throw new Error('Unexpected answer from the dashboard service');
      }
      return body;
    } finally {
      clearTimeout(timer);
    }
  }

  async function refresh() {
    try {
      render(await fetchAvailability());
      lastSuccess = new Date();
      banner.hidden = true;
      banner.textContent = '';
      table.classList.remove('stale');
      updated.textContent = 'Last updated 最后更新: ' + formatTime(lastSuccess);
    } catch (e) {
      showError(e && e.message ? e.message : String(e));
    } finally {
      // Scheduled after each answer rather than on an interval, so requests never pile up.
      setTimeout(refresh, REFRESH_MS);
    }
  }

  refresh();
}());
