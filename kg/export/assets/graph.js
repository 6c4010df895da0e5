/* kg graph page. Every string from the data goes into the DOM as text (textContent or
 * append(string)), never as HTML, and vis-network gets no `title`s, whose strings it may
 * render as HTML: article text must never run as markup. */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('kg-data').textContent);
  var BIG = data.nodes.length > 1500; // past this, drawing speed matters more than hover effects
  var TYPES = { // colour, vis-network shape, legend glyph for that shape
    PERSON: ['#e15759', 'dot'], ORG: ['#4e79a7', 'square'], GPE: ['#59a14f', 'triangle'],
    LOC: ['#8cd17d', 'triangleDown'], NORP: ['#f28e2b', 'diamond'], FAC: ['#9c755f', 'hexagon'],
    EVENT: ['#b07aa1', 'star'], PRODUCT: ['#76b7b2', 'square'], WORK_OF_ART: ['#ff9da7', 'diamond'],
    LAW: ['#d4a6c8', 'hexagon'], CONCEPT: ['#bab0ac', 'dot']
  };
  var SPARE = ['#edc948', '#86bcb6', '#d37295', '#a0cbe8', '#ffbe7d', '#8f6b8a'];
  var GLYPH = {dot: '●', square: '■', triangle: '▲', triangleDown: '▼', diamond: '◆', hexagon: '⬢', star: '★'};
  var DIM = '#e3e3e3';
  // "will meet" (future) and "is set to meet" (planned) are one idea to a reader: not yet done.
  var MODALITY = {future: 'planned'};

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function fmt(n) { return Number(n).toLocaleString('en-US'); }
  function plural(n, one, many) { return fmt(n) + ' ' + (n === 1 ? one : many || one + 's'); }
  var FOLD = {'ı': 'i', 'ł': 'l', 'ø': 'o', 'đ': 'd', 'ð': 'd', 'ß': 'ss', 'æ': 'ae', 'œ': 'oe', 'þ': 'th'};
  // Case- and accent-insensitive key: "Erdoğan" and "ERDOGAN" both become "erdogan".
  function fold(s) {
    return String(s).normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase()
      .replace(/[ıłøđðßæœþ]/g, function (c) { return FOLD[c]; }).replace(/\s+/g, ' ').trim();
  }

  var spare = 0, typeStyle = {};
  function styleOf(type) {
    if (!typeStyle[type]) typeStyle[type] = TYPES[type] || [SPARE[spare++ % SPARE.length], 'dot'];
    return typeStyle[type];
  }
  var byId = new Map(), incident = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); incident.set(n.id, []); });
  data.edges.forEach(function (e, i) { e.id = i; incident.get(e.from).push(e); incident.get(e.to).push(e); });

  // Big graphs are coloured by community (Louvain, computed at build time) so the first view
  // shows groups rather than a hairball; the shape still gives the type.
  var COMMUNITY = ['#4e79a7', '#e15759', '#59a14f', '#f28e2b', '#b07aa1', '#76b7b2', '#edc948',
                   '#ff9da7', '#9c755f', '#17becf', '#bcbd22', '#8c564b'];
  var colourBy = data.meta.colour_by || 'type';
  function colourOf(n) {
    if (colourBy === 'community' && n.community !== null && n.community !== undefined)
      return n.community < COMMUNITY.length ? COMMUNITY[n.community] : '#b8b8b8';
    return styleOf(n.type)[0];
  }
  var labelSize = new Map(), labelShift = new Map(), edgeLabelSize = new Map(); // set by planLabels()
  var dimmed = new Set();
  function nodeLook(n, dim) {
    // Concepts ("ceasefire", "talks") are common nouns, not named entities: drawn hollow,
    // with a grey label, so the eye finds the people, places and organisations first.
    var c = dim ? DIM : colourOf(n), concept = n.type === 'CONCEPT';
    var fill = concept && !dim ? '#fff' : c, edge = dim ? DIM : concept ? shade(colourOf(n)) : shade(c);
    return {id: n.id, color: {background: fill, border: edge, highlight: {background: fill, border: '#222'}},
            borderWidth: concept ? 2 : 1.5,
            font: {color: dim ? '#c8c8c8' : concept ? '#555' : '#222', size: labelSize.get(n.id) || 0.1,
                   vadjust: labelShift.get(n.id) || 0}};
  }
  function shade(hex) { // a darker border of the same hue
    var v = parseInt(hex.slice(1), 16), f = function (s) { return Math.round(((v >> s) & 255) * 0.7); };
    return 'rgb(' + f(16) + ',' + f(8) + ',' + f(0) + ')';
  }
  function edgeLook(e, dim) {
    return {id: e.id, color: {color: dim ? '#eee' : (e.negated ? '#d98880' : '#9aa5b1'), highlight: '#333'},
            font: {color: dim ? 'rgba(0,0,0,0)' : '#444', size: edgeLabelSize.get(e.id) || 0.1}};
  }
  function nodeSize(n) { return Math.min(7 + 3 * Math.sqrt(n.facts), 32); } // kg/export/html.py: _node_size
  var pairCount = new Map(); // parallel facts between two entities bend apart so all stay visible
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return Object.assign(nodeLook(n, false), {label: n.label, x: n.x, y: n.y, shape: styleOf(n.type)[1],
                                              size: nodeSize(n)});
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var pair = e.from < e.to ? e.from + '\u0000' + e.to : e.to + '\u0000' + e.from;
    var k = pairCount.get(pair) || 0;
    pairCount.set(pair, k + 1);
    return Object.assign(edgeLook(e, false), {
      from: e.from, to: e.to, label: e.relation, arrows: e.symmetric ? '' : 'to', dashes: e.negated,
      width: 1 + Math.log2(e.weight || 1),
      smooth: k === 0 || BIG ? false : {enabled: true, type: k % 2 ? 'curvedCW' : 'curvedCCW', roundness: 0.2 * Math.ceil(k / 2)}
    });
  }));
  var container = document.getElementById('kg-graph');
  var network = new vis.Network(container, {nodes: nodes, edges: edges}, {
    layout: {improvedLayout: false}, // positions come from Python; improvedLayout is slow on big graphs
    physics: {enabled: false, solver: 'forceAtlas2Based', stabilization: false},
    interaction: {hover: !BIG, hideEdgesOnDrag: BIG, hideEdgesOnZoom: BIG, tooltipDelay: 300},
    nodes: {borderWidth: 1.5, font: {size: 15, strokeWidth: 3, strokeColor: '#fff'},
            scaling: {label: {drawThreshold: 4, maxVisible: 40}}},
    edges: {font: {size: 11, align: 'horizontal', strokeWidth: 3, strokeColor: '#fff'},
            arrows: {to: {scaleFactor: 0.6}}, selectionWidth: 1.5, scaling: {label: {drawThreshold: 4, maxVisible: 40}}}
  });
  network.fit({animation: false});

  /* ---- labels: readable at any zoom, the important ones first, never on top of each other ---- */
  // Labels keep a fixed size on screen (LABEL_PX; others a little smaller), so they are as
  // readable in the fitted view as zoomed in. Entities are labelled in order of importance
  // (facts, then mentions); a label that would cover another label or a node is left out
  // until zooming in makes room, except the TOP most important, always labelled (the
  // layout keeps those apart). Edge labels show for the selected or hovered entity's facts,
  // and for every fact once zoomed in far enough to read them.
  var LABEL_PX = data.meta.label_px || 14, TOP = data.meta.top_labels || 12, EDGE_PX = 11, EDGE_ZOOM = 0.9;
  var importance = data.nodes.slice().sort(function (a, b) {
    return b.facts - a.facts || b.mentions - a.mentions || (a.id < b.id ? -1 : 1); });
  var measure = document.createElement('canvas').getContext('2d');
  var plan = [], hovered = null, planQueued = false, plannedScale = 1;
  function overlap(a, b) { return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h; }
  function planLabels() {
    planQueued = false;
    var scale = plannedScale = network.getScale(), pos = network.getPositions(), W = container.clientWidth, H = container.clientHeight;
    var shown = importance.filter(function (n) { return !hiddenNode.has(n.id); });
    var discs = new Map(shown.map(function (n) {
      var p = network.canvasToDOM(pos[n.id]), r = nodeSize(n) * scale;
      return [n.id, {x: p.x, y: p.y, r: r}];
    }));
    var placed = [], focus = focusSet();
    function coversDisc(box, id) { // another node's disc under the label
      return shown.some(function (m) {
        var o = discs.get(m.id), r = Math.max(o.r * 0.7, 2.5); // a tiny dot still needs to show
        return m.id !== id && o.x + r > box.x && o.x - r < box.x + box.w && o.y + r > box.y && o.y - r < box.y + box.h;
      });
    }
    function free(box, id) { return !placed.some(function (b) { return overlap(b, box); }) && !coversDisc(box, id); }
    plan = shown.map(function (n, i) {
      var d = discs.get(n.id), px = i < TOP ? LABEL_PX : LABEL_PX - 2;
      measure.font = px + 'px arial';
      var w = measure.measureText(n.label).width, h = px + 1;
      // Below the node, as vis draws it; above it (font.vadjust) when below is taken; an
      // always-labelled entity may also move a line or two further out.
      var below = {x: d.x - w / 2, y: d.y + d.r + 2, w: w, h: h}, above = {x: below.x, y: d.y - d.r - 3 - h, w: w, h: h};
      var onScreen = below.x < W && below.x + w > 0 && above.y < H && below.y + h > 0;
      var must = i < TOP || focus.has(n.id), spots = [below, above];
      if (must) [1, 2].forEach(function (k) {
        spots.push({x: below.x, y: below.y + k * (h + 2), w: w, h: h}, {x: below.x, y: above.y - k * (h + 2), w: w, h: h});
      });
      else spots = spots.filter(function (b) { return b.x >= 0 && b.x + w <= W && b.y >= 0 && b.y + h <= H; }); // a cut-off name reads as another
      var box = below, drawn = false;
      if (must || onScreen && placed.length < 400) {
        var spot = spots.find(function (b) { return free(b, n.id); }) || must && spots.find(function (b) {
          return !placed.some(function (p) { return overlap(p, b); }); }); // over a dot rather than a label
        if (spot) { box = spot; drawn = true; } else drawn = must;
      }
      if (drawn) placed.push(box);
      return {id: n.id, label: n.label, facts: n.facts, px: px, drawn: drawn, shift: box.y - below.y,
              x: box.x, y: box.y, w: w, h: h, node: d};
    });
    var nodeUpdates = [];
    plan.forEach(function (b) {
      var size = b.drawn ? b.px / scale : 0.1, shift = b.shift / scale;
      if (labelSize.get(b.id) !== size || (labelShift.get(b.id) || 0) !== shift) {
        labelSize.set(b.id, size); labelShift.set(b.id, shift);
        nodeUpdates.push(nodeLook(byId.get(b.id), dimmed.has(b.id)));
      }
    });
    var shownEdges = planEdgeLabels(scale, focus, placed, free, W, H), edgeUpdates = [];
    data.edges.forEach(function (e) {
      var size = shownEdges.has(e.id) ? EDGE_PX / scale : 0.1;
      if (edgeLabelSize.get(e.id) !== size) { edgeLabelSize.set(e.id, size); edgeUpdates.push(edgeLook(e, dimmedEdges.has(e.id))); }
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
  }
  // Edge labels wanted (the focused entity's facts, or all once zoomed in) are drawn in order
  // (the hovered line, the focused entity's facts, then the heaviest) where they cover no
  // drawn label, no other edge label and no node: around a hub, vis would stack them all at
  // the lines' midpoints. The others show when hovered, or zoomed in further.
  var edgePlan = [], hoveredEdge = null;
  function planEdgeLabels(scale, focus, placed, free, W, H) {
    var wanted = data.edges.filter(function (e) {
      if (visibleEdge && !visibleEdge.has(e.id) || hiddenNode.has(e.from) || hiddenNode.has(e.to)) return false;
      return e.id === hoveredEdge || scale >= EDGE_ZOOM ||
        focus.has(e.from) && focus.has(e.to) && (focusEdges === null || focusEdges.has(e.id));
    });
    function rank(e) { return e.id === hoveredEdge ? 0 : focusEdges && focusEdges.has(e.id) ? 1 : 2; }
    wanted.sort(function (a, b) { return rank(a) - rank(b) || b.weight - a.weight || a.id - b.id; });
    measure.font = EDGE_PX + 'px arial';
    var shown = new Set();
    edgePlan = [];
    wanted.forEach(function (e) {
      var body = network.body.edges[e.id];
      if (!body || !body.edgeType || shown.size >= 400) return;
      var p = network.canvasToDOM(body.edgeType.getPoint(0.5)), w = measure.measureText(e.relation).width + 4;
      var box = {x: p.x - w / 2, y: p.y - EDGE_PX / 2 - 1, w: w, h: EDGE_PX + 2};
      if (box.x + w < 0 || box.x > W || box.y + box.h < 0 || box.y > H) return;
      if (e.id !== hoveredEdge && !free(box, null)) return;
      placed.push(box); shown.add(e.id);
      edgePlan.push({id: e.id, relation: e.relation, from: e.from, to: e.to, x: box.x, y: box.y, w: box.w, h: box.h});
    });
    return shown;
  }
  var focusEdges = null;
  function focusSet() { // the entities whose labels and facts must show: selected or hovered
    var keep = new Set(); focusEdges = null;
    var id = hovered !== null ? hovered : selected && selected.node !== undefined ? selected.node : null;
    if (id !== null) {
      keep.add(id);
      focusEdges = new Set();
      incident.get(id).forEach(function (e) { if (visibleEdge.has(e.id)) { keep.add(e.from); keep.add(e.to); focusEdges.add(e.id); } });
    } else if (selected && selected.edge !== undefined) {
      var e = data.edges[selected.edge]; keep.add(e.from); keep.add(e.to); focusEdges = new Set([e.id]);
    }
    return keep;
  }
  function replan() { if (!planQueued) { planQueued = true; requestAnimationFrame(planLabels); } }
  var hiddenNode = new Set(), dimmedEdges = new Set();
  network.on('zoom', replan);
  network.on('dragEnd', replan);
  network.on('animationFinished', replan);
  // During a zoom animation (click, search, re-fit) labels follow within 20% of their size.
  network.on('beforeDrawing', function () {
    if (Math.abs(network.getScale() / plannedScale - 1) > 0.2) replan();
  });
  network.on('hoverNode', function (p) { hovered = p.node; replan(); });
  network.on('blurNode', function () { hovered = null; replan(); });
  network.on('hoverEdge', function (p) { hoveredEdge = p.edge; replan(); });
  network.on('blurEdge', function () { hoveredEdge = null; replan(); });
  planLabels();
  // vis fits the nodes, not their labels: zoom out until the always-labelled entities' names
  // are inside the graph area too (a hub at the edge had its name cut off).
  (function fitLabels() {
    var W = container.clientWidth, H = container.clientHeight, over = 0;
    plan.forEach(function (b, i) { if (b.drawn && i < TOP) over = Math.max(over, -b.x, b.x + b.w - W, -b.y, b.y + b.h - H); });
    if (over > 0) {
      network.moveTo({scale: network.getScale() * Math.max(0.5, 1 - 2 * (over + 4) / Math.min(W, H)), animation: false});
      planLabels();
    }
  })();
  network.once('afterDrawing', function () { window.kgReady = performance.now(); });

  /* ---- header and legend ---- */
  var meta = data.meta;
  document.getElementById('kg-title').textContent = meta.title;
  var summary = document.getElementById('kg-summary');
  var factless = meta.factless ? plural(meta.factless, 'entity', 'entities') + ' without facts not drawn' : '';
  var baseSummary = meta.nodes + (meta.factless || 0) === meta.total_nodes && meta.edges === meta.total_edges
    ? plural(meta.nodes, 'entity', 'entities') + ', ' + plural(meta.edges, 'fact') + (factless ? ' (' + factless + ')' : '')
    : 'Showing ' + fmt(meta.nodes) + ' of ' + fmt(meta.total_nodes) + ' entities, ' + fmt(meta.edges) +
      ' of ' + fmt(meta.total_edges) + ' facts (the most connected' +
      (meta.min_weight > 1 ? '; facts from fewer than ' + meta.min_weight + ' sentences left out' : '') +
      (factless ? '; ' + factless : '') + ')';
  summary.textContent = baseSummary;

  function counts(items, key) {
    var m = new Map();
    items.forEach(function (x) { m.set(x[key], (m.get(x[key]) || 0) + 1); });
    return Array.from(m).sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); });
  }
  function checkList(id, entries, glyph) {
    var list = document.getElementById(id), boxes = new Map();
    entries.forEach(function (entry) {
      var li = el('li'), label = el('label'), box = el('input');
      box.type = 'checkbox'; box.checked = true; box.addEventListener('change', applyFilters);
      label.append(box);
      if (glyph) {
        var g = el('span', 'kg-glyph', entry[0] === 'CONCEPT' ? '○' : GLYPH[styleOf(entry[0])[1]] || '●');
        g.style.color = styleOf(entry[0])[0];
        label.append(g);
      }
      label.append(el('span', null, entry[0]), el('span', 'kg-count', fmt(entry[1])));
      li.append(label); list.append(li); boxes.set(entry[0], box);
    });
    return boxes;
  }
  var typeBoxes = checkList('kg-legend', counts(data.nodes, 'type').sort(function (a, b) {
    return (a[0] === 'CONCEPT') - (b[0] === 'CONCEPT'); }), true); // stable: by count otherwise
  // Relations: the event types first (meet, visit, …), then the other verbs, each by count;
  // the box above the list narrows it as you type.
  var events = new Set(data.meta.event_types || []), relCounts = counts(data.edges, 'relation');
  var relBoxes = checkList('kg-relations', relCounts.filter(function (r) { return events.has(r[0]); }), false);
  var otherRels = relCounts.filter(function (r) { return !events.has(r[0]); });
  var relList = document.getElementById('kg-relations');
  if (otherRels.length) {
    relList.append(el('li', 'kg-group', relBoxes.size ? 'other verbs' : 'verbs'));
    checkList('kg-relations', otherRels, false).forEach(function (box, rel) { relBoxes.set(rel, box); });
  }
  if (relBoxes.size && events.size && relCounts.some(function (r) { return events.has(r[0]); }))
    relList.prepend(el('li', 'kg-group', 'event types'));
  document.getElementById('kg-rel-search').addEventListener('input', function (ev) {
    var q = fold(ev.target.value);
    relList.querySelectorAll('li').forEach(function (li) {
      if (li.className === 'kg-group') { li.hidden = !!q; return; }
      li.hidden = !!q && fold(li.textContent).indexOf(q) < 0;
    });
  });
  ['all', 'none'].forEach(function (which) {
    document.getElementById('kg-rel-' + which).addEventListener('click', function () {
      relBoxes.forEach(function (box) { box.checked = which === 'all'; });
      applyFilters();
    });
  });

  /* ---- filters: type, relation, date range ---- */
  var dateFrom = document.getElementById('kg-date-from'), dateTo = document.getElementById('kg-date-to');
  var undated = document.getElementById('kg-undated');
  function low(d) { return d.length === 4 ? d + '-01-01' : d.length === 7 ? d + '-01' : d; }
  function high(d) { return d.length === 4 ? d + '-12-31' : d.length === 7 ? d + '-31' : d; }
  var dated = data.edges.filter(function (e) { return e.first_date; });
  if (dated.length) {
    var lo = dated.map(function (e) { return low(e.first_date); }).sort()[0];
    var hi = dated.map(function (e) { return high(e.last_date || e.first_date); }).sort().pop();
    [dateFrom, dateTo].forEach(function (input) { input.min = lo; input.max = hi; });
  }
  [dateFrom, dateTo, undated].forEach(function (input) { input.addEventListener('change', applyFilters); });

  var visibleEdge = new Set(data.edges.map(function (e) { return e.id; }));
  function edgeShown(e, types) {
    if (!types.has(byId.get(e.from).type) || !types.has(byId.get(e.to).type)) return false;
    if (!relBoxes.get(e.relation).checked) return false;
    if (!e.first_date) return undated.checked;
    return (!dateFrom.value || high(e.last_date || e.first_date) >= dateFrom.value) &&
           (!dateTo.value || low(e.first_date) <= dateTo.value);
  }
  function applyFilters() {
    var types = new Set();
    typeBoxes.forEach(function (box, type) { if (box.checked) types.add(type); });
    var narrowed = dateFrom.value || dateTo.value || !undated.checked ||
      Array.from(relBoxes.values()).some(function (box) { return !box.checked; });
    visibleEdge = new Set(data.edges.filter(function (e) { return edgeShown(e, types); })
                                    .map(function (e) { return e.id; }));
    var shownNodes = 0;
    nodes.update(data.nodes.map(function (n) {
      // Narrowing to some relations or dates hides the entities left with no fact.
      var hidden = !types.has(n.type) || (narrowed && !incident.get(n.id).some(function (e) {
        return visibleEdge.has(e.id); }));
      if (!hidden) shownNodes++;
      if (hidden) hiddenNode.add(n.id); else hiddenNode.delete(n.id);
      return {id: n.id, hidden: hidden};
    }));
    edges.update(data.edges.map(function (e) { return {id: e.id, hidden: !visibleEdge.has(e.id)}; }));
    var hiddenNodes = data.nodes.length - shownNodes, hiddenEdges = data.edges.length - visibleEdge.size;
    summary.textContent = baseSummary + (hiddenNodes || hiddenEdges ? '; filters hide ' +
      fmt(hiddenNodes) + ' entities, ' + fmt(hiddenEdges) + ' facts' : '');
    if (selected) show(selected);
    // Fit what is left, so a filter never leaves a few dots in a corner.
    var left = data.nodes.filter(function (n) { return !hiddenNode.has(n.id); }).map(function (n) { return n.id; });
    if (left.length) network.fit({nodes: left, animation: {duration: 300, easingFunction: 'easeInOutQuad'}});
    replan();
  }

  /* ---- selection: highlight the neighbourhood, list the facts ---- */
  var selected = null; // {node: id} or {edge: id}
  function highlight(keepNodes, keepEdges) {
    dimmed = new Set(keepNodes ? data.nodes.filter(function (n) { return !keepNodes.has(n.id); }).map(function (n) { return n.id; }) : []);
    dimmedEdges = new Set(keepEdges ? data.edges.filter(function (e) { return !keepEdges.has(e.id); }).map(function (e) { return e.id; }) : []);
    planLabels();
    nodes.update(data.nodes.map(function (n) { return nodeLook(n, dimmed.has(n.id)); }));
    edges.update(data.edges.map(function (e) { return edgeLook(e, dimmedEdges.has(e.id)); }));
  }
  function show(sel) {
    selected = sel;
    var facts, keepNodes = new Set();
    if (sel.node !== undefined) {
      facts = incident.get(sel.node).filter(function (e) { return visibleEdge.has(e.id); });
      keepNodes.add(sel.node);
    } else {
      facts = [data.edges[sel.edge]];
    }
    facts.forEach(function (e) { keepNodes.add(e.from); keepNodes.add(e.to); });
    highlight(keepNodes, new Set(facts.map(function (e) { return e.id; })));
    renderPanel(sel, facts);
  }
  function clearSelection() {
    selected = null;
    highlight(null, null);
    var panel = document.getElementById('kg-panel');
    panel.replaceChildren(el('p', 'kg-hint', 'Click an entity or a line to read its facts and the sentences they come from.'));
  }
  function selectNode(id, focus) {
    if (!byId.has(id)) return;
    network.selectNodes([id]);
    show({node: id});
    if (focus) network.focus(id, {scale: focusScale(id), animation: {duration: 400, easingFunction: 'easeInOutQuad'}});
  }
  // Centred on the entity, zoomed so its whole neighbourhood fits (at most 1.1: readable labels).
  function focusScale(id) {
    var pos = network.getPositions([id].concat(network.getConnectedNodes(id))), c = pos[id], far = 1;
    Object.keys(pos).forEach(function (k) { far = Math.max(far, Math.abs(pos[k].x - c.x) + 60, Math.abs(pos[k].y - c.y) + 30); });
    return Math.min(1.1, Math.min(container.clientWidth, container.clientHeight) / 2 / far);
  }
  network.on('click', function (p) {
    if (p.nodes.length) selectNode(p.nodes[0], true); // zoom to it, as search does
    else if (p.edges.length) show({edge: p.edges[0]});
    else clearSelection();
  });

  function renderPanel(sel, facts) {
    var panel = document.getElementById('kg-panel'), parts = [];
    if (sel.node !== undefined) {
      var n = byId.get(sel.node);
      parts.push(el('h2', null, n.label));
      var about = n.type + ' · ' + plural(n.mentions, 'mention');
      var others = n.aliases.filter(function (a) { return a !== n.label; });
      parts.push(el('p', 'kg-muted', about));
      if (others.length) parts.push(el('p', 'kg-muted', 'Also: ' + others.join(', ')));
      var count = plural(facts.length, 'fact') + (n.hidden_facts > 0 ? ' (' + fmt(n.hidden_facts) +
        ' more with entities or weights not shown)' : '');
      parts.push(el('p', null, count));
    } else {
      parts.push(el('h2', null, 'Fact'));
    }
    var list = el('ol', 'kg-facts');
    facts.slice().sort(function (a, b) { return b.weight - a.weight || String(b.last_date || '').localeCompare(String(a.last_date || '')); })
      .forEach(function (e) { list.append(renderFact(e)); });
    parts.push(list);
    panel.replaceChildren.apply(panel, parts);
    panel.scrollTop = 0;
  }
  function entityButton(id) {
    var b = el('button', 'kg-entity', byId.get(id).label);
    b.type = 'button';
    b.addEventListener('click', function () { selectNode(id, true); });
    return b;
  }
  function badge(text, cls) { return el('span', 'kg-badge' + (cls ? ' ' + cls : ''), text); }
  function renderFact(e) {
    var li = el('li', 'kg-fact'), head = el('div', 'kg-fact-head');
    head.append(entityButton(e.from), el('span', 'kg-rel', e.relation + (e.symmetric ? ' ↔' : ' →')), entityButton(e.to));
    if (e.negated) head.append(badge('denied', 'kg-neg'));
    head.append(badge(plural(e.weight, 'sentence') + ', ' + plural(e.articles, 'article')));
    if (e.first_date) head.append(el('span', 'kg-muted', e.first_date + (e.last_date && e.last_date !== e.first_date ? ' – ' + e.last_date : '')));
    li.append(head);
    var ev = el('ul', 'kg-evidence');
    e.evidence.forEach(function (x, i) { var item = renderEvidence(x); if (i >= 3) item.hidden = true; ev.append(item); });
    li.append(ev);
    var rest = e.evidence.length - 3;
    if (rest > 0 || e.evidence_total > e.evidence.length) {
      var more = el('button', 'kg-more', rest > 0 ? 'show ' + plural(rest, 'more sentence') : '');
      more.type = 'button';
      if (e.evidence_total > e.evidence.length) more.textContent += ' (' + fmt(e.evidence_total - e.evidence.length) + ' not in this page)';
      more.addEventListener('click', function () { ev.childNodes.forEach(function (c) { c.hidden = false; }); more.remove(); });
      li.append(more);
    }
    return li;
  }
  function renderEvidence(x) {
    var li = el('li'), quote = el('blockquote', null, x.sentence);
    li.append(quote);
    var src = el('p', 'kg-source'), art = data.articles[x.article] || {};
    var title = art.title && art.title.length > 90 ? art.title.slice(0, 88) + '…' : art.title; // a lead sentence taken as title
    var name = title ? title + ' (' + x.article + ')' : x.article;
    if (art.url && /^https?:\/\//i.test(art.url)) { // only web links: a javascript: URL must not become clickable
      var a = el('a', null, name); a.href = art.url; a.target = '_blank'; a.rel = 'noopener noreferrer';
      src.append(a);
    } else {
      src.append(name);
    }
    if (x.date) src.append(' · ' + x.date + (x.date_source === 'article' ? ' (article date)' : ''));
    if (x.predicate) src.append(' · “' + x.predicate + '”');
    if (x.attribution) src.append(' · according to ' + x.attribution);
    if (x.place) src.append(' · in ' + x.place);
    li.append(src);
    if (x.negated || x.modality) {
      var flags = el('p', 'kg-source');
      if (x.negated) flags.append(badge('negated', 'kg-neg'), ' ');
      if (x.modality) flags.append(badge(MODALITY[x.modality] || x.modality, 'kg-mod'));
      li.append(flags);
    }
    return li;
  }

  /* ---- search by any alias ---- */
  var undrawn = new Map((data.undrawn || []).map(function (u) { return [u.id, u]; }));
  var index = data.nodes.concat(data.undrawn || []).map(function (n) {
    return {node: n, keys: [n.label].concat(n.aliases).map(function (a) { return [fold(a), a]; })};
  });
  function find(query) {
    var q = fold(query), hits = [];
    if (!q) return hits;
    index.forEach(function (entry) {
      var best = null;
      entry.keys.forEach(function (k) {
        var rank = k[0] === q ? 0 : k[0].startsWith(q) ? 1 : (' ' + k[0]).indexOf(' ' + q) >= 0 ? 2 : k[0].indexOf(q) >= 0 ? 3 : 9;
        if (rank < 9 && (!best || rank < best.rank)) best = {rank: rank, alias: k[1]};
      });
      if (best) hits.push({node: entry.node, rank: best.rank, alias: best.alias});
    });
    hits.sort(function (a, b) { return a.rank - b.rank || b.node.facts - a.node.facts || b.node.mentions - a.node.mentions; });
    return hits.slice(0, 12);
  }
  var search = document.getElementById('kg-search'), sugg = document.getElementById('kg-suggestions');
  var hits = [], active = 0;
  function renderSuggestions() {
    sugg.replaceChildren();
    hits.forEach(function (h, i) {
      var li = el('li', null, h.node.label);
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(i === active));
      if (fold(h.alias) !== fold(h.node.label)) li.append(' ', el('span', 'kg-alias', '(' + h.alias + ')'));
      li.append(' ', el('span', 'kg-alias', h.node.type));
      if (!byId.has(h.node.id)) li.append(' ', el('span', 'kg-badge', 'not drawn'));
      li.addEventListener('mousedown', function (ev) { ev.preventDefault(); pick(i); });
      sugg.append(li);
    });
    sugg.hidden = hits.length === 0;
  }
  function pick(i) {
    var h = hits[i];
    if (!h) return;
    search.value = h.node.label;
    hits = []; renderSuggestions();
    if (byId.has(h.node.id)) selectNode(h.node.id, true);
    else offerToDraw(h.node);
  }
  // An entity left out of the picture (--max-nodes) is still found: say so, and offer to
  // draw it with its strongest facts and their other entities.
  function offerToDraw(u) {
    var panel = document.getElementById('kg-panel'), button = el('button', 'kg-draw', 'Draw it with its neighbours');
    button.type = 'button';
    button.addEventListener('click', function () { drawUndrawn(u.id); });
    panel.replaceChildren(el('h2', null, u.label),
      el('p', 'kg-muted', u.type + ' · ' + plural(u.mentions, 'mention') + ' · ' + plural(u.facts, 'fact')),
      el('p', null, 'Not drawn on this page: only the ' + fmt(meta.nodes) + ' most connected entities are.'),
      button);
  }
  function drawUndrawn(id) {
    var u = undrawn.get(id);
    if (!u) return false;
    var anchor = u.edges.map(function (e) { return e.from === id ? e.to : e.from; }).filter(function (o) { return byId.has(o); });
    var pos = network.getPositions(anchor), cx = 0, cy = 0;
    anchor.forEach(function (o) { cx += pos[o].x / anchor.length; cy += pos[o].y / anchor.length; });
    if (!anchor.length) { var view = network.getViewPosition(); cx = view.x; cy = view.y; }
    var added = [], taken = Object.values(network.getPositions());
    function freeSpot(x, y) { // the nearest place, spiralling out, at least 90 px from every node
      for (var r = 110; r < 4000; r += 45)
        for (var a = 0; a < 12; a++) {
          var px = x + r * Math.cos(a * Math.PI / 6 + r), py = y + r * Math.sin(a * Math.PI / 6 + r);
          if (taken.every(function (q) { return Math.abs(q.x - px) > 90 || Math.abs(q.y - py) > 60; })) {
            taken.push({x: px, y: py}); return {x: px, y: py};
          }
        }
      return {x: x, y: y};
    }
    function addNode(nid, info, x, y) {
      var spot = freeSpot(x, y); x = spot.x; y = spot.y;
      var n = {id: nid, label: info.label, type: info.type, aliases: info.aliases || [info.label], mentions: info.mentions,
               facts: 0, hidden_facts: 0, x: x, y: y, community: null};
      data.nodes.push(n); byId.set(nid, n); incident.set(nid, []); added.push(n);
    }
    addNode(id, u, cx, cy);
    var home = byId.get(id);
    u.edges.forEach(function (e) {
      [e.from, e.to].forEach(function (o) { if (!byId.has(o)) addNode(o, u.neighbours[o], home.x, home.y); });
      var copy = Object.assign({}, e, {id: data.edges.length});
      data.edges.push(copy); incident.get(copy.from).push(copy); incident.get(copy.to).push(copy);
      byId.get(copy.from).facts++; byId.get(copy.to).facts++; visibleEdge.add(copy.id);
      edges.add(Object.assign(edgeLook(copy, false), {from: copy.from, to: copy.to, label: copy.relation,
        arrows: copy.symmetric ? '' : 'to', dashes: copy.negated, width: 1 + Math.log2(copy.weight || 1)}));
    });
    importance.push.apply(importance, added);
    nodes.add(added.map(function (n) {
      return Object.assign(nodeLook(n, false), {label: n.label, x: n.x, y: n.y, shape: styleOf(n.type)[1], size: nodeSize(n)});
    }));
    undrawn.delete(id);
    selectNode(id, true);
    return true;
  }
  search.addEventListener('input', function () { hits = find(search.value); active = 0; renderSuggestions(); });
  search.addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter') { if (!hits.length) hits = find(search.value); pick(active); ev.preventDefault(); }
    else if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
      active = (active + (ev.key === 'ArrowDown' ? 1 : hits.length - 1)) % Math.max(hits.length, 1);
      renderSuggestions(); ev.preventDefault();
    } else if (ev.key === 'Escape') { hits = []; renderSuggestions(); }
  });
  search.addEventListener('blur', function () { hits = []; renderSuggestions(); });

  var colourSelect = document.getElementById('kg-colour');
  colourSelect.value = colourBy;
  colourSelect.addEventListener('change', function () {
    colourBy = colourSelect.value;
    nodes.update(data.nodes.map(function (n) { return nodeLook(n, dimmed.has(n.id)); }));
  });

  document.getElementById('kg-physics').addEventListener('change', function (ev) {
    network.setOptions({physics: {enabled: ev.target.checked}});
  });

  // For tests, benchmarks and the console.
  window.kgNetwork = network;
  window.kg = {network: network, nodes: nodes, edges: edges, data: data, find: find, selectNode: selectNode,
               labelBoxes: function () { planLabels(); return plan; },
               edgeLabelBoxes: function () { planLabels(); return edgePlan; },
               edgeLabelsShown: function () { return data.edges.filter(function (e) {
                 return !dimmedEdges.has(e.id) && (edgeLabelSize.get(e.id) || 0) * network.getScale() >= 4; }).length; },
               drawUndrawn: drawUndrawn};
})();
