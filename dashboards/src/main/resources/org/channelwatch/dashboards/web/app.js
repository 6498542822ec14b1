// ChannelWatch live dashboard.
//
// Three views (national overview, region, item integration) behind hash routes, each polling the
// dashboard service's JSON API every few seconds and redrawing in place. The browser never talks
// to Elasticsearch.
//
// Safety rule: every value that came from events is set with textContent (or a DOM property such
// as title), never parsed as HTML. Charts render on canvas with richText tooltips, and every text
// handed to ECharts goes through plain() so that it cannot be read as rich-text markup either.
'use strict';

(function () {
  const CHANNELS = ['hall', 'web', 'app', 'wechat'];
  const SCORES = ['overall', 'reachable', 'visible', 'usable', 'doable'];
  const KEY_FACTS = ['conditions', 'materials', 'timeLimitDays', 'fee'];
  // Documents are searchable a second after they are written; polling every 2.5 s shows them
  // within the 5 s the operations centres asked for.
  const REFRESH_MS = 2500;
  const REQUEST_TIMEOUT_MS = 10000;
  const CHANNEL_COLORS = { hall: '#8e6cc2', web: '#2f7ed8', app: '#f28f43', wechat: '#2ca25f' };
  const SCORE_COLORS = {
    overall: '#1f2d3d', reachable: '#2f7ed8', visible: '#2ca25f', usable: '#f28f43', doable: '#c0392b'
  };

  // ---------------------------------------------------------------- labels (zh / en)
  const TEXT = {
    zh: {
      tagline: '政务服务渠道实时监测',
      'nav.overview': '全国概览', 'nav.region': '地区详情', 'nav.items': '事项整合',
      'overview.map': '各地区综合得分与排名', 'overview.heatmap': '最近一小时渠道可用性',
      'overview.incidents': '事件动态', 'overview.ranking': '排名与四维得分',
      'overview.rankingNote': '可达 · 可见 · 可用 · 可办，0–100 分',
      'scale.low': '低', 'scale.high': '高', noData: '无数据',
      'col.rank': '排名', 'col.region': '地区', 'col.openIncidents': '未结事件', 'col.updated': '数据时间',
      'score.overall': '综合', 'score.reachable': '可达', 'score.visible': '可见',
      'score.usable': '可用', 'score.doable': '可办',
      'scoreHint.reachable': '渠道能否访问', 'scoreHint.visible': '事项是否在线上公开',
      'scoreHint.usable': '办事指南是否完整一致', 'scoreHint.doable': '能否全程网办',
      'scoreHint.overall': '四维平均',
      'channel.hall': '实体大厅', 'channel.web': '网上大厅', 'channel.app': 'App', 'channel.wechat': '微信',
      'range.1h': '最近 1 小时', 'range.24h': '24 小时', 'range.7d': '7 天',
      'region.itemsLink': '查看事项整合', 'region.scoreTrend': '四维得分趋势',
      'region.availabilityTrend': '各渠道可用性趋势', 'region.cases': '办件情况',
      'region.incidents': '未结与近期事件', 'region.rank': '第 {0} 名', 'region.noRank': '暂无排名',
      'region.updated': '数据截至 {0}',
      'cases.onlineShare': '网上申办率', 'cases.zeroVisitRate': '零跑动率',
      'cases.submitted': '申办件数', 'cases.submittedOnline': '网上申办',
      'cases.completedOnline': '网办办结', 'cases.completedOnlineZeroVisit': '零跑动办结',
      'cases.visits': '大厅到访', 'cases.rating': '平均评价', 'cases.badRatings': '差评',
      'items.search': '搜索', 'items.searchHint': '事项编码或名称', 'items.filter': '筛选',
      'items.sort': '排序', 'items.export': '导出 CSV', 'items.code': '事项编码',
      'items.name': '事项名称', 'items.consistency': '关键要素',
      'items.count': '显示 {0} / {1} 项，{2} 项要素不一致', 'items.truncated': '（仅列出前 {0} 项）',
      'items.empty': '没有符合条件的事项', 'items.consistent': '一致', 'items.inconsistent': '不一致',
      'items.notPublished': '未发布', 'items.depth': '深度 {0}', 'items.showFacts': '对比要素',
      'items.hideFacts': '收起', 'items.fact': '要素',
      'filter.all': '全部事项', 'filter.inconsistent': '要素不一致', 'filter.partial': '未在全部渠道发布',
      'sort.code': '按事项编码', 'sort.name': '按事项名称', 'sort.inconsistent': '不一致优先',
      'sort.completeness': '完整度从低到高',
      'fact.conditions': '受理条件', 'fact.materials': '申请材料', 'fact.timeLimitDays': '承诺时限（工作日）',
      'fact.fee': '收费标准',
      'feature.unifiedAuth': '统一身份认证', 'feature.eLicense': '电子证照', 'feature.onlinePayment': '网上支付',
      'kind.service_unavailable': '服务不可用', 'kind.item_unavailable': '事项不可用',
      'kind.channel_silent': '渠道无数据', 'kind.guide_inconsistent': '指南不一致',
      'kind.offline_resubmission': '线下重复申办', 'kind.status_not_synced': '状态未同步',
      'severity.critical': '严重', 'severity.major': '重要', 'severity.minor': '一般',
      'status.open': '未结', 'status.resolved': '已恢复',
      'incident.openFor': '已持续 {0}', 'incident.lasted': '持续 {0}', 'incident.since': '开始于 {0}',
      'incident.item': '事项 {0}', 'incident.cases': '办件 {0}', 'incident.fields': '不一致要素：{0}',
      'incident.okRatio': '成功率 {0}（{1} 次）',
      'incident.counts': '未结 {0} 项', 'incident.none': '暂无事件',
      'live.updated': '实时 · {0} 更新', 'live.never': '尚未更新', 'live.stale': '数据已过时 · 最后更新 {0}',
      'error.unreachable': '无法连接看板服务', 'error.elasticsearch': '无法连接 Elasticsearch，正在重试…',
      'error.bad': '请求有误：{0}', 'error.unexpected': '看板服务返回了意外的内容',
      'tile.title': '{0}\n综合 {1} · 排名 {2}\n可达 {3} · 可见 {4} · 可用 {5} · 可办 {6}\n未结事件 {7}',
      'heat.tooltip': '{0} · {1}\n可用性 {2}\n成功 {3} / 共 {4} 次',
      'availability': '可用性', 'duration.d': '{0} 天', 'duration.h': '{0} 小时', 'duration.m': '{0} 分',
      'duration.s': '{0} 秒', 'yes': '是', 'no': '否', 'coverage': '{0} / {1} 个地区有数据'
    },
    en: {
      tagline: 'Live monitoring of government service channels',
      'nav.overview': 'National overview', 'nav.region': 'Region', 'nav.items': 'Item integration',
      'overview.map': 'Overall score and rank by region', 'overview.heatmap': 'Channel availability, last hour',
      'overview.incidents': 'Incidents', 'overview.ranking': 'Ranking and the four dimensions',
      'overview.rankingNote': 'reachable · visible · usable · doable, 0–100',
      'scale.low': 'low', 'scale.high': 'high', noData: 'no data',
      'col.rank': 'Rank', 'col.region': 'Region', 'col.openIncidents': 'Open incidents', 'col.updated': 'Data as of',
      'score.overall': 'Overall', 'score.reachable': 'Reachable', 'score.visible': 'Visible',
      'score.usable': 'Usable', 'score.doable': 'Doable',
      'scoreHint.reachable': 'can people reach the channels', 'scoreHint.visible': 'are the items listed online',
      'scoreHint.usable': 'are the guides complete and consistent', 'scoreHint.doable': 'can it be done online',
      'scoreHint.overall': 'mean of the four',
      'channel.hall': 'Hall', 'channel.web': 'Web', 'channel.app': 'App', 'channel.wechat': 'WeChat',
      'range.1h': 'Last hour', 'range.24h': '24 hours', 'range.7d': '7 days',
      'region.itemsLink': 'Item integration', 'region.scoreTrend': 'Scores over time',
      'region.availabilityTrend': 'Availability by channel', 'region.cases': 'Cases',
      'region.incidents': 'Open and recent incidents', 'region.rank': 'Rank {0}', 'region.noRank': 'not ranked',
      'region.updated': 'data as of {0}',
      'cases.onlineShare': 'Online share', 'cases.zeroVisitRate': 'Zero-visit rate',
      'cases.submitted': 'Submitted', 'cases.submittedOnline': 'Submitted online',
      'cases.completedOnline': 'Completed online', 'cases.completedOnlineZeroVisit': 'Completed with no visit',
      'cases.visits': 'Hall visits', 'cases.rating': 'Mean rating', 'cases.badRatings': 'Bad ratings',
      'items.search': 'Search', 'items.searchHint': 'item code or name', 'items.filter': 'Show',
      'items.sort': 'Sort', 'items.export': 'Export CSV', 'items.code': 'Item code',
      'items.name': 'Item name', 'items.consistency': 'Key facts',
      'items.count': '{0} of {1} items shown, {2} inconsistent', 'items.truncated': ' (first {0} only)',
      'items.empty': 'No item matches', 'items.consistent': 'consistent', 'items.inconsistent': 'inconsistent',
      'items.notPublished': 'not published', 'items.depth': 'depth {0}', 'items.showFacts': 'compare',
      'items.hideFacts': 'hide', 'items.fact': 'Key fact',
      'filter.all': 'All items', 'filter.inconsistent': 'Inconsistent', 'filter.partial': 'Not on every channel',
      'sort.code': 'By item code', 'sort.name': 'By item name', 'sort.inconsistent': 'Inconsistent first',
      'sort.completeness': 'Least complete first',
      'fact.conditions': 'Conditions', 'fact.materials': 'Materials', 'fact.timeLimitDays': 'Time limit (working days)',
      'fact.fee': 'Fee',
      'feature.unifiedAuth': 'unified login', 'feature.eLicense': 'e-licence', 'feature.onlinePayment': 'online payment',
      'kind.service_unavailable': 'Service unavailable', 'kind.item_unavailable': 'Item unavailable',
      'kind.channel_silent': 'Channel silent', 'kind.guide_inconsistent': 'Guide inconsistent',
      'kind.offline_resubmission': 'Offline resubmission', 'kind.status_not_synced': 'Status not synced',
      'severity.critical': 'critical', 'severity.major': 'major', 'severity.minor': 'minor',
      'status.open': 'open', 'status.resolved': 'resolved',
      'incident.openFor': 'open for {0}', 'incident.lasted': 'lasted {0}', 'incident.since': 'since {0}',
      'incident.item': 'item {0}', 'incident.cases': 'case {0}', 'incident.fields': 'differs in: {0}',
      'incident.okRatio': 'ok ratio {0} ({1} samples)',
      'incident.counts': '{0} open', 'incident.none': 'No incidents',
      'live.updated': 'Live · updated {0}', 'live.never': 'not updated yet', 'live.stale': 'Stale · last update {0}',
      'error.unreachable': 'Dashboard service unreachable', 'error.elasticsearch': 'Elasticsearch unreachable, retrying…',
      'error.bad': 'Bad request: {0}', 'error.unexpected': 'Unexpected answer from the dashboard service',
      'tile.title': '{0}\nOverall {1} · rank {2}\nReachable {3} · visible {4} · usable {5} · doable {6}\nOpen incidents {7}',
      'heat.tooltip': '{0} · {1}\nAvailability {2}\n{3} ok of {4}',
      'availability': 'Availability', 'duration.d': '{0}d', 'duration.h': '{0}h', 'duration.m': '{0}m',
      'duration.s': '{0}s', 'yes': 'yes', 'no': 'no', 'coverage': '{0} of {1} regions reporting'
    }
  };

  let lang = readLang();

  function readLang() {
    let stored = null;
    try { stored = window.localStorage.getItem('channelwatch.lang'); } catch (e) { stored = null; }
    if (stored === 'zh' || stored === 'en') return stored;
    return (navigator.language || 'zh').toLowerCase().startsWith('zh') ? 'zh' : 'en';
  }

  function t(key) {
    let text = TEXT[lang][key];
    if (text === undefined) text = TEXT.zh[key];
    if (text === undefined) text = key;
    for (let i = 1; i < arguments.length; i++) {
      text = text.split('{' + (i - 1) + '}').join(String(arguments[i]));
    }
    return text;
  }

  function applyLabels() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    for (const node of document.querySelectorAll('[data-i18n]')) {
      node.textContent = t(node.dataset.i18n);
    }
    for (const node of document.querySelectorAll('[data-i18n-placeholder]')) {
      node.placeholder = t(node.dataset.i18nPlaceholder);
    }
    langButton.textContent = lang === 'zh' ? 'EN' : '中文';
    fillRegionSelects();
  }

  // ---------------------------------------------------------------- small helpers
  function $(id) { return document.getElementById(id); }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  // Text for ECharts: no rich-text markup can survive, whatever the source.
  function plain(value) {
    return String(value === undefined || value === null ? '' : value)
      .replace(/[{}|]/g, function (c) { return c === '{' ? '\uff5b' : c === '}' ? '\uff5d' : '\uff5c'; });
  }

  function isNum(v) { return typeof v === 'number' && isFinite(v); }
  function score(v) { return isNum(v) ? v.toFixed(1) : '–'; }
  function pct(v, digits) { return isNum(v) ? (v * 100).toFixed(digits === undefined ? 1 : digits) + '%' : '–'; }
  function pad(n) { return String(n).padStart(2, '0'); }

  function time(iso, withDate) {
    const d = iso ? new Date(iso) : null;
    if (!d || isNaN(d)) return '–';
    const hm = pad(d.getHours()) + ':' + pad(d.getMinutes());
    return withDate ? pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + hm : hm;
  }

  function clock(d) {
    return pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  }

  function duration(seconds) {
    let s = Math.max(0, Math.floor(seconds));
    const d = Math.floor(s / 86400); s -= d * 86400;
    const h = Math.floor(s / 3600); s -= h * 3600;
    const m = Math.floor(s / 60); s -= m * 60;
    const parts = [];
    if (d) parts.push(t('duration.d', d));
    if (h && parts.length < 2) parts.push(t('duration.h', h));
    if (m && parts.length < 2 && !d) parts.push(t('duration.m', m));
    if (!parts.length) parts.push(t('duration.s', s));
    return parts.join(lang === 'zh' ? ' ' : ' ');
  }

  function shortName(region) {
    if (!region) return '';
    if (lang === 'en') return region.nameEn.length > 14 ? region.abbr : region.nameEn;
    if (region.code === '660000') return '兵团';
    return region.nameZh.replace(/(维吾尔|壮族|回族)?自治区$|省$|市$/, '');
  }

  function regionName(region) {
    return region ? (lang === 'zh' ? region.nameZh : region.nameEn) : '';
  }

  // Score colour: red below 40, through amber to green at 100.
  const STOPS = [[40, [215, 48, 39]], [55, [244, 109, 67]], [70, [253, 191, 111]], [85, [145, 207, 96]], [100, [26, 152, 80]]];
  function scoreColor(v) {
    if (!isNum(v)) return null;
    if (v <= STOPS[0][0]) return rgb(STOPS[0][1]);
    for (let i = 1; i < STOPS.length; i++) {
      if (v <= STOPS[i][0]) {
        const [a, ca] = STOPS[i - 1];
        const [b, cb] = STOPS[i];
        const f = (v - a) / (b - a);
        return rgb(ca.map(function (c, k) { return Math.round(c + (cb[k] - c) * f); }));
      }
    }
    return rgb(STOPS[STOPS.length - 1][1]);
  }
  function rgb(c) { return 'rgb(' + c[0] + ',' + c[1] + ',' + c[2] + ')'; }
  function darkText(v) { return isNum(v) && v > 58 && v < 80; }

  // ---------------------------------------------------------------- fetching
  class HttpError extends Error {
    constructor(status, message) { super(message); this.status = status; }
  }

  async function getJson(path) {
    const controller = new AbortController();
    const timer = setTimeout(function () { controller.abort(); }, REQUEST_TIMEOUT_MS);
    try {
      let response;
      try {
        response = await fetch(path, { cache: 'no-store', headers: { Accept: 'application/json' }, signal: controller.signal });
      } catch (e) {
        throw new HttpError(0, t('error.unreachable'));
      }
      let body = null;
      try { body = await response.json(); } catch (e) { body = null; }
      if (!response.ok) {
        if (response.status === 503) throw new HttpError(503, t('error.elasticsearch'));
        const reason = body && typeof body.message === 'string' ? body.message : 'HTTP ' + response.status;
        throw new HttpError(response.status, t('error.bad', reason));
      }
      if (!body || typeof body !== 'object') throw new HttpError(200, t('error.unexpected'));
      return body;
    } finally {
      clearTimeout(timer);
    }
  }

  // ---------------------------------------------------------------- state and routing
  const state = {
    view: 'overview',
    region: null,
    range: '1h',
    items: { q: '', filter: 'all', sort: 'code' },
    regions: [],
    expanded: new Set(),
    lastSuccess: null,
    generation: 0,
    timer: null,
    signatures: {}
  };

  const langButton = $('lang');
  const banner = $('error');
  const updated = $('updated');
  const live = $('live');

  function parseHash() {
    const hash = location.hash.replace(/^#\/?/, '');
    const [path, query] = hash.split('?');
    const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
    const params = new URLSearchParams(query || '');
    if (parts[0] === 'region') {
      state.view = 'region';
      if (parts[1]) state.region = parts[1];
      if (['1h', '24h', '7d'].includes(parts[2])) state.range = parts[2];
    } else if (parts[0] === 'items') {
      state.view = 'items';
      if (parts[1]) state.region = parts[1];
      state.items.q = params.get('q') || '';
      state.items.filter = params.get('filter') || 'all';
      state.items.sort = params.get('sort') || 'code';
    } else {
      state.view = 'overview';
    }
    if (!state.region && state.regions.length) state.region = state.regions[0].code;
  }

  function regionHash(code, range) {
    return '#/region/' + encodeURIComponent(code) + '/' + (range || state.range);
  }

  function itemsHash() {
    const params = new URLSearchParams();
    if (state.items.q) params.set('q', state.items.q);
    if (state.items.filter !== 'all') params.set('filter', state.items.filter);
    if (state.items.sort !== 'code') params.set('sort', state.items.sort);
    const query = params.toString();
    return '#/items/' + encodeURIComponent(state.region || '') + (query ? '?' + query : '');
  }

  function show() {
    for (const view of ['overview', 'region', 'items']) {
      $('view-' + view).hidden = state.view !== view;
      $('nav-' + view).classList.toggle('active', state.view === view);
    }
    if (state.region) {
      $('nav-region').href = regionHash(state.region);
      $('nav-items').href = '#/items/' + encodeURIComponent(state.region);
    }
    state.signatures = {};
    resizeCharts();
  }

  function onRoute() {
    parseHash();
    syncControls();
    show();
    refreshNow();
  }

  // ---------------------------------------------------------------- polling
  function refreshNow() {
    clearTimeout(state.timer);
    const generation = ++state.generation;
    refresh(generation);
  }

  async function loadRegions() {
    const body = await getJson('api/regions');
    state.regions = Array.isArray(body.regions) ? body.regions : [];
    fillRegionSelects();
    if (!state.region && state.regions.length) {
      state.region = state.regions[0].code;
      show();
    }
  }

  async function refresh(generation) {
    try {
      if (!state.regions.length) await loadRegions();
      if (state.view === 'overview') await loadOverview(generation);
      else if (state.view === 'region') await loadRegion(generation);
      else await loadItems(generation);
      if (generation !== state.generation) return;
      state.lastSuccess = new Date();
      banner.hidden = true;
      banner.textContent = '';
      document.body.classList.remove('stale');
      live.classList.remove('down');
      updated.textContent = t('live.updated', clock(state.lastSuccess));
    } catch (e) {
      if (generation !== state.generation) return;
      banner.textContent = e && e.message ? e.message : String(e);
      banner.hidden = false;
      document.body.classList.add('stale');
      live.classList.add('down');
      updated.textContent = state.lastSuccess ? t('live.stale', clock(state.lastSuccess)) : t('live.never');
    } finally {
      if (generation === state.generation) {
        // After each answer rather than on an interval, so requests never pile up.
        state.timer = setTimeout(function () { refresh(generation); }, REFRESH_MS);
      }
    }
  }

  // Redraws only when the answer changed, so a steady screen does not flicker or lose scroll.
  function changed(name, body) {
    const copy = Object.assign({}, body);
    delete copy.generatedAt;
    const signature = JSON.stringify(copy) + '|' + lang;
    if (state.signatures[name] === signature) return false;
    state.signatures[name] = signature;
    return true;
  }

  // ---------------------------------------------------------------- charts
  const charts = {};

  function chart(id) {
    if (typeof echarts === 'undefined') return null;
    if (!charts[id]) charts[id] = echarts.init($(id), null, { renderer: 'canvas' });
    return charts[id];
  }

  function resizeCharts() {
    for (const id in charts) {
      if (charts[id] && $(id).offsetParent !== null) charts[id].resize();
    }
  }

  window.addEventListener('resize', resizeCharts);

  const BASE = {
    animation: false,
    textStyle: { fontFamily: 'system-ui, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif' }
  };

  function tooltip(extra) {
    return Object.assign({ confine: true, renderMode: 'richText', backgroundColor: 'rgba(31,45,61,0.92)',
      borderWidth: 0, textStyle: { color: '#fff', fontSize: 12 } }, extra);
  }

  // ---------------------------------------------------------------- overview
  async function loadOverview(generation) {
    const [overview, incidents] = await Promise.all([getJson('api/overview'), getJson('api/incidents?limit=40')]);
    if (generation !== state.generation) return;
    if (!Array.isArray(overview.regions) || !Array.isArray(incidents.incidents)) throw new Error(t('error.unexpected'));
    if (changed('overview', overview)) {
      renderTiles(overview);
      renderHeatMap(overview);
      renderRanking(overview);
    }
    // Always redrawn: the durations move on with every answer.
    renderFeed($('incident-feed'), incidents, true);
    $('incident-counts').textContent = t('incident.counts', incidents.openCount || 0);
  }

  function renderTiles(overview) {
    const map = $('tilemap');
    const cols = Math.max.apply(null, overview.regions.map(function (r) { return r.tileCol; })) + 1;
    const rows = Math.max.apply(null, overview.regions.map(function (r) { return r.tileRow; })) + 1;
    map.style.gridTemplateColumns = 'repeat(' + cols + ', 1fr)';
    map.style.gridTemplateRows = 'repeat(' + rows + ', auto)';
    map.textContent = '';
    let reporting = 0;
    for (const region of overview.regions) {
      const s = region.scores || {};
      if (isNum(s.overall)) reporting++;
      const tile = el('a', 'tile');
      tile.setAttribute('role', 'listitem');
      tile.href = regionHash(region.code);
      tile.dataset.region = region.code;
      tile.style.gridColumn = String(region.tileCol + 1);
      tile.style.gridRow = String(region.tileRow + 1);
      const color = scoreColor(s.overall);
      if (color) tile.style.background = color; else tile.classList.add('none');
      if (darkText(s.overall)) tile.classList.add('dark');
      const name = shortName(region);
      tile.append(el('span', 'tile-name' + (name.length > 8 ? ' long' : ''), name));
      tile.append(el('span', 'tile-score', score(s.overall)));
      tile.append(el('span', 'tile-rank', isNum(region.rank) ? '#' + region.rank : ''));
      const dims = el('span', 'tile-dims');
      for (const dim of ['reachable', 'visible', 'usable', 'doable']) {
        const bar = el('span', 'dim');
        bar.style.height = (isNum(s[dim]) ? Math.max(4, s[dim]) : 0) + '%';
        dims.append(bar);
      }
      tile.append(dims);
      if (region.openIncidents > 0) tile.append(el('span', 'tile-alert', String(region.openIncidents)));
      tile.title = t('tile.title', regionName(region), score(s.overall), isNum(region.rank) ? region.rank : '–',
        score(s.reachable), score(s.visible), score(s.usable), score(s.doable), region.openIncidents || 0);
      map.append(tile);
    }
    $('data-coverage').textContent = t('coverage', reporting, overview.regions.length);
  }

  function renderHeatMap(overview) {
    const c = chart('heatmap');
    if (!c) return;
    const regions = overview.regions.slice().sort(function (a, b) {
      return (a.rank || 999) - (b.rank || 999) || a.code.localeCompare(b.code);
    }).reverse();
    const data = [];
    regions.forEach(function (region, y) {
      CHANNELS.forEach(function (channel, x) {
        const f = region.lastHour && region.lastHour[channel];
        const v = f && isNum(f.availability) ? Math.round(f.availability * 1000) / 10 : '-';
        data.push({ value: [x, y, v], ok: f ? f.ok : 0, samples: f ? f.samples : 0 });
      });
    });
    c.setOption(Object.assign({}, BASE, {
      grid: { left: 78, right: 8, top: 28, bottom: 46 },
      tooltip: tooltip({
        trigger: 'item',
        formatter: function (p) {
          const region = regions[p.value[1]];
          const channel = CHANNELS[p.value[0]];
          return plain(t('heat.tooltip', regionName(region), t('channel.' + channel),
            isNum(p.value[2]) ? p.value[2].toFixed(1) + '%' : t('noData'), p.data.ok, p.data.samples));
        }
      }),
      xAxis: { type: 'category', position: 'top', data: CHANNELS.map(function (ch) { return plain(t('channel.' + ch)); }),
        splitArea: { show: false }, axisTick: { show: false }, axisLine: { show: false },
        axisLabel: { color: '#445', fontSize: 12 } },
      yAxis: { type: 'category', data: regions.map(function (r) { return plain(shortName(r)); }),
        axisTick: { show: false }, axisLine: { show: false }, axisLabel: { color: '#445', fontSize: 11 } },
      visualMap: { type: 'continuous', min: 50, max: 100, calculable: false, orient: 'horizontal',
        left: 'center', bottom: 4, itemWidth: 10, itemHeight: 140, precision: 0, text: ['100%', '≤50%'],
        textStyle: { fontSize: 11, color: '#556' },
        inRange: { color: ['#d73027', '#f46d43', '#fdae61', '#fee08b', '#a6d96a', '#1a9850'] } },
      series: [{
        type: 'heatmap', data: data,
        itemStyle: { borderColor: '#fff', borderWidth: 1 },
        label: { show: true, fontSize: 10, color: '#1f2d3d',
          formatter: function (p) { return isNum(p.value[2]) ? p.value[2].toFixed(0) : ''; } },
        emphasis: { itemStyle: { borderColor: '#1f2d3d', borderWidth: 1 } }
      }]
    }), true);
  }

  function renderRanking(overview) {
    const tbody = $('ranking').querySelector('tbody');
    tbody.textContent = '';
    const regions = overview.regions.slice().sort(function (a, b) {
      return (a.rank || 999) - (b.rank || 999) || a.code.localeCompare(b.code);
    });
    for (const region of regions) {
      const s = region.scores || {};
      const tr = el('tr');
      tr.dataset.region = region.code;
      tr.append(el('td', 'num rank', isNum(region.rank) ? region.rank : '–'));
      const name = el('td', 'region-cell');
      const link = el('a', null, regionName(region));
      link.href = regionHash(region.code);
      name.append(link);
      tr.append(name);
      for (const key of SCORES) {
        const td = el('td', 'score-cell' + (key === 'overall' ? ' overall' : ''));
        const track = el('span', 'track');
        const bar = el('span', 'bar');
        bar.style.width = (isNum(s[key]) ? s[key] : 0) + '%';
        const color = scoreColor(s[key]);
        if (color) bar.style.background = color;
        track.append(bar);
        td.append(track, el('span', 'value', score(s[key])));
        tr.append(td);
      }
      const open = el('td', 'num' + (region.openIncidents > 0 ? ' alert' : ''), region.openIncidents || 0);
      tr.append(open);
      tr.append(el('td', 'muted', time(region.updatedAt, true)));
      tbody.append(tr);
    }
  }

  // ---------------------------------------------------------------- incident feed
  function renderFeed(list, body, withRegion) {
    list.textContent = '';
    const incidents = body.incidents || [];
    if (!incidents.length) {
      list.append(el('li', 'empty', t('incident.none')));
      return;
    }
    const now = Date.now();
    for (const incident of incidents) {
      const li = el('li', 'incident ' + (incident.status === 'open' ? 'open' : 'resolved'));
      li.dataset.id = incident.id;
      const head = el('div', 'incident-head');
      head.append(el('span', 'status', t('status.' + (incident.status === 'open' ? 'open' : 'resolved'))));
      if (incident.severity) head.append(el('span', 'severity sev-' + String(incident.severity).replace(/[^a-z]/g, ''), t('severity.' + incident.severity)));
      head.append(el('span', 'kind', incident.kind ? t('kind.' + incident.kind) : '–'));
      li.append(head);

      const where = el('div', 'incident-where');
      if (withRegion) {
        const link = el('a', 'region', lang === 'zh' ? incident.regionNameZh : incident.regionNameEn);
        if (incident.region) link.href = regionHash(incident.region);
        where.append(link);
      }
      if (incident.channel) where.append(el('span', 'channel', t('channel.' + incident.channel)));
      if (incident.itemCode) where.append(el('span', 'item', t('incident.item', incident.itemCode)));
      if (incident.caseIds && incident.caseIds.length) where.append(el('span', 'cases', t('incident.cases', incident.caseIds.join(', '))));
      li.append(where);

      const when = el('div', 'incident-when');
      const opened = incident.openedAt;
      when.append(el('span', 'duration', incident.status === 'open'
        ? t('incident.openFor', duration(incident.durationSeconds))
        : t('incident.lasted', duration(incident.durationSeconds))));
      when.append(el('span', 'since', t('incident.since', time(opened, now - Date.parse(opened) > 86400000))));
      const d = incident.details || {};
      if (isNum(d.okRatio)) when.append(el('span', 'detail', t('incident.okRatio', pct(d.okRatio, 0), d.samples || 0)));
      if (d.fields && d.fields.length) {
        when.append(el('span', 'detail', t('incident.fields', d.fields.map(function (f) { return t('fact.' + f); }).join(lang === 'zh' ? '、' : ', '))));
      }
      li.append(when);
      li.title = incident.id;
      list.append(li);
    }
  }

  // ---------------------------------------------------------------- region view
  async function loadRegion(generation) {
    if (!state.region) return;
    const code = encodeURIComponent(state.region);
    const [region, incidents] = await Promise.all([
      getJson('api/region?code=' + code + '&range=' + encodeURIComponent(state.range)),
      getJson('api/incidents?limit=30&region=' + code)
    ]);
    if (generation !== state.generation) return;
    if (!region.region || !Array.isArray(region.series)) throw new Error(t('error.unexpected'));
    if (changed('region', region)) renderRegion(region);
    renderFeed($('region-incidents'), incidents, false);
  }

  function renderRegion(body) {
    const region = body.region;
    const s = region.scores || {};
    $('region-title').textContent = regionName(region);
    $('region-rank').textContent = isNum(region.rank) ? t('region.rank', region.rank) : t('region.noRank');
    $('region-updated').textContent = region.updatedAt ? t('region.updated', time(region.updatedAt, true)) : t('noData');
    $('region-items-link').href = '#/items/' + encodeURIComponent(region.code);

    const cards = $('region-cards');
    cards.textContent = '';
    for (const key of SCORES) {
      const card = el('div', 'card' + (key === 'overall' ? ' overall' : ''));
      card.dataset.score = key;
      const color = scoreColor(s[key]);
      if (color) card.style.borderTopColor = color;
      card.append(el('span', 'card-label', t('score.' + key)));
      card.append(el('span', 'card-value', score(s[key])));
      card.append(el('span', 'card-hint', t('scoreHint.' + key)));
      cards.append(card);
    }

    const withDate = body.range === '7d';
    const times = body.series.map(function (p) { return Date.parse(p.t); });
    const axis = {
      type: 'time', min: Date.parse(body.from), max: Date.parse(body.to),
      axisLabel: { color: '#556', hideOverlap: true, formatter: function (v) { return time(new Date(v).toISOString(), withDate); } },
      splitLine: { show: false }
    };
    function lineTooltip(unit) {
      return tooltip({
        trigger: 'axis',
        formatter: function (params) {
          const list = Array.isArray(params) ? params : [params];
          if (!list.length) return '';
          const lines = [plain(time(new Date(list[0].value[0]).toISOString(), true))];
          for (const p of list) {
            lines.push(p.marker + plain(p.seriesName) + ': ' + (isNum(p.value[1]) ? p.value[1].toFixed(1) + unit : '–'));
          }
          return lines.join('\n');
        }
      });
    }
    // A lone point between gaps draws no line; show symbols while data is sparse.
    function line(series) {
      const points = series.data.filter(function (p) { return isNum(p[1]); }).length;
      return Object.assign({ type: 'line', connectNulls: false, showSymbol: points < 30, symbolSize: 4 }, series);
    }
    const legend = { top: 0, textStyle: { color: '#445' }, itemWidth: 14, itemHeight: 8 };
    const grid = { left: 44, right: 16, top: 34, bottom: 28 };

    const scores = chart('chart-scores');
    if (scores) {
      scores.setOption(Object.assign({}, BASE, {
        legend: legend, grid: grid, tooltip: lineTooltip(''), xAxis: axis,
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: '#556' } },
        series: SCORES.map(function (key) {
          return line({
            name: plain(t('score.' + key)),
            lineStyle: { width: key === 'overall' ? 3 : 1.5 },
            color: SCORE_COLORS[key],
            data: body.series.map(function (p, i) { return [times[i], p.scores[key]]; })
          });
        })
      }), true);
    }

    const availability = chart('chart-availability');
    if (availability) {
      availability.setOption(Object.assign({}, BASE, {
        legend: legend, grid: grid, tooltip: lineTooltip('%'), xAxis: axis,
        yAxis: { type: 'value', min: 0, max: 100, axisLabel: { color: '#556', formatter: '{value}%' } },
        series: CHANNELS.map(function (channel) {
          return line({
            name: plain(t('channel.' + channel)),
            color: CHANNEL_COLORS[channel], lineStyle: { width: 1.8 },
            data: body.series.map(function (p, i) {
              const v = p.availability[channel];
              return [times[i], isNum(v) ? Math.round(v * 1000) / 10 : null];
            })
          });
        })
      }), true);
    }

    const totals = body.totals || {};
    const cases = totals.cases || {};
    const figures = $('case-figures');
    figures.textContent = '';
    function figure(key, value, className) {
      const div = el('div', 'figure' + (className ? ' ' + className : ''));
      div.dataset.figure = key;
      div.append(el('dt', null, t(key)), el('dd', null, value));
      figures.append(div);
    }
    figure('cases.onlineShare', pct(cases.onlineShare), 'big');
    figure('cases.zeroVisitRate', pct(cases.zeroVisitRate), 'big');
    figure('cases.submitted', cases.submitted || 0);
    figure('cases.submittedOnline', cases.submittedOnline || 0);
    figure('cases.completedOnline', cases.completedOnline || 0);
    figure('cases.completedOnlineZeroVisit', cases.completedOnlineZeroVisit || 0);
    figure('cases.visits', totals.visits || 0);
    const ratings = totals.ratings || {};
    figure('cases.rating', isNum(ratings.mean) ? ratings.mean.toFixed(2) + ' / 5' : '–');

    const caseChart = chart('chart-cases');
    if (caseChart) {
      caseChart.setOption(Object.assign({}, BASE, {
        legend: legend, grid: { left: 44, right: 44, top: 34, bottom: 28 }, tooltip: lineTooltip(''), xAxis: axis,
        yAxis: [
          { type: 'value', min: 0, max: 100, axisLabel: { color: '#556', formatter: '{value}%' } },
          { type: 'value', min: 0, splitLine: { show: false }, axisLabel: { color: '#556' } }
        ],
        series: [
          { name: plain(t('cases.submitted')), type: 'bar', yAxisIndex: 1, color: '#c9d6e8', barMaxWidth: 10,
            data: body.series.map(function (p, i) { return [times[i], p.cases.submitted]; }) },
          line({ name: plain(t('cases.onlineShare')), color: '#2f7ed8',
            data: body.series.map(function (p, i) { return [times[i], isNum(p.cases.onlineShare) ? p.cases.onlineShare * 100 : null]; }) }),
          line({ name: plain(t('cases.zeroVisitRate')), color: '#2ca25f',
            data: body.series.map(function (p, i) { return [times[i], isNum(p.cases.zeroVisitRate) ? p.cases.zeroVisitRate * 100 : null]; }) })
        ]
      }), true);
    }
  }

  // ---------------------------------------------------------------- item integration view
  function itemsQuery() {
    const params = new URLSearchParams();
    params.set('region', state.region || '');
    if (state.items.q) params.set('q', state.items.q);
    params.set('filter', state.items.filter);
    params.set('sort', state.items.sort);
    return params;
  }

  async function loadItems(generation) {
    if (!state.region) return;
    const params = itemsQuery();
    const csv = new URLSearchParams(params);
    csv.set('lang', lang);
    $('items-csv').href = 'api/items.csv?' + csv.toString();
    const body = await getJson('api/items?' + params.toString());
    if (generation !== state.generation) return;
    if (!Array.isArray(body.items)) throw new Error(t('error.unexpected'));
    if (changed('items', body)) renderItems(body);
  }

  function factText(value) {
    if (value === null || value === undefined) return '–';
    if (Array.isArray(value)) return value.length ? value.join(lang === 'zh' ? '；' : '; ') : '–';
    return String(value);
  }

  function renderItems(body) {
    let count = t('items.count', body.shown, body.total, body.inconsistent);
    if (body.truncated) count += t('items.truncated', body.total);
    $('items-count').textContent = count;
    const tbody = $('items-table').querySelector('tbody');
    tbody.textContent = '';
    $('items-empty').hidden = body.items.length > 0;
    $('items-empty').textContent = t('items.empty');
    for (const item of body.items) {
      const differing = new Set(item.differingFields || []);
      const tr = el('tr', 'item-row' + (item.consistent ? '' : ' inconsistent'));
      tr.dataset.item = item.itemCode;
      tr.append(el('td', 'code', item.itemCode));
      tr.append(el('td', 'item-name', item.itemName === null ? '–' : item.itemName));
      const status = el('td', 'consistency');
      status.append(el('span', 'badge ' + (item.consistent ? 'ok' : 'bad'), t(item.consistent ? 'items.consistent' : 'items.inconsistent')));
      const toggle = el('button', 'link');
      toggle.type = 'button';
      status.append(toggle);
      tr.append(status);
      for (const channel of CHANNELS) {
        const listing = item.channels[channel] || {};
        const td = el('td', 'listing ' + (listing.published ? 'published' : 'absent'));
        td.dataset.channel = channel;
        if (listing.published) {
          td.append(el('span', 'depth', t('items.depth', isNum(listing.depth) ? listing.depth : '–')));
          td.append(el('span', 'completeness', pct(listing.completeness, 0)));
          const features = listing.features || {};
          const names = ['unifiedAuth', 'eLicense', 'onlinePayment'].filter(function (f) { return features[f]; })
            .map(function (f) { return t('feature.' + f); });
          if (names.length) td.title = names.join(', ');
          if (listing.itemName !== null && listing.itemName !== item.itemName) {
            td.append(el('span', 'alt-name', listing.itemName));
          }
        } else {
          td.append(el('span', 'muted', t('items.notPublished')));
        }
        tr.append(td);
      }
      tbody.append(tr);

      // The key facts side by side, differing ones highlighted; open for inconsistent items.
      const facts = el('tr', 'facts-row');
      facts.dataset.item = item.itemCode;
      const open = item.consistent ? state.expanded.has(item.itemCode) : !state.expanded.has('!' + item.itemCode);
      facts.hidden = !open;
      toggle.textContent = t(open ? 'items.hideFacts' : 'items.showFacts');
      const cell = el('td');
      cell.colSpan = 3 + CHANNELS.length;
      const table = el('table', 'facts');
      const head = el('tr');
      head.append(el('th', null, t('items.fact')));
      for (const channel of CHANNELS) head.append(el('th', null, t('channel.' + channel)));
      table.append(head);
      for (const fact of KEY_FACTS) {
        const row = el('tr', differing.has(fact) ? 'differs' : '');
        row.dataset.fact = fact;
        row.append(el('th', null, t('fact.' + fact)));
        for (const channel of CHANNELS) {
          const listing = item.channels[channel] || {};
          const value = listing.published && listing.keyFacts ? listing.keyFacts[fact] : undefined;
          row.append(el('td', listing.published ? '' : 'muted', listing.published ? factText(value) : t('items.notPublished')));
        }
        table.append(row);
      }
      cell.append(table);
      facts.append(cell);
      tbody.append(facts);

      toggle.addEventListener('click', function () {
        const nowOpen = facts.hidden;
        facts.hidden = !nowOpen;
        toggle.textContent = t(nowOpen ? 'items.hideFacts' : 'items.showFacts');
        if (item.consistent) {
          if (nowOpen) state.expanded.add(item.itemCode); else state.expanded.delete(item.itemCode);
        } else {
          if (nowOpen) state.expanded.delete('!' + item.itemCode); else state.expanded.add('!' + item.itemCode);
        }
      });
    }
  }

  // ---------------------------------------------------------------- controls
  function fillRegionSelects() {
    for (const id of ['region-select', 'items-region']) {
      const select = $(id);
      const current = state.region;
      select.textContent = '';
      for (const region of state.regions) {
        const option = el('option', null, regionName(region));
        option.value = region.code;
        select.append(option);
      }
      if (current) select.value = current;
    }
  }

  function syncControls() {
    if (state.region) {
      $('region-select').value = state.region;
      $('items-region').value = state.region;
    }
    for (const button of document.querySelectorAll('#range-buttons button')) {
      button.classList.toggle('active', button.dataset.range === state.range);
      button.setAttribute('aria-pressed', String(button.dataset.range === state.range));
    }
    if (document.activeElement !== $('items-q')) $('items-q').value = state.items.q;
    $('items-filter').value = state.items.filter;
    $('items-sort').value = state.items.sort;
  }

  function wire() {
    langButton.addEventListener('click', function () {
      lang = lang === 'zh' ? 'en' : 'zh';
      try { window.localStorage.setItem('channelwatch.lang', lang); } catch (e) { /* private mode */ }
      applyLabels();
      syncControls();
      state.signatures = {};
      refreshNow();
    });
    $('region-select').addEventListener('change', function (e) {
      location.hash = regionHash(e.target.value);
    });
    for (const button of document.querySelectorAll('#range-buttons button')) {
      button.addEventListener('click', function () {
        location.hash = regionHash(state.region, button.dataset.range);
      });
    }
    $('items-region').addEventListener('change', function (e) {
      state.region = e.target.value;
      state.expanded.clear();
      location.hash = itemsHash();
    });
    let typing = null;
    $('items-q').addEventListener('input', function (e) {
      clearTimeout(typing);
      typing = setTimeout(function () {
        state.items.q = e.target.value.trim();
        history.replaceState(null, '', itemsHash());
        refreshNow();
      }, 250);
    });
    $('items-filter').addEventListener('change', function (e) {
      state.items.filter = e.target.value;
      location.hash = itemsHash();
    });
    $('items-sort').addEventListener('change', function (e) {
      state.items.sort = e.target.value;
      location.hash = itemsHash();
    });
    window.addEventListener('hashchange', onRoute);
  }

  async function start() {
    wire();
    applyLabels();
    try {
      await loadRegions();
    } catch (e) {
      // The first refresh reports it, and tries again.
    }
    onRoute();
  }

  start();
}());
