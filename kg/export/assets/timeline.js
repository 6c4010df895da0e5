/* kg timeline: a time axis of events under the graph.
 * Colour = event type, size = number of distinct sources, hollow = planned or hypothetical,
 * dashed = denied, negated or cancelled. Clicking an event selects its participants in the graph
 * and lists its reports with their sentences; dragging across the axis sets the page's date
 * filter (the graph's own "from"/"to" inputs), double-click clears it. Text goes in with
 * textContent only. */
(function () {
  var box = document.getElementById('kg-timeline');
  var source = document.getElementById('kg-events');
  if (!box || !source) return;
  // Only the dated events come with the page (kg/events/page.py): the undated are counted.
  var payload = JSON.parse(source.textContent), events = payload.events, undatedCount = payload.undated || 0;
  if (!events.length) { box.hidden = true; window.kgTimelineReady = performance.now(); return; }
  var SVG = 'http://www.w3.org/2000/svg';
  var PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#ff7f0e', '#9467bd', '#8c564b', '#e377c2', '#17becf'];
  var HOLLOW = {planned: true, hypothetical: true}, DASHED = {denied: true, negated: true, cancelled: true};
  var DAY = 864e5;
  function ms(d) { return Date.parse(d + 'T00:00:00Z'); }
  function iso(t) { return new Date(t).toISOString().slice(0, 10); }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }

  var dated = events;
  var counts = new Map();
  events.forEach(function (e) { counts.set(e.type, (counts.get(e.type) || 0) + 1); });
  var lanes = Array.from(counts).sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); })
    .slice(0, PALETTE.length - 1).map(function (x) { return x[0]; });
  var laneOf = function (type) { var i = lanes.indexOf(type); return i < 0 ? lanes.length : i; };
  var laneNames = lanes.concat(counts.size > lanes.length ? ['other'] : []);

  var plot = el('div'), detail = el('div');
  plot.id = 'kg-timeline-plot'; detail.id = 'kg-timeline-detail';
  var head = el('div'); head.id = 'kg-timeline-head';
  head.append(el('span', null, (events.length + undatedCount) + ' events' + (undatedCount ? ' (' + undatedCount + ' undated, not drawn)' : '') +
                   ' · size: sources · hollow: planned · drag to filter dates'));
  var clear = el('button', null, 'all dates');
  clear.type = 'button';
  head.append(clear);
  plot.append(head);
  detail.append(el('p', 'kg-tl-key', 'Click an event to see who reported it, and light up its participants.'));
  box.append(plot, detail);

  var lo = Math.min.apply(null, dated.map(function (e) { return ms(e.range[0]); }));
  var hi = Math.max.apply(null, dated.map(function (e) { return ms(e.range[1]); }));
  if (!(hi > lo)) { lo -= 15 * DAY; hi += 15 * DAY; }
  var pad = (hi - lo) * 0.03; lo -= pad; hi += pad;
  var LEFT = 90, RIGHT = 14, TOP = 22, AXIS = 20;
  var root, x, marks = [];

  function draw() {
    var width = plot.clientWidth || 800, height = plot.clientHeight || 190;
    var laneHeight = Math.max(10, (height - TOP - AXIS) / Math.max(laneNames.length, 1));
    x = function (t) { return LEFT + (t - lo) / (hi - lo) * (width - LEFT - RIGHT); };
    if (root) root.remove();
    root = svg('svg', {viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': 'Timeline of events'});
    laneNames.forEach(function (name, i) {
      var t = svg('text', {x: 6, y: TOP + (i + 0.5) * laneHeight + 4, 'class': 'kg-tl-lane'});
      t.textContent = name;
      root.append(t);
    });
    ticks(lo, hi).forEach(function (t) {
      root.append(svg('line', {x1: x(t.at), x2: x(t.at), y1: TOP, y2: height - AXIS, stroke: '#eee'}));
      var label = svg('text', {x: x(t.at) + 2, y: height - 6, 'class': 'kg-tl-axis'});
      label.textContent = t.label;
      root.append(label);
    });
    var brush = svg('rect', {'class': 'kg-tl-brush', y: TOP, height: height - TOP - AXIS, x: 0, width: 0, visibility: 'hidden'});
    root.append(brush);
    marks = dated.map(function (e) {
      var mid = (ms(e.range[0]) + ms(e.range[1])) / 2, lane = laneOf(e.type);
      var colour = PALETTE[Math.min(lane, PALETTE.length - 1)];
      var r = Math.min(3 + 2.5 * Math.sqrt(e.sources.length), 12);
      var c = svg('circle', {cx: x(mid), cy: TOP + (lane + 0.5) * laneHeight, r: r, 'class': 'kg-tl-event',
                             fill: HOLLOW[e.status] ? '#fff' : colour, stroke: colour, 'stroke-width': 2,
                             'data-id': e.id, 'data-status': e.status, 'data-sources': e.sources.length});
      if (DASHED[e.status] || e.conflict) c.setAttribute('stroke-dasharray', '3 2');
      var tip = svg('title', {}); tip.textContent = e.label + ' [' + e.status + ']';
      c.append(tip);
      c.addEventListener('mousedown', function (ev) { ev.stopPropagation(); });
      c.addEventListener('click', function (ev) { ev.stopPropagation(); select(e, c); });
      root.append(c);
      return c;
    });
    var start = null;
    root.addEventListener('mousedown', function (ev) {
      start = point(ev);
      brush.setAttribute('visibility', 'visible');
      brush.setAttribute('x', start); brush.setAttribute('width', 0);
    });
    root.addEventListener('mousemove', function (ev) {
      if (start === null) return;
      var now = point(ev);
      brush.setAttribute('x', Math.min(start, now)); brush.setAttribute('width', Math.abs(now - start));
    });
    window.addEventListener('mouseup', function (ev) {
      if (start === null) return;
      var end = point(ev), a = Math.min(start, end), b = Math.max(start, end);
      start = null;
      if (b - a < 4) { brush.setAttribute('visibility', 'hidden'); return; }
      setRange(iso(time(a)), iso(time(b)));
    });
    root.addEventListener('dblclick', function () { brush.setAttribute('visibility', 'hidden'); setRange('', ''); });
    clear.onclick = function () { brush.setAttribute('visibility', 'hidden'); setRange('', ''); };
    plot.append(root);
    function point(ev) {
      var rect = root.getBoundingClientRect();
      return Math.max(LEFT, Math.min(width - RIGHT, (ev.clientX - rect.left) * width / rect.width));
    }
    function time(px) { return lo + (px - LEFT) / (width - LEFT - RIGHT) * (hi - lo); }
  }

  function ticks(a, b) {
    var span = (b - a) / DAY, out = [], d = new Date(a);
    var step = span > 3 * 365 ? 'year' : span > 90 ? 'month' : 'day';
    d = new Date(Date.UTC(d.getUTCFullYear(), step === 'year' ? 0 : d.getUTCMonth(), step === 'day' ? d.getUTCDate() : 1));
    var every = step === 'year' ? Math.ceil(span / 365 / 10) : step === 'month' ? Math.ceil(span / 30 / 10) : Math.ceil(span / 10);
    while (d.getTime() <= b && out.length < 40) {
      if (d.getTime() >= a) out.push({at: d.getTime(), label: step === 'year' ? String(d.getUTCFullYear())
        : step === 'month' ? d.toISOString().slice(0, 7) : d.toISOString().slice(0, 10)});
      if (step === 'year') d.setUTCFullYear(d.getUTCFullYear() + every);
      else if (step === 'month') d.setUTCMonth(d.getUTCMonth() + every);
      else d.setUTCDate(d.getUTCDate() + every);
    }
    return out;
  }

  function setRange(from, to) {
    var inputs = [document.getElementById('kg-date-from'), document.getElementById('kg-date-to')];
    [from, to].forEach(function (value, i) {
      if (!inputs[i]) return;
      inputs[i].value = value;
      inputs[i].dispatchEvent(new Event('change'));
    });
    marks.forEach(function (c, i) {
      var e = dated[i], inside = (!from || e.range[1] >= from) && (!to || e.range[0] <= to);
      c.style.opacity = inside ? 1 : 0.2;
    });
  }

  function select(e, mark) {
    marks.forEach(function (c) { c.classList.remove('kg-tl-selected'); });
    if (mark) mark.classList.add('kg-tl-selected');
    var graph = window.kg;
    if (graph && graph.network && graph.nodes) {
      var present = e.participants.filter(function (id) { return graph.nodes.get(id); });
      graph.network.selectNodes(present, false);
    }
    detail.replaceChildren();
    detail.append(el('h3', null, e.label));
    detail.append(el('p', 'kg-tl-key', e.status + (e.conflict ? ', reports conflict' : '') + ' · ' +
      e.sources.length + ' source' + (e.sources.length === 1 ? '' : 's') + ': ' + e.sources.join(', ')));
    var list = el('ul');
    e.reports.forEach(function (r) {
      var li = el('li');
      var line = el('div', null, (r.date || 'undated') + ' · ' + r.source + ' · ' + (r.status || 'status unsaid') + ' · ');
      if (r.url && /^https?:\/\//.test(r.url)) {
        var a = el('a', null, r.title || r.article); a.href = r.url; a.target = '_blank'; a.rel = 'noopener';
        line.append(a);
      } else {
        line.append(el('span', null, r.title || r.article));
      }
      li.append(line);
      r.sentences.forEach(function (s) { li.append(el('blockquote', null, s)); });
      list.append(li);
    });
    detail.append(list);
  }

  draw();
  var resizeTimer = null;
  window.addEventListener('resize', function () { clearTimeout(resizeTimer); resizeTimer = setTimeout(draw, 150); });
  window.kgTimeline = {events: events, select: function (id) {
    var i = dated.findIndex(function (e) { return e.id === id; });
    var e = i >= 0 ? dated[i] : events.find(function (x) { return x.id === id; });
    if (e) select(e, i >= 0 ? marks[i] : null);
  }, setRange: setRange};
  window.kgTimelineReady = performance.now();
})();
