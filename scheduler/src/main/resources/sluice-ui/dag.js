/*
 * Sluice web UI: the job's stage DAG as SVG, laid out by dagre (left to right: data flows from the
 * source stages to the result stage). A node per stage lists its operators (a GPU badge on those
 * placed on the GPU) and shows its tasks' progress; an edge per shuffle is labelled with what the parent stage wrote. The layout is kept
 * while the job runs and only the figures change, so nothing jumps.
 */
(function (global) {
  'use strict';

  var D = global.SluiceDom;
  var s = D.s;

  var FONT = '12px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  var BOLD_FONT = '600 13px system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
  var MONO_FONT = '11px ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace';
  var PAD = 10;
  var HEADER_H = 24;
  var NAME_H = 18;
  var LINE_H = 15;
  var BAR_H = 6;
  var COUNTER_H = 16;
  var MIN_W = 190;
  var MAX_W = 330;
  var MAX_OPERATOR_LINES = 8;
  var EDGE_LABEL_W = 170;
  var EDGE_LABEL_H = 18;
  var BADGE_W = 28;
  var BADGE_H = 13;
  var BADGE_GAP = 6;

  var canvas = null;

  function measure(text, font) {
    if (!canvas) {
      canvas = document.createElement('canvas');
    }
    var g = canvas.getContext('2d');
    g.font = font;
    return g.measureText(text).width;
  }

  /** Cuts text until it fits {@code width} pixels in {@code font}. */
  function fit(text, font, width) {
    text = String(text);
    if (measure(text, font) <= width) {
      return text;
    }
    var lo = 1;
    var hi = text.length;
    while (lo < hi) {
      var mid = Math.ceil((lo + hi) / 2);
      if (measure(text.substring(0, mid) + '…', font) <= width) {
        lo = mid;
      } else {
        hi = mid - 1;
      }
    }
    return text.substring(0, lo) + '…';
  }

  /** The operator lines a node shows, each {text, device} (device null when not known). */
  function operatorLines(node) {
    var ops = Array.isArray(node.operators) ? node.operators : [];
    var shown = ops.length <= MAX_OPERATOR_LINES ? ops.length : MAX_OPERATOR_LINES - 1;
    var lines = [];
    for (var i = 0; i < shown; i++) {
      lines.push({text: String(ops[i]), device: D.operatorDevice(node, i)});
    }
    return {lines: lines, hidden: ops.length - shown};
  }

  function onGpu(line) {
    return line.device !== null && line.device.device === 'GPU';
  }

  function nodeSize(node) {
    var ops = operatorLines(node);
    var widest = measure('Stage ' + node.stageId + '   complete', BOLD_FONT);
    widest = Math.max(widest, measure(node.name || '', FONT));
    ops.lines.forEach(function (line) {
      widest = Math.max(widest, measure(line.text, MONO_FONT) + (onGpu(line) ? BADGE_W + BADGE_GAP : 0));
    });
    var width = Math.min(MAX_W, Math.max(MIN_W, Math.ceil(widest) + 2 * PAD));
    var lineCount = ops.lines.length + (ops.hidden > 0 ? 1 : 0);
    var height = HEADER_H + NAME_H + (lineCount > 0 ? lineCount * LINE_H + 6 : 0) + COUNTER_H + BAR_H + 2 * PAD;
    return {width: width, height: height};
  }

  /** Positions from dagre, or from a plain layering when dagre did not load. */
  function layout(dag, sizes) {
    if (global.dagre && global.dagre.graphlib) {
      var g = new global.dagre.graphlib.Graph({multigraph: true});
      g.setGraph({rankdir: 'LR', nodesep: 28, ranksep: 70, edgesep: 24, marginx: 16, marginy: 16});
      g.setDefaultEdgeLabel(function () { return {}; });
      dag.nodes.forEach(function (n) {
        g.setNode(String(n.stageId), {width: sizes[n.stageId].width, height: sizes[n.stageId].height});
      });
      dag.edges.forEach(function (e, i) {
        if (sizes[e.from] && sizes[e.to]) {
          g.setEdge(String(e.from), String(e.to), {width: EDGE_LABEL_W, height: EDGE_LABEL_H, labelpos: 'c'}, 'e' + i);
        }
      });
      global.dagre.layout(g);
      var nodes = {};
      g.nodes().forEach(function (id) {
        var n = g.node(id);
        nodes[id] = {x: n.x, y: n.y, width: n.width, height: n.height};
      });
      var edges = dag.edges.map(function (e, i) {
        var le = g.edge({v: String(e.from), w: String(e.to), name: 'e' + i});
        return le ? {points: le.points, x: le.x, y: le.y} : null;
      });
      var graph = g.graph();
      return {nodes: nodes, edges: edges, width: graph.width, height: graph.height};
    }
    return layeredLayout(dag, sizes);
  }

  function layeredLayout(dag, sizes) {
    var rank = {};
    var parents = {};
    dag.nodes.forEach(function (n) { parents[n.stageId] = []; });
    dag.edges.forEach(function (e) {
      if (parents[e.to]) {
        parents[e.to].push(e.from);
      }
    });
    function rankOf(id, depth) {
      if (rank[id] !== undefined) {
        return rank[id];
      }
      var r = 0;
      if (depth < 100) {
        (parents[id] || []).forEach(function (p) {
          if (parents[p]) {
            r = Math.max(r, rankOf(p, depth + 1) + 1);
          }
        });
      }
      rank[id] = r;
      return r;
    }
    var columns = [];
    dag.nodes.forEach(function (n) {
      var r = rankOf(n.stageId, 0);
      (columns[r] = columns[r] || []).push(n.stageId);
    });
    var nodes = {};
    var x = 16;
    var height = 0;
    columns.forEach(function (column) {
      var w = 0;
      var y = 16;
      (column || []).forEach(function (id) {
        var size = sizes[id];
        nodes[id] = {x: x + size.width / 2, y: y + size.height / 2, width: size.width, height: size.height};
        y += size.height + 28;
        w = Math.max(w, size.width);
      });
      (column || []).forEach(function (id) { nodes[id].x = x + w / 2; });
      height = Math.max(height, y);
      x += w + EDGE_LABEL_W + 40;
    });
    var edges = dag.edges.map(function (e) {
      var a = nodes[e.from];
      var b = nodes[e.to];
      if (!a || !b) {
        return null;
      }
      var p = {x: a.x + a.width / 2, y: a.y};
      var q = {x: b.x - b.width / 2, y: b.y};
      return {points: [p, q], x: (p.x + q.x) / 2, y: (p.y + q.y) / 2 - 12};
    });
    return {nodes: nodes, edges: edges, width: x - EDGE_LABEL_W - 24, height: height};
  }

  /** A smooth path through dagre's points: straight ends, quadratic bends at the inner points. */
  function edgePath(points) {
    var d = 'M' + points[0].x + ',' + points[0].y;
    if (points.length === 2) {
      return d + ' L' + points[1].x + ',' + points[1].y;
    }
    for (var i = 1; i < points.length - 1; i++) {
      var p = points[i];
      var next = points[i + 1];
      var end = i === points.length - 2 ? next : {x: (p.x + next.x) / 2, y: (p.y + next.y) / 2};
      d += ' Q' + p.x + ',' + p.y + ' ' + end.x + ',' + end.y;
    }
    return d;
  }

  function edgeLabel(edge) {
    var rows = typeof edge.rows === 'number' ? edge.rows : -1;
    var bytes = typeof edge.bytes === 'number' ? edge.bytes : -1;
    if (rows <= 0 && bytes <= 0) {
      return {text: 'shuffle ' + (edge.shuffleId >= 0 ? edge.shuffleId : ''), empty: true};
    }
    return {text: D.count(rows) + ' rows · ' + D.bytes(bytes), empty: false};
  }

  function edgeTitle(edge) {
    return 'Shuffle ' + edge.shuffleId + ': stage ' + edge.from + ' → stage ' + edge.to + '\n'
        + (typeof edge.rows === 'number' ? edge.rows.toLocaleString() : '?') + ' rows, '
        + (typeof edge.bytes === 'number' ? edge.bytes.toLocaleString() : '?') + ' bytes written';
  }

  function statusWord(status) {
    return {PENDING: 'pending', RUNNING: 'running', COMPLETE: 'complete', FAILED: 'failed'}[status]
        || String(status || '').toLowerCase();
  }

  function structureKey(dag) {
    return JSON.stringify([
      dag.nodes.map(function (n) { return [n.stageId, n.name, n.operators, n.devices]; }),
      dag.edges.map(function (e) { return [e.from, e.to]; })
    ]);
  }

  /**
   * The DAG of one job: view.element is the SVG's container; view.update(dag) draws the answer of
   * GET jobs/{id}/dag, rebuilding the drawing only when the stages or edges changed.
   */
  function DagView() {
    this.element = D.h('div', {class: 'dag-scroll'});
    this.key = null;
    this.nodes = {};
    this.edges = [];
  }

  DagView.prototype.update = function (dag) {
    dag = {nodes: Array.isArray(dag.nodes) ? dag.nodes : [], edges: Array.isArray(dag.edges) ? dag.edges : []};
    var key = structureKey(dag);
    if (key !== this.key) {
      this.build(dag);
      this.key = key;
    }
    var self = this;
    dag.nodes.forEach(function (n) { self.updateNode(n); });
    dag.edges.forEach(function (e, i) { self.updateEdge(e, i); });
  };

  DagView.prototype.build = function (dag) {
    var self = this;
    D.clear(this.element);
    this.nodes = {};
    this.edges = [];
    if (dag.nodes.length === 0) {
      this.element.appendChild(D.h('div', {class: 'empty'}, 'This job has no stages to show.'));
      return;
    }
    var sizes = {};
    dag.nodes.forEach(function (n) { sizes[n.stageId] = nodeSize(n); });
    var box = layout(dag, sizes);
    var width = Math.ceil(box.width);
    var height = Math.ceil(box.height);
    var svg = s('svg', {id: 'dag', width: width, height: height, viewBox: '0 0 ' + width + ' ' + height,
      role: 'img', 'aria-label': 'stage graph'});
    svg.appendChild(s('defs', null,
        s('marker', {id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 8, markerHeight: 8,
          orient: 'auto-start-reverse'}, s('path', {d: 'M0,0 L10,5 L0,10 z', class: 'arrow-head'}))));
    var edgeLayer = s('g', {class: 'edges'});
    var nodeLayer = s('g', {class: 'nodes'});
    var labelLayer = s('g', {class: 'edge-labels'});
    svg.appendChild(edgeLayer);
    svg.appendChild(nodeLayer);
    svg.appendChild(labelLayer);

    dag.edges.forEach(function (e, i) {
      var geometry = box.edges[i];
      if (!geometry) {
        self.edges.push(null);
        return;
      }
      var title = s('title', null, '');
      var path = s('path', {class: 'edge-line', d: edgePath(geometry.points), 'marker-end': 'url(#arrow)'});
      var labelBg = s('rect', {class: 'edge-label-bg', rx: 4, ry: 4, height: EDGE_LABEL_H});
      var labelText = s('text', {class: 'edge-label', x: geometry.x, y: geometry.y + 4, 'text-anchor': 'middle'});
      var g = s('g', {class: 'shuffle-edge', 'data-from': e.from, 'data-to': e.to, 'data-shuffle-id': e.shuffleId},
          title, path);
      edgeLayer.appendChild(g);
      labelLayer.appendChild(s('g', {class: 'shuffle-edge-label', 'data-from': e.from, 'data-to': e.to},
          s('title', null, ''), labelBg, labelText));
      self.edges.push({g: g, title: title, labelGroup: labelLayer.lastChild, labelBg: labelBg,
        labelText: labelText, x: geometry.x, y: geometry.y});
    });

    dag.nodes.forEach(function (n) {
      var geometry = box.nodes[String(n.stageId)];
      if (!geometry) {
        return;
      }
      var w = geometry.width;
      var hgt = geometry.height;
      var x0 = geometry.x - w / 2;
      var y0 = geometry.y - hgt / 2;
      var inner = w - 2 * PAD;
      var link = s('a', {href: '#/stages/' + n.stageId, class: 'stage-link'});
      var title = s('title', null, '');
      link.appendChild(title);
      link.appendChild(s('rect', {class: 'node-box', x: x0, y: y0, width: w, height: hgt, rx: 8, ry: 8}));
      link.appendChild(s('path', {class: 'node-header',
        d: 'M' + x0 + ',' + (y0 + HEADER_H) + ' V' + (y0 + 8) + ' Q' + x0 + ',' + y0 + ' ' + (x0 + 8) + ',' + y0
            + ' H' + (x0 + w - 8) + ' Q' + (x0 + w) + ',' + y0 + ' ' + (x0 + w) + ',' + (y0 + 8)
            + ' V' + (y0 + HEADER_H) + ' Z'}));
      link.appendChild(s('text', {class: 'node-title', x: x0 + PAD, y: y0 + 16}, 'Stage ' + n.stageId));
      var statusText = s('text', {class: 'node-status', x: x0 + w - PAD, y: y0 + 16, 'text-anchor': 'end'});
      link.appendChild(statusText);
      var y = y0 + HEADER_H + 14;
      link.appendChild(s('text', {class: 'node-name', x: x0 + PAD, y: y}, fit(n.name || '', FONT, inner)));
      var ops = operatorLines(n);
      if (ops.lines.length > 0 || ops.hidden > 0) {
        y += 6;
        link.appendChild(s('line', {class: 'node-rule', x1: x0 + PAD, x2: x0 + w - PAD, y1: y, y2: y}));
      }
      ops.lines.forEach(function (line) {
        y += LINE_H;
        var gpu = onGpu(line);
        link.appendChild(s('text', {class: 'node-op', x: x0 + PAD, y: y, 'xml:space': 'preserve',
          'data-device': line.device ? line.device.device : null},
            fit(line.text, MONO_FONT, gpu ? inner - BADGE_W - BADGE_GAP : inner)));
        if (gpu) {
          var bx = x0 + w - PAD - BADGE_W;
          link.appendChild(s('g', {class: 'node-op-gpu'}, s('title', null, 'placed on the GPU'),
              s('rect', {x: bx, y: y - BADGE_H + 3, width: BADGE_W, height: BADGE_H, rx: 3, ry: 3}),
              s('text', {x: bx + BADGE_W / 2, y: y, 'text-anchor': 'middle'}, 'GPU')));
        }
      });
      if (ops.hidden > 0) {
        y += LINE_H;
        link.appendChild(s('text', {class: 'node-op node-op-more', x: x0 + PAD, y: y},
            '… ' + ops.hidden + ' more (see the plan)'));
      }
      var barY = y0 + hgt - PAD - BAR_H;
      link.appendChild(s('rect', {class: 'node-bar-bg', x: x0 + PAD, y: barY, width: inner, height: BAR_H, rx: 3, ry: 3}));
      var done = s('rect', {class: 'node-bar-done', x: x0 + PAD, y: barY, width: 0, height: BAR_H, rx: 3, ry: 3});
      var active = s('rect', {class: 'node-bar-active', x: x0 + PAD, y: barY, width: 0, height: BAR_H});
      var counter = s('text', {class: 'node-counter', x: x0 + PAD, y: barY - 5});
      var percent = s('text', {class: 'node-percent', x: x0 + w - PAD, y: barY - 5, 'text-anchor': 'end'});
      link.appendChild(done);
      link.appendChild(active);
      link.appendChild(counter);
      link.appendChild(percent);
      var g = s('g', {class: 'stage-node', 'data-stage-id': n.stageId}, link);
      nodeLayer.appendChild(g);
      self.nodes[n.stageId] = {g: g, title: title, statusText: statusText, done: done, active: active,
        counter: counter, percent: percent, barX: x0 + PAD, barW: inner};
    });
    this.element.appendChild(svg);
  };

  DagView.prototype.updateNode = function (n) {
    var view = this.nodes[n.stageId];
    if (!view) {
      return;
    }
    var status = String(n.status || 'PENDING');
    view.g.setAttribute('class', 'stage-node status-' + status.toLowerCase());
    view.g.setAttribute('data-status', status);
    view.statusText.textContent = statusWord(status);
    var total = Math.max(0, n.numTasks || 0);
    var completed = Math.max(0, n.numCompletedTasks || 0);
    var running = Math.max(0, n.numActiveTasks || 0);
    var doneW = total > 0 ? view.barW * Math.min(1, completed / total) : 0;
    var activeW = total > 0 ? Math.min(view.barW - doneW, view.barW * running / total) : 0;
    view.done.setAttribute('width', doneW);
    view.active.setAttribute('x', view.barX + doneW);
    view.active.setAttribute('width', activeW);
    view.counter.textContent = completed + ' / ' + total + ' tasks' + (running > 0 ? ' · ' + running + ' running' : '');
    view.percent.textContent = total > 0 ? Math.floor(100 * completed / total) + '%' : '';
    view.title.textContent = 'Stage ' + n.stageId + ' (' + statusWord(status) + '): ' + (n.name || '') + '\n'
        + completed + ' of ' + total + ' tasks done, ' + running + ' running\n'
        + (Array.isArray(n.operators) ? n.operators.map(function (line, i) {
          return line + D.deviceMarker(D.operatorDevice(n, i));
        }).join('\n') : '') + '\nClick for tasks and timeline';
  };

  DagView.prototype.updateEdge = function (e, i) {
    var view = this.edges[i];
    if (!view) {
      return;
    }
    var label = edgeLabel(e);
    view.labelText.textContent = label.text;
    view.labelText.setAttribute('class', 'edge-label' + (label.empty ? ' edge-label-empty' : ''));
    var w = Math.ceil(measure(label.text, FONT)) + 12;
    view.labelBg.setAttribute('x', view.x - w / 2);
    view.labelBg.setAttribute('y', view.y - EDGE_LABEL_H / 2);
    view.labelBg.setAttribute('width', w);
    view.title.textContent = edgeTitle(e);
    view.labelGroup.firstChild.textContent = edgeTitle(e);
  };

  /** The colour key shown beside the graph. */
  function legend() {
    var h = D.h;
    var item = function (cls, text) {
      return h('span', {class: 'legend-item'}, h('span', {class: 'legend-swatch ' + cls}), text);
    };
    return h('div', {class: 'legend'},
        item('swatch-pending', 'pending'),
        item('swatch-running', 'running'),
        item('swatch-complete', 'complete'),
        item('swatch-failed', 'failed'),
        h('span', {class: 'legend-item'}, h('span', {class: 'legend-edge'}),
            'shuffle: rows · bytes the left stage wrote'),
        h('span', {class: 'legend-item'}, D.deviceBadge('GPU'), 'operator placed on the GPU'),
        h('span', {class: 'legend-hint'}, 'Click a stage for its tasks and timeline.'));
  }

  global.SluiceDag = {DagView: DagView, legend: legend};
})(window);
