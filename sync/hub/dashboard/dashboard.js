/* dashboard.js - the hub's live dashboard. It reads the live counts stream
 * (GET /api/v1/counts/stream, docs/sync-protocol.md) with a read token and draws the totals,
 * rooms and sessions against capacity, kiosks and their health, a timeline of venue entries
 * and the breakdowns by group. No library and no other origin: the venue network may have no
 * internet, and the page's Content-Security-Policy allows nothing else. */
'use strict';

(function () {
  var TOKEN_KEY = 'lanyard.dashboard.token';
  var NEAR_FULL = 0.9;                   /* a room or session this full is marked */
  var KIOSK_LATE_MS = 60 * 1000;         /* a syncing kiosk calls at least every 25 s */
  var KIOSK_OFFLINE_MS = 5 * 60 * 1000;
  var RETRY_MIN_MS = 1000;               /* reconnecting: 1 s doubling to 30 s, +-50 % */
  var RETRY_MAX_MS = 30 * 1000;
  var CONNECT_TIMEOUT_MS = 10 * 1000;    /* a stream sends its first counts at once */
  var QUIET_MS = 45 * 1000;              /* a dead link says nothing: ask again after this */
  var PROBE_TIMEOUT_MS = 5 * 1000;
  var TICK_MS = 15 * 60 * 1000;          /* the timeline's interval */
  var TIMELINE_TICKS = 48;               /* the last 12 hours at most */
  var TIMELINE_MIN_TICKS = 16;           /* and 4 hours at least */
  var PHONE_ROWS = 12;                   /* rows per list when the page scrolls */
  var WIDE_ROWS_MAX = 30;                /* more than fit any screen; fit() cuts the rest */
  var wide = window.matchMedia('(min-width: 1100px)');

  var token = takeToken();
  var labels = {stakeholder: {}, region: {}, session_type: {}, country: {}};
  var last = null;       /* the latest counts */
  var lastAt = 0;        /* this browser's clock when they came */
  var skewMs = 0;        /* the hub's clock minus this browser's */
  var stream = null;     /* the AbortController of the open counts stream */
  var retryMs = RETRY_MIN_MS;
  var retryTimer = 0;
  var connectTimer = 0;
  var lastEventAt = 0;
  var live = false;
  var nf = new Intl.NumberFormat('en');

  function $(id) { return document.getElementById(id); }

  /* The token comes once in the address's fragment (#token=lyr_...), which a browser never
   * sends: it stays out of the hub's and any proxy's request logs and out of referrers. It is
   * kept for this tab and leaves the address bar (and so the history, bookmarks and a photo of
   * the screen). Requests carry it in an Authorization header, never in a URL. An old link's
   * ?token= is taken too, and removed. */
  function takeToken() {
    var frag = new URLSearchParams(location.hash.replace(/^#/, ''));
    var params = new URLSearchParams(location.search);
    var t = frag.get('token') || params.get('token');
    if (t) {
      try { sessionStorage.setItem(TOKEN_KEY, t); } catch (e) { /* private mode: this load only */ }
      params.delete('token');
      frag.delete('token');
      var q = params.toString(), h = frag.toString();
      history.replaceState(null, '', location.pathname + (q ? '?' + q : '') + (h ? '#' + h : ''));
      return t;
    }
    try { return sessionStorage.getItem(TOKEN_KEY); } catch (e) { return null; }
  }

  function api(path, signal) {
    return fetch('/api/v1/' + path, {
      cache: 'no-store', signal: signal, referrerPolicy: 'no-referrer',
      headers: {'Authorization': 'Bearer ' + token}
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function num(n) { return nf.format(n); }
  function pad(n) { return (n < 10 ? '0' : '') + n; }
  function hubNow() { return Date.now() + skewMs; }
  function offsetMs() { return last && last.utc_offset_min ? last.utc_offset_min * 60000 : 0; }

  /* A time of day in the event's time zone. */
  function clock(ms, seconds) {
    var d = new Date(ms + offsetMs());
    return pad(d.getUTCHours()) + ':' + pad(d.getUTCMinutes()) +
      (seconds ? ':' + pad(d.getUTCSeconds()) : '');
  }

  function ago(ms) {
    var s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return s + ' s';
    var m = Math.floor(s / 60);
    if (m < 60) return m + ' min';
    var h = Math.floor(m / 60);
    if (h < 48) return h + ' h' + (m % 60 ? ' ' + (m % 60) + ' min' : '');
    return Math.floor(h / 24) + ' days';
  }

  function label(kind, key) {
    if (!key) return 'Not stated';
    var l = labels[kind][key];
    if (l) return l;
    var s = String(key).replace(/_/g, ' ');
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  /* ---- connection */

  function setStatus(kind, text) {
    var s = $('status');
    s.className = 'status ' + kind;
    s.textContent = text;
    live = kind === 'live';
    document.body.classList.toggle('stale', !live);
    showUpdated();
  }

  function notice(text) {
    var n = $('notice');
    n.hidden = !text;
    n.textContent = text || '';
  }

  function showUpdated() {
    var u = $('updated');
    if (!lastAt) { u.textContent = ''; return; }
    u.textContent = live ? 'updated ' + clock(lastAt + skewMs, true)
      : 'last update ' + clock(lastAt + skewMs, true) + ', ' + ago(Date.now() - lastAt) + ' ago';
  }

  /* The counts stream, read with fetch (an EventSource cannot send an Authorization header):
   * Server-Sent Events split at blank lines, the data of each "counts" event handed on. */
  function connect() {
    clearTimeout(retryTimer);
    clearTimeout(connectTimer);
    if (stream) stream.abort();
    var ctl = new AbortController();
    stream = ctl;
    var opened = Date.now();
    lastEventAt = opened;
    var ended = function () { if (stream === ctl) lost(); };
    api('counts/stream', ctl.signal).then(function (r) {
      if (!r.ok || !r.body) { ended(); return; }
      var reader = r.body.getReader(), dec = new TextDecoder(), buf = '';
      var pump = function () {
        return reader.read().then(function (x) {
          if (x.done) { ended(); return; }
          buf += dec.decode(x.value, {stream: true}).replace(/\r\n?/g, '\n');
          var cut;
          while ((cut = buf.indexOf('\n\n')) >= 0) {
            sseEvent(buf.slice(0, cut));
            buf = buf.slice(cut + 2);
          }
          if (buf.length > 4 * 1024 * 1024) { ctl.abort(); ended(); return; } /* no event ends */
          return pump();
        });
      };
      return pump();
    }).catch(ended);
    connectTimer = setTimeout(function () {
      if (lastEventAt === opened) lost(); /* no first event: the hub is not answering */
    }, CONNECT_TIMEOUT_MS);
  }

  function sseEvent(block) {
    var type = 'message', data = [];
    block.split('\n').forEach(function (line) {
      if (line.indexOf('event:') === 0) type = line.slice(6).trim();
      else if (line.indexOf('data:') === 0) data.push(line.slice(5).replace(/^ /, ''));
    });
    if (type === 'counts' && data.length) onCounts(data.join('\n'));
  }

  function onCounts(text) {
    var d;
    try { d = JSON.parse(text); } catch (x) { return; }
    lastEventAt = Date.now();
    retryMs = RETRY_MIN_MS;
    clearTimeout(connectTimer);
    notice(null);
    setStatus('live', 'Live');
    accept(d);
  }

  /* The stream ended or failed: ask for the counts once, to tell a refused token from a hub
   * that is away, then try the stream again after a backoff. */
  function lost() {
    clearTimeout(connectTimer);
    if (stream) { var old = stream; stream = null; old.abort(); }
    setStatus('reconnecting', 'Reconnecting…');
    var ctl = new AbortController();
    var t = setTimeout(function () { ctl.abort(); }, PROBE_TIMEOUT_MS);
    api('counts', ctl.signal).then(function (r) {
      clearTimeout(t);
      if (r.status === 401 || r.status === 403) {
        setStatus('refused', 'Token refused');
        notice('The hub does not accept this read token (revoked or mistyped). Make one with ' +
          '`lanyard read-token --db HUB.db --label projector` and open /dashboard/#token=lyr_…');
        return;
      }
      if (r.ok) r.json().then(accept, function () {});
      retry();
    }, function () {
      clearTimeout(t);
      retry();
    });
  }

  function retry() {
    clearTimeout(retryTimer);
    var wait = retryMs * (0.5 + Math.random());
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    retryTimer = setTimeout(connect, wait);
  }

  /* ---- drawing */

  function accept(d) {
    if (!d || typeof d.onsite_unique !== 'number') return;
    last = d;
    lastAt = Date.now();
    if (typeof d.generated_ms === 'number') skewMs = d.generated_ms - lastAt;
    render();
  }

  function render() {
    var d = last;
    if (!d) return;
    if (d.event) {
      $('event').textContent = d.event;
      document.title = d.event + ' · live counts';
    }
    var today = 0;
    (d.days || []).forEach(function (x) { if (x.day === d.today) today = x.onsite_unique; });
    $('onsite-today').textContent = num(today);
    $('onsite').textContent = num(d.onsite_unique);
    $('inside').textContent = num(d.inside_now || 0);
    $('countries').textContent = num(d.countries || 0);
    fit([
      rooms(d),
      sessions(d),
      kiosks(d),
      groups('by-stakeholder', d.by_stakeholder, 'stakeholder', 'stakeholder', d.onsite_unique),
      groups('by-region', d.by_region, 'region', 'region', d.onsite_unique),
      groups('by-country', d.by_country, 'country', 'country', d.onsite_unique),
      types(d.by_session_type || []),
    ]);
    timeline(d.timeline || []);
    showUpdated();
  }

  /* Puts the rows of items (best first, made by row(item)) into list, and below them one line
   * that tells what is left out (more(count, first left out)). Returns what fit() needs to cut
   * the list to the rows that fit a wide screen (a projector cannot scroll), or null. */
  function fill(list, items, row, more, empty) {
    list.textContent = '';
    if (!items.length) {
      list.appendChild(el('li', 'empty', empty));
      return null;
    }
    var n = Math.min(items.length, wide.matches ? WIDE_ROWS_MAX : PHONE_ROWS);
    var rows = [];
    for (var i = 0; i < n; i++) rows.push(list.appendChild(row(items[i])));
    var moreLi = list.appendChild(el('li', 'more', n < items.length ? more(items.length - n, n) : '+ 1 more'));
    if (n === items.length && !wide.matches) list.removeChild(moreLi);
    return wide.matches ? {list: list, rows: rows, total: items.length, more: more, moreLi: moreLi} : null;
  }

  /* Cuts each filled list to the rows that fit: every list is measured first and cut after,
   * so that the page is laid out once, not once per row. */
  function fit(jobs) {
    jobs = jobs.filter(Boolean);
    jobs.forEach(function (j) {
      j.limit = j.list.getBoundingClientRect().top + j.list.clientHeight;
      j.moreH = j.moreLi.getBoundingClientRect().height;
      j.bottoms = j.rows.map(function (r) { return r.getBoundingClientRect().bottom; });
    });
    jobs.forEach(function (j) {
      var k = j.rows.length;
      while (k > 1 && j.bottoms[k - 1] + (k < j.total ? j.moreH : 0) > j.limit + 0.5) k--;
      for (var i = k; i < j.rows.length; i++) j.list.removeChild(j.rows[i]);
      if (k < j.total) j.moreLi.textContent = j.more(j.total - k, k);
      else j.list.removeChild(j.moreLi);
    });
  }

  /* a fill level: 89.6 % is not yet "90 %" */
  function pct(r) { return Math.floor(r * 100) + '%'; }
  function share(r) { return r > 0 && r < 0.005 ? '<1%' : Math.round(r * 100) + '%'; }

  /* One row of a place against its capacity: a bar with a line at 90 %, the numbers, and
   * words and glyphs for "nearly full" and "full" (never colour alone). */
  function capacityRow(name, sub, inside, capacity, away) {
    var r = capacity > 0 ? inside / capacity : 0;
    var state = capacity <= 0 ? 'unknown' : r >= 1 ? 'full' : r >= NEAR_FULL ? 'near' : 'ok';
    var li = el('li', 'row cap ' + state);
    var head = el('div', 'head');
    var name_ = el('span', 'name', name);
    name_.title = name;
    head.appendChild(name_);
    var right = el('span', 'right');
    if (state === 'full') right.appendChild(el('span', 'mark', (r > 1 ? 'OVER ' : 'FULL ') + pct(r)));
    else if (state === 'near') right.appendChild(el('span', 'mark', 'NEARLY FULL ' + pct(r)));
    else if (state === 'ok') right.appendChild(el('span', 'share', pct(r)));
    var fig = el('span', 'fig');
    fig.appendChild(el('b', null, num(inside)));
    fig.appendChild(document.createTextNode(capacity > 0 ? ' / ' + num(capacity) : ' inside'));
    right.appendChild(fig);
    head.appendChild(right);
    li.appendChild(head);
    var line = el('div', 'line');
    if (capacity > 0) {
      var track = el('div', 'track');
      var bar = el('div', 'fill');
      bar.style.width = Math.min(100, r * 100).toFixed(1) + '%';
      track.appendChild(bar);
      track.appendChild(el('div', 'tick'));
      line.appendChild(track);
    }
    if (sub) {
      var s = el('div', 'sub', sub);
      s.title = sub;
      line.appendChild(s);
    }
    if (line.firstChild) li.appendChild(line);
    if (state === 'full' && away) li.appendChild(awayLine(away));
    li.dataset.ratio = r.toFixed(4);
    return li;
  }

  /* Where to send people when a session is full: its overflow room and where that is, and its
   * online link (the same as its door's kiosk says). */
  function awayLine(s) {
    var div = el('div', 'away');
    if (s.overflow) {
      div.appendChild(document.createTextNode('\u2192 '));
      div.appendChild(el('b', 'overflow', s.overflow));
      if (s.overflow_location) div.appendChild(document.createTextNode(' (' + s.overflow_location + ')'));
    }
    if (s.online_url) {
      if (s.overflow) div.appendChild(document.createTextNode(' \u00b7 '));
      div.appendChild(document.createTextNode('online: '));
      div.appendChild(el('span', 'link', s.online_url));
    }
    div.title = div.textContent;
    return div;
  }

  /* The hub's local time at the counts, "YYYY-MM-DDTHH:MM" as sessions give theirs. */
  function localNow(d) {
    var t = (d.generated_ms || Date.now()) + (d.utc_offset_min || 0) * 60000;
    return new Date(t).toISOString().slice(0, 16);
  }

  /* The session on now in each room (by the room's name), with somewhere to send people. */
  function awayByRoom(d) {
    var now = localNow(d), out = {};
    (d.sessions || []).forEach(function (s) {
      if ((s.overflow || s.online_url) && s.starts <= now && now < (s.ends || '')) out[s.room] = s;
    });
    return out;
  }

  function byFill(a, b) {
    return b.r - a.r || b.inside - a.inside || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
  }

  function rooms(d) {
    var away = awayByRoom(d);
    var list = (d.places || []).filter(function (p) {
      return p.place !== 'venue' && p.inside > 0;
    }).map(function (p) {
      return {name: p.name, inside: p.inside, capacity: p.capacity,
        r: p.capacity > 0 ? p.inside / p.capacity : 0};
    }).sort(byFill);
    return fill($('rooms'), list, function (p) {
      return capacityRow(p.name, null, p.inside, p.capacity, away[p.name]);
    }, function (n, shown) {
      return '+ ' + n + ' more occupied room' + (n > 1 ? 's' : '') + ', up to ' +
        pct(list[shown].r) + ' full';
    }, 'Nobody is in a room right now.');
  }

  function sessions(d) {
    var roomCap = {};
    (d.places || []).forEach(function (p) { roomCap[p.name] = p.capacity; });
    var list = (d.sessions || []).filter(function (s) { return s.inside > 0; }).map(function (s) {
      var cap = s.capacity > 0 ? s.capacity : roomCap[s.room] || 0;
      return {name: s.title || s.session, inside: s.inside, capacity: cap, s: s,
        r: cap > 0 ? s.inside / cap : 0};
    }).sort(byFill);
    return fill($('sessions'), list, function (x) {
      var when = x.s.starts && x.s.starts.length >= 16 ? x.s.starts.slice(11, 16) : '';
      var sub = [x.s.room, when, label('session_type', x.s.type)].filter(Boolean).join(' · ');
      return capacityRow(x.name, sub, x.inside, x.capacity,
        x.s.overflow || x.s.online_url ? x.s : null);
    }, function (n) {
      return '+ ' + n + ' more session' + (n > 1 ? 's' : '') + ' with people inside';
    }, 'No session has anyone inside right now.');
  }

  function kioskState(k, now) {
    if (k.revoked) return {rank: 4, cls: 'revoked', word: 'Revoked'};
    if (!k.last_contact_ms) return {rank: 2, cls: 'never', word: 'Never seen'};
    var age = now - k.last_contact_ms;
    if (age > KIOSK_OFFLINE_MS) return {rank: 0, cls: 'offline', word: 'Offline', age: age};
    if (age > KIOSK_LATE_MS) return {rank: 1, cls: 'late', word: 'Late', age: age};
    return {rank: 3, cls: 'online', word: 'Online', age: age};
  }

  function kiosks(d) {
    var now = live ? hubNow() : lastAt + skewMs; /* away, the page knows no newer contact */
    var tally = {online: 0, late: 0, offline: 0, never: 0, revoked: 0};
    var list = (d.kiosks || []).map(function (k) {
      var st = kioskState(k, now);
      tally[st.cls]++;
      return {k: k, st: st};
    }).sort(function (a, b) {
      return a.st.rank - b.st.rank || (a.st.rank < 2 ? (b.st.age || 0) - (a.st.age || 0) : 0) ||
        (a.k.name < b.k.name ? -1 : a.k.name > b.k.name ? 1 : 0);
    });
    var summary = [];
    ['online', 'late', 'offline', 'never', 'revoked'].forEach(function (c) {
      if (tally[c]) summary.push(tally[c] + ' ' + (c === 'never' ? 'never seen' : c));
    });
    $('kiosks-summary').textContent = summary.join(' · ');
    return fill($('kiosks'), list, function (x) { return kioskRow(x.k, x.st); }, function (n, shown) {
      var rest = list.slice(shown);
      var ok = rest.every(function (x) { return x.st.cls === 'online' || x.st.cls === 'revoked'; });
      return '+ ' + n + ' more kiosk' + (n > 1 ? 's' : '') + (ok ? ', all online' : '');
    }, 'No kiosk is enrolled yet.');
  }

  function kioskRow(k, st) {
    var li = el('li', 'row kiosk ' + st.cls);
    var head = el('div', 'head');
    head.appendChild(el('span', 'badge', st.word));
    var name = el('span', 'name', k.name);
    name.title = k.name + (k.gate ? ' (' + k.gate + ')' : '');
    head.appendChild(name);
    head.appendChild(el('span', 'fig', st.age !== undefined ? ago(st.age) + ' ago' : ''));
    li.appendChild(head);
    var denied = 0, reasons = [];
    Object.keys(k.denied || {}).forEach(function (r) {
      denied += k.denied[r];
      reasons.push(r.replace(/_/g, ' ') + ' ' + num(k.denied[r]));
    });
    var sub = el('div', 'sub');
    var q = el('span', k.queue > 0 ? 'queue pending' : 'queue', 'queue ' + num(k.queue || 0));
    sub.appendChild(q);
    sub.appendChild(document.createTextNode(' · ' + num(k.scans) + ' scans · ' + num(k.granted) +
      ' granted · ' + num(denied) + ' denied' + (reasons.length ? ' (' + reasons.join(', ') + ')' : '')));
    sub.title = (k.gate ? 'gate ' + k.gate + ' · ' : '') + sub.textContent;
    li.appendChild(sub);
    var health = healthLine(k);
    if (health) li.appendChild(health);
    return li;
  }

  /* The kiosk's last health report (docs/sync-protocol.md "health"): temperature, disk, memory,
   * uptime, camera, printer and version; nothing before its first report. */
  function healthLine(k) {
    var h = k.health;
    if (!k.health_ms || !h) return null;
    var mb = function (v) { return v >= 10240 ? num(Math.round(v / 1024)) + ' GB' : num(v) + ' MB'; };
    var parts = [];
    if (h.temp_known) parts.push((h.temp_mc / 1000).toFixed(1) + ' °C');
    parts.push('disk ' + mb(h.disk_free_mb) + ' free');
    parts.push('memory ' + mb(h.mem_avail_mb) + ' free');
    parts.push('up ' + ago(h.uptime_s * 1000));
    parts.push(h.camera_online ? 'camera ' + (h.camera_fps_x10 / 10).toFixed(1) + ' fps' : 'camera offline');
    parts.push('printer ' + (h.printer || '?'));
    parts.push('v' + (h.version || '?'));
    var warn = (h.temp_known && h.temp_mc >= 80000) || !h.camera_online ||
      (h.disk_total_mb > 0 && h.disk_free_mb * 10 < h.disk_total_mb);
    var line = el('div', warn ? 'sub health warn' : 'sub health', parts.join(' · '));
    line.title = 'health reported ' + ago(hubNow() - k.health_ms) + ' ago';
    return line;
  }

  /* A breakdown: label, number and share of the onsite participants, with a bar against the
   * largest. */
  function groups(id, items, key, kind, total) {
    items = items || [];
    var max = items.reduce(function (m, g) { return Math.max(m, g.n); }, 0);
    return fill($(id), items, function (g) {
      return groupRow(label(kind, g[key]), g.n, max, total > 0 ? share(g.n / total) : '');
    }, function (n, shown) {
      var people = items.slice(shown).reduce(function (s, g) { return s + g.n; }, 0);
      return '+ ' + n + ' more, ' + num(people) + (people === 1 ? ' person' : ' people');
    }, 'Nobody is onsite yet.');
  }

  function types(items) {
    var max = items.reduce(function (m, g) { return Math.max(m, g.attendance); }, 0);
    return fill($('by-type'), items.filter(function (g) { return g.attendance > 0; }).sort(function (a, b) {
      return b.attendance - a.attendance;
    }), function (g) {
      return groupRow(label('session_type', g.type), g.attendance, max,
        num(g.sessions) + ' session' + (g.sessions === 1 ? '' : 's'));
    }, function (n) { return '+ ' + n + ' more'; }, 'Nobody has entered a session yet.');
  }

  function groupRow(text, n, max, note) {
    var li = el('li', 'row group');
    var bar = el('div', 'gbar');
    bar.style.width = (max > 0 ? (100 * n) / max : 0).toFixed(1) + '%';
    li.appendChild(bar);
    li.title = text + ': ' + num(n) + (note ? ' (' + note + ')' : '');
    li.appendChild(el('span', 'name', text));
    li.appendChild(el('span', 'share', note));
    li.appendChild(el('b', 'fig', num(n)));
    return li;
  }

  /* ---- timeline: venue entries per 15 minutes, an inline SVG drawn to the panel's size */

  var SVG = 'http://www.w3.org/2000/svg';

  function svg(tag, attrs, parent) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (a) { e.setAttribute(a, attrs[a]); });
    if (parent) parent.appendChild(e);
    return e;
  }

  function niceMax(v) {
    if (v <= 4) return 4;
    var p = Math.pow(10, Math.floor(Math.log10(v)));
    var steps = [1, 2, 2.5, 5, 10];
    for (var i = 0; i < steps.length; i++) if (steps[i] * p >= v) return steps[i] * p;
    return 10 * p;
  }

  function timeline(ticks) {
    var box = $('timeline');
    var w = box.clientWidth, h = box.clientHeight;
    box.textContent = '';
    if (w < 50 || h < 50) return;
    var end = Math.floor(hubNow() / TICK_MS) * TICK_MS;
    var start = end - (TIMELINE_TICKS - 1) * TICK_MS;
    var byT = {};
    ticks.forEach(function (x) { byT[x.t] = x.entries; });
    var first = TIMELINE_TICKS - TIMELINE_MIN_TICKS;
    for (var i = 0; i < TIMELINE_TICKS; i++) {
      if (byT[start + i * TICK_MS]) { first = Math.min(first, i); break; }
    }
    var n = TIMELINE_TICKS - first, t0 = start + first * TICK_MS;
    var vals = [], peak = 0, peakAt = 0, sum = 0;
    for (i = 0; i < n; i++) {
      var v = byT[t0 + i * TICK_MS] || 0;
      vals.push(v);
      sum += v;
      if (v > peak) { peak = v; peakAt = t0 + i * TICK_MS; }
    }
    $('timeline-summary').textContent = 'per 15 min' +
      (peak ? ' · peak ' + num(peak) + ' at ' + clock(peakAt) : '');
    var font = parseFloat(getComputedStyle(box).fontSize) || 16;
    var top = Math.round(font * 0.8), left = Math.round(font * 2.8), bottom = Math.round(font * 1.6);
    var plotW = w - left - 4, plotH = h - top - bottom;
    var max = niceMax(peak);
    var root = svg('svg', {width: w, height: h, viewBox: '0 0 ' + w + ' ' + h, role: 'img',
      'aria-label': num(sum) + ' venue entries in the last ' + ago(n * TICK_MS) +
        (peak ? ', at most ' + num(peak) + ' in 15 minutes at ' + clock(peakAt) : '')});
    [0, max / 2, max].forEach(function (g) {
      var y = top + plotH - (g / max) * plotH;
      svg('line', {x1: left, x2: left + plotW, y1: y, y2: y, class: 'grid'}, root);
      svg('text', {x: left - font * 0.4, y: y + font * 0.35, class: 'ylab'}, root).textContent = num(g);
    });
    var slot = plotW / n, barW = Math.max(1, slot * 0.78);
    var hourPx = slot * 4;
    var every = Math.max(1, Math.ceil((font * 3.2) / hourPx));
    vals.forEach(function (v, k) {
      var t = t0 + k * TICK_MS, x = left + k * slot + (slot - barW) / 2;
      var bh = (v / max) * plotH;
      var bar = svg('rect', {x: x.toFixed(1), y: (top + plotH - bh).toFixed(1), width: barW.toFixed(1),
        height: Math.max(0, bh).toFixed(1), class: t === end ? 'bar now' : 'bar'}, root);
      svg('title', {}, bar).textContent = clock(t) + ' ' + num(v) + ' entries';
      var local = new Date(t + offsetMs());
      if (local.getUTCMinutes() === 0 && local.getUTCHours() % every === 0) {
        svg('line', {x1: x + barW / 2, x2: x + barW / 2, y1: top + plotH, y2: top + plotH + font * 0.3,
          class: 'axis'}, root);
        var lx = x + barW / 2, half = font * 1.4; /* keep the label inside the chart */
        var anchor = lx + half > w ? 'end' : lx - half < 0 ? 'start' : 'middle';
        svg('text', {x: anchor === 'end' ? w - 1 : anchor === 'start' ? 1 : lx, y: h - font * 0.3,
          class: 'xlab', 'text-anchor': anchor}, root).textContent = clock(t);
      }
    });
    svg('line', {x1: left, x2: left + plotW, y1: top + plotH, y2: top + plotH, class: 'axis'}, root);
    box.appendChild(root);
  }

  /* ---- start */

  function loadLabels() {
    fetch('/dashboard/labels.json').then(function (r) { return r.ok ? r.json() : null; })
      .then(function (l) {
        if (!l) return;
        Object.keys(labels).forEach(function (k) { if (l[k]) labels[k] = l[k]; });
        render();
      }, function () { /* the codes are shown instead */ });
  }

  var pending = 0;
  window.addEventListener('resize', function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(render);
  });
  /* every few seconds: kiosk ages and "last update" move on even when no counts come */
  setInterval(function () {
    if (stream && live && Date.now() - lastEventAt > QUIET_MS) connect();
    if (last) fit([kiosks(last)]);
    showUpdated();
  }, 5000);

  /* A link with a token opened in a tab that shows the page already changes only the
   * fragment: the page takes the new token without a reload. */
  window.addEventListener('hashchange', function () {
    var t = takeToken();
    if (!t || t === token) return;
    token = t;
    notice(null);
    setStatus('reconnecting', 'Connecting…');
    loadLabels();
    connect();
  });

  if (!token) {
    setStatus('refused', 'No token');
    notice('This dashboard needs a read token. Make one with `lanyard read-token --db HUB.db ' +
      '--label projector` and open /dashboard/#token=lyr_… once; this tab keeps it.');
    return;
  }
  loadLabels();
  connect();
})();
