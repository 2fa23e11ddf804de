/*
 * Sluice web UI: DOM building and number formatting. No framework: elements are built with h()
 * (HTML) and s() (SVG), never from HTML strings, so names from the job (operators, errors) are
 * always text.
 */
(function (global) {
  'use strict';

  var SVG_NS = 'http://www.w3.org/2000/svg';

  function append(parent, child) {
    if (child === null || child === undefined || child === false) {
      return;
    }
    if (Array.isArray(child)) {
      child.forEach(function (c) { append(parent, c); });
      return;
    }
    parent.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }

  function setAttributes(el, attrs) {
    if (!attrs) {
      return;
    }
    Object.keys(attrs).forEach(function (key) {
      var value = attrs[key];
      if (value === null || value === undefined || value === false) {
        return;
      }
      if (key === 'class') {
        el.setAttribute('class', value);
      } else if (key === 'text') {
        el.textContent = String(value);
      } else if (key.indexOf('on') === 0 && typeof value === 'function') {
        el.addEventListener(key.substring(2), value);
      } else {
        el.setAttribute(key, value === true ? '' : String(value));
      }
    });
  }

  /** An HTML element: h('td', {class: 'num'}, '12'). */
  function h(tag, attrs) {
    var el = document.createElement(tag);
    setAttributes(el, attrs);
    for (var i = 2; i < arguments.length; i++) {
      append(el, arguments[i]);
    }
    return el;
  }

  /** An SVG element: s('rect', {x: 0, y: 0, width: 10, height: 10}). */
  function s(tag, attrs) {
    var el = document.createElementNS(SVG_NS, tag);
    setAttributes(el, attrs);
    for (var i = 2; i < arguments.length; i++) {
      append(el, arguments[i]);
    }
    return el;
  }

  function clear(el) {
    while (el.firstChild) {
      el.removeChild(el.firstChild);
    }
    return el;
  }

  function syncAttributes(from, to) {
    var i;
    for (i = from.attributes.length - 1; i >= 0; i--) {
      var name = from.attributes[i].name;
      if (!to.hasAttribute(name)) {
        from.removeAttribute(name);
      }
    }
    for (i = 0; i < to.attributes.length; i++) {
      var attr = to.attributes[i];
      if (from.getAttribute(attr.name) !== attr.value) {
        from.setAttribute(attr.name, attr.value);
      }
    }
  }

  /**
   * Makes the live tree {@code from} look like the fresh tree {@code to}, changing only what
   * differs, so that a refresh does not replace the link or row under the user's pointer (a click
   * whose target is replaced between press and release is lost). Elements kept keep their event
   * listeners: pages attach listeners that depend on the page's state, not on the data drawn.
   */
  function morph(from, to) {
    if (from.nodeType !== to.nodeType || from.nodeName !== to.nodeName) {
      from.parentNode.replaceChild(to, from);
      return;
    }
    if (from.nodeType === Node.TEXT_NODE) {
      if (from.nodeValue !== to.nodeValue) {
        from.nodeValue = to.nodeValue;
      }
      return;
    }
    if (from.nodeType !== Node.ELEMENT_NODE) {
      from.parentNode.replaceChild(to, from);
      return;
    }
    syncAttributes(from, to);
    var fromKids = Array.prototype.slice.call(from.childNodes);
    var toKids = Array.prototype.slice.call(to.childNodes);
    var common = Math.min(fromKids.length, toKids.length);
    for (var i = 0; i < common; i++) {
      morph(fromKids[i], toKids[i]);
    }
    for (var j = common; j < toKids.length; j++) {
      from.appendChild(toKids[j]);
    }
    for (var k = common; k < fromKids.length; k++) {
      from.removeChild(fromKids[k]);
    }
  }

  /** Shows {@code content} in {@code container}, updating what is there in place when it can. */
  function show(container, content) {
    if (content && container.childNodes.length === 1 && container.firstChild.nodeName === content.nodeName) {
      morph(container.firstChild, content);
      return;
    }
    clear(container);
    if (content) {
      container.appendChild(content);
    }
  }

  function known(n) {
    return typeof n === 'number' && isFinite(n) && n >= 0;
  }

  /** 950, 12.3K, 1.2M, 4.5B rows. */
  function count(n) {
    if (!known(n)) {
      return '–';
    }
    if (n < 1000) {
      return String(Math.round(n));
    }
    var units = ['K', 'M', 'B', 'T'];
    var v = n;
    var u = -1;
    while (v >= 999.5 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    return (v < 9.95 ? v.toFixed(1) : Math.round(v)) + units[u];
  }

  /** 0 B, 812 B, 34 MiB, 1.2 GiB. */
  function bytes(n) {
    if (!known(n)) {
      return '–';
    }
    if (n < 1024) {
      return Math.round(n) + ' B';
    }
    var units = ['KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
    var v = n;
    var u = -1;
    while (v >= 1023.5 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (v < 9.95 ? v.toFixed(1) : Math.round(v)) + ' ' + units[u];
  }

  /** 0 ms, 850 ms, 2.3 s, 1 min 5 s, 2 h 3 min. */
  function duration(ms) {
    if (!known(ms)) {
      return '–';
    }
    if (ms < 1000) {
      return Math.round(ms) + ' ms';
    }
    var sec = ms / 1000;
    if (sec < 10) {
      return sec.toFixed(1) + ' s';
    }
    if (sec < 60) {
      return Math.round(sec) + ' s';
    }
    var min = Math.floor(sec / 60);
    if (min < 60) {
      return min + ' min ' + Math.round(sec - min * 60) + ' s';
    }
    var hours = Math.floor(min / 60);
    return hours + ' h ' + (min - hours * 60) + ' min';
  }

  function nanos(ns) {
    return known(ns) ? duration(ns / 1e6) : '–';
  }

  /** A wall-clock time: 14:03:27 today, or 2024-05-01 14:03 otherwise. */
  function time(millis) {
    if (!(typeof millis === 'number' && millis > 0)) {
      return '–';
    }
    var d = new Date(millis);
    var pad = function (x) { return (x < 10 ? '0' : '') + x; };
    var clock = pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
    var now = new Date();
    if (d.toDateString() === now.toDateString()) {
      return clock;
    }
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' + clock;
  }

  /** How long something started at {@code start} has run: to {@code end}, or to now while running. */
  function elapsed(start, end, reported) {
    if (typeof end === 'number' && end > 0 && typeof start === 'number' && start > 0) {
      return Math.max(0, end - start);
    }
    if (known(reported) && typeof end === 'number' && end > 0) {
      return reported;
    }
    if (typeof start === 'number' && start > 0) {
      return Math.max(0, Date.now() - start);
    }
    return known(reported) ? reported : -1;
  }

  /** Cuts text to {@code max} characters with an ellipsis. */
  function truncate(text, max) {
    text = String(text === null || text === undefined ? '' : text);
    return text.length <= max ? text : text.substring(0, Math.max(1, max - 1)) + '…';
  }

  function statusBadge(status) {
    var st = String(status || 'UNKNOWN');
    var label = {
      RUNNING: 'running', SUCCEEDED: 'succeeded', SUCCESS: 'success', FAILED: 'failed',
      PENDING: 'pending', COMPLETE: 'complete', ALIVE: 'alive', DEAD: 'dead'
    }[st] || st.toLowerCase();
    return h('span', {class: 'badge badge-' + st.toLowerCase()}, label);
  }

  /**
   * The device of operator {@code i} of a stage or DAG node ({@code devices} beside {@code
   * operators}: {device: 'GPU' | 'CPU', reason}), or null when the server does not know it.
   */
  function operatorDevice(stage, i) {
    var devices = stage && Array.isArray(stage.devices) ? stage.devices : [];
    var d = devices[i];
    return d && typeof d.device === 'string' ? d : null;
  }

  /** The explain marker of an operator's device: ' [GPU]', ' [CPU: why]', or '' (CPU only, or not known). */
  function deviceMarker(d) {
    if (!d) {
      return '';
    }
    if (d.device === 'GPU') {
      return ' [GPU]';
    }
    return d.reason ? ' [CPU: ' + d.reason + ']' : '';
  }

  /**
   * An operator's device as a small badge: GPU (green) or CPU, the reason an operator with a GPU
   * implementation is on the CPU as its tooltip; '–' when not known.
   */
  function deviceBadge(device, reason) {
    if (device !== 'GPU' && device !== 'CPU') {
      return '–';
    }
    var title = device === 'GPU' ? 'placed on the GPU' : reason ? 'on the CPU: ' + reason : 'runs on the CPU';
    return h('span', {class: 'device device-' + device.toLowerCase() + (device === 'CPU' && reason ? ' device-why' : ''),
      title: title}, device);
  }

  /** A progress bar: completed (green), active (blue, striped), failed (red) out of total. */
  function progress(completed, active, total, failed) {
    total = Math.max(0, total || 0);
    var pct = function (n) { return total > 0 ? Math.min(100, 100 * Math.max(0, n || 0) / total) : 0; };
    var text = (completed || 0) + '/' + total;
    if (active > 0) {
      text += ' (' + active + ' running)';
    }
    if (failed > 0) {
      text += ' · ' + failed + ' failed attempt' + (failed === 1 ? '' : 's');
    }
    return h('div', {class: 'progress', title: text},
        h('div', {class: 'progress-done', style: 'width:' + pct(completed) + '%'}),
        h('div', {class: 'progress-active', style: 'width:' + pct(active) + '%'}),
        h('span', {class: 'progress-text'}, text));
  }

  global.SluiceDom = {
    h: h, s: s, clear: clear, show: show, morph: morph, known: known, count: count, bytes: bytes, duration: duration, nanos: nanos,
    time: time, elapsed: elapsed, truncate: truncate, statusBadge: statusBadge, progress: progress,
    operatorDevice: operatorDevice, deviceMarker: deviceMarker, deviceBadge: deviceBadge
  };
})(window);
