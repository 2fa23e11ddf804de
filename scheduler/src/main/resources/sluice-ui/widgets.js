/*
 * Sluice web UI: the pieces pages are made of: sortable tables, cards and figures.
 */
(function (global) {
  'use strict';

  var D = global.SluiceDom;
  var h = D.h;

  /**
   * A table with sortable columns. columns: [{title, key(row) → sort value, cell(row) → node or
   * text, num: right-aligned}]; sort: {index, desc} kept by the page across refreshes.
   */
  function table(columns, rows, sort, options) {
    options = options || {};
    var sorted = rows.slice();
    if (sort && sort.index !== null && sort.index !== undefined && columns[sort.index] && columns[sort.index].key) {
      var key = columns[sort.index].key;
      sorted.sort(function (a, b) {
        var x = key(a);
        var y = key(b);
        var c = (typeof x === 'number' && typeof y === 'number') ? x - y
            : String(x).localeCompare(String(y), undefined, {numeric: true});
        return sort.desc ? -c : c;
      });
    }
    var head = h('tr');
    columns.forEach(function (col, i) {
      var th = h('th', {class: (col.num ? 'num' : '') + (col.key && sort ? ' sortable' : ''), title: col.help || null},
          col.title);
      if (sort && sort.index === i) {
        th.appendChild(h('span', {class: 'sort-mark'}, sort.desc ? ' ▼' : ' ▲'));
      }
      if (sort && col.key) {
        th.addEventListener('click', function () {
          if (sort.index === i) {
            sort.desc = !sort.desc;
          } else {
            sort.index = i;
            sort.desc = !!col.num;
          }
          if (sort.onChange) {
            sort.onChange();
          }
        });
      }
      head.appendChild(th);
    });
    var body = h('tbody');
    var limit = options.limit || sorted.length;
    sorted.slice(0, limit).forEach(function (row) {
      var tr = h('tr', {class: options.rowClass ? options.rowClass(row) : null});
      columns.forEach(function (col) {
        tr.appendChild(h('td', {class: col.num ? 'num' : (col.cls || null)}, col.cell(row)));
      });
      body.appendChild(tr);
    });
    var t = h('table', {class: 'data', id: options.id || null}, h('thead', null, head), body);
    var wrap = h('div', {class: 'table-wrap'}, t);
    if (rows.length === 0 && options.empty) {
      wrap.appendChild(h('div', {class: 'empty'}, options.empty));
    } else if (sorted.length > limit) {
      wrap.appendChild(h('div', {class: 'note'}, 'Showing ' + limit + ' of ' + sorted.length + ' rows.'));
    }
    return wrap;
  }

  function card(title, body, extra) {
    return h('section', {class: 'card'}, h('div', {class: 'card-head'}, h('h2', null, title), extra || null), body);
  }

  function stat(label, value, hint) {
    return h('div', {class: 'stat', title: hint || null}, h('div', {class: 'stat-label'}, label),
        h('div', {class: 'stat-value'}, value));
  }

  global.SluiceWidgets = {table: table, card: card, stat: stat};
})(window);
