/* board.js - the public room board (docs/hub.md, "The room board"). It reads GET /api/v1/board
 * every few seconds, without a token (the board shows room fullness and the public programme
 * only), and draws each room: the session on now and the next one today, how full it is (a
 * colour, a shape, a word and the number), and where to go instead when it is full. Text goes in
 * with textContent only. No library and no other origin. */
'use strict';

(function () {
  var POLL_MS = 5000;          /* the hub recounts within a second of an upload */
  var TIMEOUT_MS = 8000;
  var WORDS = {space: 'Space', nearly_full: 'Nearly full', full: 'Full'};

  function $(id) { return document.getElementById(id); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function session(label, s, withEnd) {
    var p = el('p', 'when');
    p.appendChild(el('b', null, label));
    var t = s.starts + (withEnd && s.ends ? '–' + s.ends : '');
    p.appendChild(document.createTextNode(t + '  ' + (s.restricted ? '(restricted session)' : s.title)));
    return p;
  }

  function card(r) {
    var level = WORDS[r.level] ? r.level : 'space';
    var li = el('li', 'room ' + level);
    li.dataset.room = r.room;
    li.dataset.level = level;
    var head = el('div', 'head');
    head.appendChild(el('span', 'name', r.room));
    if (r.location) head.appendChild(el('span', 'where', r.location));
    li.appendChild(head);
    var lv = el('div', 'level');
    lv.appendChild(el('span', 'mark', WORDS[level]));
    lv.appendChild(el('span', 'fig', r.inside + ' / ' + r.capacity));
    li.appendChild(lv);
    var track = el('div', 'track');
    var fill = el('div', 'fill');
    fill.style.width = Math.min(100, r.capacity > 0 ? 100 * r.inside / r.capacity : 0).toFixed(1) + '%';
    track.appendChild(fill);
    li.appendChild(track);
    if (r.now) li.appendChild(session('Now', r.now, true));
    if (r.next) li.appendChild(session('Next', r.next, false));
    if (level === 'full' && (r.overflow || r.online_url)) {
      var go = el('div', 'go');
      if (r.overflow) {
        var p = el('p', 'overflow');
        p.appendChild(document.createTextNode('Full: please go to '));
        p.appendChild(el('span', 'room-name', r.overflow));
        if (r.overflow_location) p.appendChild(document.createTextNode(' (' + r.overflow_location + ')'));
        go.appendChild(p);
      }
      if (r.online_url) {
        var q = el('p', 'online');
        q.appendChild(document.createTextNode('Online: '));
        q.appendChild(el('span', 'link', r.online_url));
        go.appendChild(q);
      }
      li.appendChild(go);
    }
    return li;
  }

  function draw(d) {
    if (d.event) {
      $('event').textContent = d.event;
      document.title = d.event + ' · Rooms';
    }
    $('clock').textContent = (d.now || '').slice(11, 16);
    var list = $('rooms');
    var rooms = (d.rooms || []).slice().sort(function (a, b) {
      return a.room < b.room ? -1 : a.room > b.room ? 1 : 0;
    });
    while (list.firstChild) list.removeChild(list.firstChild);
    rooms.forEach(function (r) { list.appendChild(card(r)); });
    $('empty').hidden = rooms.length > 0;
  }

  function setStatus(cls, text) {
    var s = $('status');
    s.className = 'status ' + cls;
    s.textContent = text;
  }

  function poll() {
    var ctl = new AbortController();
    var timer = setTimeout(function () { ctl.abort(); }, TIMEOUT_MS);
    fetch('/api/v1/board', {cache: 'no-store', credentials: 'omit', signal: ctl.signal})
      .then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status);
        return r.json();
      })
      .then(function (d) {
        draw(d);
        setStatus('live', 'Live');
        document.body.dataset.updated = String(d.generated_ms || 0);
      })
      .catch(function () {
        setStatus('down', 'Reconnecting…');
      })
      .then(function () {
        clearTimeout(timer);
        setTimeout(poll, POLL_MS);
      });
  }

  poll();
}());
