/*
 * Sluice web UI: the event timeline of a stage. One lane per executor slot, one bar per task
 * attempt from launch to finish (to now while it runs), coloured by status, over a time axis that
 * starts when the first attempt was launched. Idle gaps and stragglers show at a glance.
 */
(function (global) {
  'use strict';

  var D = global.SluiceDom;
  var s = D.s;

  var LABEL_W = 150;
  var LANE_H = 22;
  var BAR_H = 16;
  var AXIS_H = 26;
  var RIGHT_PAD = 16;
  var MAX_LANES = 400;

  function compareNatural(a, b) {
    return String(a).localeCompare(String(b), undefined, {numeric: true});
  }

  /** A step of 1, 2 or 5 × 10^k ms giving about {@code ticks} ticks over {@code span}. */
  function tickStep(span, ticks) {
    var raw = span / Math.max(1, ticks);
    var power = Math.pow(10, Math.floor(Math.log(raw) / Math.LN10));
    var steps = [1, 2, 5, 10];
    for (var i = 0; i < steps.length; i++) {
      if (steps[i] * power >= raw) {
        return steps[i] * power;
      }
    }
    return 10 * power;
  }

  function tickLabel(ms, step, span) {
    if (span < 2000) {
      return Math.round(ms) + ' ms';
    }
    if (step < 60000) {
      var secs = ms / 1000;
      return (step % 1000 === 0 ? String(Math.round(secs)) : secs.toFixed(step % 100 === 0 ? 1 : 2)) + ' s';
    }
    return D.duration(ms);
  }

  function taskTitle(t, now) {
    var end = t.finishTime > 0 ? t.finishTime : now;
    return 'Partition ' + t.partition + ', attempt ' + t.attempt + ' (' + String(t.status).toLowerCase() + ')\n'
        + t.executorId + ' slot ' + t.slot + '\n'
        + 'Launched ' + D.time(t.launchTime) + ', ' + (t.finishTime > 0 ? 'ran ' : 'running for ')
        + D.duration(Math.max(0, end - t.launchTime)) + '\n'
        + 'Rows in ' + D.count(t.rowsIn) + ', out ' + D.count(t.rowsOut)
        + (t.error ? '\nError: ' + D.truncate(t.error, 300) : '');
  }

  /**
   * Draws the timeline of {@code tasks} (the answer of GET stages/{id}/tasks) into a new element
   * {@code width} pixels wide.
   */
  function render(tasks, width) {
    var h = D.h;
    var launched = (Array.isArray(tasks) ? tasks : []).filter(function (t) {
      return typeof t.launchTime === 'number' && t.launchTime > 0;
    });
    if (launched.length === 0) {
      return h('div', {class: 'empty'}, 'No task has been launched yet.');
    }
    var now = Date.now();
    var lanes = {};
    var t0 = Infinity;
    var t1 = -Infinity;
    launched.forEach(function (t) {
      var key = t.executorId + '\u0000' + t.slot;
      (lanes[key] = lanes[key] || {executorId: t.executorId, slot: t.slot, tasks: []}).tasks.push(t);
      t0 = Math.min(t0, t.launchTime);
      t1 = Math.max(t1, t.finishTime > 0 ? t.finishTime : Math.max(now, t.launchTime));
    });
    var laneList = Object.keys(lanes).map(function (k) { return lanes[k]; }).sort(function (a, b) {
      return compareNatural(a.executorId, b.executorId) || (a.slot - b.slot);
    });
    var hiddenLanes = Math.max(0, laneList.length - MAX_LANES);
    laneList = laneList.slice(0, MAX_LANES);
    var span = Math.max(1, t1 - t0);
    width = Math.max(480, Math.floor(width || 960));
    var plotW = width - LABEL_W - RIGHT_PAD;
    var height = AXIS_H + laneList.length * LANE_H + 6;
    var x = function (time) { return LABEL_W + plotW * (time - t0) / span; };

    var svg = s('svg', {id: 'timeline', class: 'timeline', width: width, height: height,
      viewBox: '0 0 ' + width + ' ' + height, role: 'img', 'aria-label': 'task timeline'});
    var step = tickStep(span, Math.max(2, Math.floor(plotW / 90)));
    var axis = s('g', {class: 'axis'});
    for (var tick = 0; tick <= span + 1e-9; tick += step) {
      var tx = x(t0 + tick);
      axis.appendChild(s('line', {class: 'grid', x1: tx, x2: tx, y1: AXIS_H - 6, y2: height}));
      axis.appendChild(s('text', {class: 'tick', x: tx, y: AXIS_H - 10, 'text-anchor': 'middle'}, tickLabel(tick, step, span)));
    }
    axis.appendChild(s('text', {class: 'tick axis-origin', x: 4, y: AXIS_H - 10}, 'from ' + D.time(t0)));
    svg.appendChild(axis);

    laneList.forEach(function (lane, i) {
      var y = AXIS_H + i * LANE_H;
      var g = s('g', {class: 'lane', 'data-executor-id': lane.executorId, 'data-slot': lane.slot});
      if (i % 2 === 0) {
        g.appendChild(s('rect', {class: 'lane-bg', x: 0, y: y, width: width, height: LANE_H}));
      }
      g.appendChild(s('text', {class: 'lane-label', x: 6, y: y + LANE_H / 2 + 4},
          D.truncate(lane.executorId, 14), s('tspan', {class: 'lane-slot'}, ' · slot ' + lane.slot)));
      lane.tasks.sort(function (a, b) { return a.launchTime - b.launchTime; });
      lane.tasks.forEach(function (t) {
        var start = x(t.launchTime);
        var end = x(t.finishTime > 0 ? t.finishTime : now);
        var w = Math.max(2, end - start);
        var status = String(t.status || 'RUNNING').toLowerCase();
        var bar = s('g', {class: 'task', 'data-partition': t.partition, 'data-attempt': t.attempt},
            s('title', null, taskTitle(t, now)),
            s('rect', {class: 'task-bar task-' + status, x: start, y: y + (LANE_H - BAR_H) / 2, width: w,
              height: BAR_H, rx: 2, ry: 2}));
        var label = 'p' + t.partition + (t.attempt > 0 ? '.' + t.attempt : '');
        if (w > label.length * 7 + 6) {
          bar.appendChild(s('text', {class: 'task-label', x: start + 4, y: y + LANE_H / 2 + 4}, label));
        }
        g.appendChild(bar);
      });
      svg.appendChild(g);
    });

    var legend = h('div', {class: 'legend'},
        h('span', {class: 'legend-item'}, h('span', {class: 'legend-swatch swatch-running'}), 'running'),
        h('span', {class: 'legend-item'}, h('span', {class: 'legend-swatch swatch-complete'}), 'succeeded'),
        h('span', {class: 'legend-item'}, h('span', {class: 'legend-swatch swatch-failed'}), 'failed'),
        h('span', {class: 'legend-hint'}, laneList.length + ' slot' + (laneList.length === 1 ? '' : 's') + ', '
            + launched.length + ' attempt' + (launched.length === 1 ? '' : 's') + ' over ' + D.duration(span)
            + (hiddenLanes > 0 ? ' (' + hiddenLanes + ' more slots not drawn)' : '') + '. Hover a bar for details.'));
    return h('div', {class: 'timeline-wrap'}, legend, h('div', {class: 'timeline-scroll'}, svg));
  }

  global.SluiceTimeline = {render: render};
})(window);
