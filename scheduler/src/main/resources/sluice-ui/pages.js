/*
 * Sluice web UI: the pages. Each page is a function (params, ctx) returning {element, refresh()}:
 * element is mounted once, refresh() refetches what the page shows and redraws its sections (the
 * stage DAG is updated in place). A 404 for the page's own subject is shown on the page; other
 * failures reject and the app shows a banner.
 */
(function (global) {
  'use strict';

  var D = global.SluiceDom;
  var h = D.h;
  var W = global.SluiceWidgets;
  var table = W.table;
  var card = W.card;
  var stat = W.stat;
  var MAX_TASK_ROWS = 2000;

  function replace(container, content) {
    D.show(container, content);
  }

  function num(v) {
    return typeof v === 'number' ? v : -1;
  }

  function notFoundOr(error, message) {
    if (error && error.status === 404) {
      return h('div', {class: 'empty'}, message);
    }
    throw error;
  }

  function jobLink(jobId, text) {
    return h('a', {href: '#/jobs/' + jobId}, text === undefined ? 'Job ' + jobId : text);
  }

  function stageLink(stageId, text) {
    return h('a', {href: '#/stages/' + stageId}, text === undefined ? 'Stage ' + stageId : text);
  }

  function jobDuration(job) {
    return D.elapsed(job.submissionTime, job.completionTime, job.durationMillis);
  }

  function stageDuration(stage) {
    if (!(stage.submissionTime > 0)) {
      return -1;
    }
    return D.elapsed(stage.submissionTime, stage.completionTime, -1);
  }

  function sortState(page, index, desc) {
    return {index: index, desc: desc, onChange: function () { page.redraw(); }};
  }

  // ---------------------------------------------------------------- Jobs

  function jobsPage(params, ctx) {
    var summary = h('div', {class: 'page-head'}, h('h1', null, 'Jobs'));
    var body = h('section', {class: 'card'});
    var last = null;
    var page = {
      element: h('div', {class: 'page page-jobs'}, summary, body),
      refresh: function () {
        return ctx.api('jobs').then(function (jobs) {
          last = Array.isArray(jobs) ? jobs : [];
          page.redraw();
        });
      },
      redraw: function () {
        if (!last) {
          return;
        }
        var counts = {RUNNING: 0, SUCCEEDED: 0, FAILED: 0};
        last.forEach(function (j) { counts[j.status] = (counts[j.status] || 0) + 1; });
        replace(summary, h('div', {class: 'page-head-row'}, h('h1', null, 'Jobs'),
            h('div', {class: 'counts'},
                h('span', {class: 'count-running'}, counts.RUNNING + ' running'),
                h('span', {class: 'count-succeeded'}, counts.SUCCEEDED + ' succeeded'),
                h('span', {class: 'count-failed'}, counts.FAILED + ' failed'))));
        replace(body, table([
          {title: 'Job', num: true, key: function (j) { return j.jobId; }, cell: function (j) { return jobLink(j.jobId, String(j.jobId)); }},
          {title: 'Description', key: function (j) { return j.description || ''; }, cls: 'wrap',
            cell: function (j) { return jobLink(j.jobId, D.truncate(j.description || '(no description)', 120)); }},
          {title: 'Status', key: function (j) { return j.status; }, cell: function (j) { return D.statusBadge(j.status); }},
          {title: 'Submitted', key: function (j) { return num(j.submissionTime); }, cell: function (j) { return D.time(j.submissionTime); }},
          {title: 'Duration', num: true, key: jobDuration, cell: function (j) { return D.duration(jobDuration(j)); }},
          {title: 'Stages', num: true, key: function (j) { return num(j.numCompletedStages); },
            cell: function (j) { return (j.numCompletedStages || 0) + '/' + (j.numStages || 0); }, help: 'stages done / total'},
          {title: 'Tasks', cls: 'progress-cell', key: function (j) { return num(j.numCompletedTasks); },
            cell: function (j) { return D.progress(j.numCompletedTasks, j.numActiveTasks, j.numTasks, j.numFailedTasks); }}
        ], last, page.sort, {id: 'jobs', empty: 'No jobs yet: they appear here when an action (collect, count, save…) runs.',
          rowClass: function (j) { return 'job-row status-' + String(j.status).toLowerCase(); }}));
      }
    };
    page.sort = sortState(page, 0, true);
    return page;
  }

  // ---------------------------------------------------------------- Job

  function stageTable(stages, sort) {
    return table([
      {title: 'Stage', num: true, key: function (st) { return st.stageId; }, cell: function (st) { return stageLink(st.stageId, String(st.stageId)); }},
      {title: 'Name', cls: 'wrap', key: function (st) { return st.name || ''; }, cell: function (st) { return stageLink(st.stageId, D.truncate(st.name || '', 90)); }},
      {title: 'Status', key: function (st) { return st.status; }, cell: function (st) { return D.statusBadge(st.status); }},
      {title: 'Duration', num: true, key: stageDuration, cell: function (st) { return D.duration(stageDuration(st)); }},
      {title: 'Tasks', cls: 'progress-cell', key: function (st) { return num(st.numCompletedTasks); },
        cell: function (st) { return D.progress(st.numCompletedTasks, st.numActiveTasks, st.numTasks, st.numFailedTasks); }},
      {title: 'Rows in', num: true, key: function (st) { return num(st.rowsIn); }, cell: function (st) { return D.count(st.rowsIn); }},
      {title: 'Rows out', num: true, key: function (st) { return num(st.rowsOut); }, cell: function (st) { return D.count(st.rowsOut); }},
      {title: 'Shuffle read', num: true, key: function (st) { return num(st.shuffleReadBytes); }, cell: function (st) { return D.bytes(st.shuffleReadBytes); }},
      {title: 'Shuffle write', num: true, key: function (st) { return num(st.shuffleWriteBytes); }, cell: function (st) { return D.bytes(st.shuffleWriteBytes); }},
      {title: 'Spill', num: true, key: function (st) { return num(st.spillBytes); }, cell: function (st) { return D.bytes(st.spillBytes); }}
    ], stages, sort, {id: 'stages', empty: 'No stages.'});
  }

  function jobPage(params, ctx) {
    var jobId = params.jobId;
    var head = h('div', {class: 'page-head'}, h('h1', null, 'Job ' + jobId));
    var failure = h('div');
    var dagView = new global.SluiceDag.DagView();
    var dagCard = card('Stages and shuffles', h('div', null, global.SluiceDag.legend(), dagView.element),
        h('a', {class: 'card-link', href: '#/plan/' + jobId}, 'Plans and operator metrics →'));
    var stagesBody = h('div');
    var stagesCard = card('Stage details', stagesBody);
    var content = h('div', null, failure, dagCard, stagesCard);
    var missing = h('div');
    var lastStages = null;
    var page = {
      element: h('div', {class: 'page page-job'}, head, missing, content),
      refresh: function () {
        return ctx.api('jobs/' + jobId).then(function (job) {
          return Promise.all([job, ctx.api('jobs/' + jobId + '/dag'), ctx.api('stages')]);
        }).then(function (answers) {
              replace(missing, null);
              content.hidden = false;
              page.draw(answers[0], answers[1], answers[2]);
            }, function (error) {
              replace(missing, notFoundOr(error, 'Job ' + jobId + ' is not known to this application (yet).'));
              content.hidden = true;
            });
      },
      draw: function (job, dag, stages) {
        replace(head, h('div', null,
            h('div', {class: 'crumbs'}, h('a', {href: '#/jobs'}, 'Jobs'), ' / Job ' + jobId),
            h('div', {class: 'page-head-row'},
                h('h1', null, 'Job ' + jobId, ' ', D.statusBadge(job.status)),
                h('a', {class: 'button', href: '#/plan/' + jobId}, 'Plan')),
            h('div', {class: 'subtitle'}, job.description || ''),
            h('div', {class: 'stats'},
                stat('Duration', D.duration(jobDuration(job))),
                stat('Submitted', D.time(job.submissionTime)),
                stat('Stages', (job.numCompletedStages || 0) + ' / ' + (job.numStages || 0)),
                stat('Tasks', D.progress(job.numCompletedTasks, job.numActiveTasks, job.numTasks, job.numFailedTasks)),
                job.numFailedTasks > 0 ? stat('Failed attempts', String(job.numFailedTasks)) : null)));
        replace(failure, job.failureReason
            ? h('div', {class: 'error-box'}, h('strong', null, 'Failed: '), h('pre', null, job.failureReason))
            : null);
        dagView.update(dag || {});
        lastStages = (Array.isArray(stages) ? stages : []).filter(function (st) { return st.jobId === jobId; });
        page.redraw();
      },
      redraw: function () {
        if (lastStages) {
          replace(stagesBody, stageTable(lastStages, page.sort));
        }
      }
    };
    page.sort = sortState(page, 0, false);
    return page;
  }

  // ---------------------------------------------------------------- Stage

  function quantileTable(summary) {
    var q = Array.isArray(summary.quantiles) && summary.quantiles.length > 0 ? summary.quantiles : [0, 0.25, 0.5, 0.75, 1];
    var names = q.map(function (x) {
      return x === 0 ? 'Min' : x === 1 ? 'Max' : x === 0.5 ? 'Median' : Math.round(x * 100) + 'th percentile';
    });
    var rows = [
      {label: 'Duration', values: summary.durationMillis, fmt: D.duration},
      {label: 'Rows out', values: summary.rowsOut, fmt: D.count},
      {label: 'Shuffle read', values: summary.shuffleReadBytes, fmt: D.bytes},
      {label: 'Shuffle write', values: summary.shuffleWriteBytes, fmt: D.bytes}
    ];
    var any = rows.some(function (r) { return Array.isArray(r.values) && r.values.length > 0; });
    if (!any) {
      return h('div', {class: 'empty'}, 'No task has succeeded yet.');
    }
    var head = h('tr', null, h('th', null, 'Metric'));
    names.forEach(function (n) { head.appendChild(h('th', {class: 'num'}, n)); });
    var body = h('tbody');
    rows.forEach(function (r) {
      var tr = h('tr', null, h('th', {scope: 'row'}, r.label));
      q.forEach(function (x, i) {
        tr.appendChild(h('td', {class: 'num'}, Array.isArray(r.values) && i < r.values.length ? r.fmt(r.values[i]) : '–'));
      });
      body.appendChild(tr);
    });
    return h('div', {class: 'table-wrap'}, h('table', {class: 'data quantiles', id: 'quantiles'}, h('thead', null, head), body));
  }

  function taskDuration(t) {
    if (typeof t.durationMillis === 'number' && t.durationMillis >= 0 && t.finishTime > 0) {
      return t.durationMillis;
    }
    return D.elapsed(t.launchTime, t.finishTime, t.durationMillis);
  }

  function taskTable(tasks, sort) {
    var anyError = tasks.some(function (t) { return !!t.error; });
    var columns = [
      {title: 'Partition', num: true, key: function (t) { return t.partition; }, cell: function (t) { return String(t.partition); }},
      {title: 'Attempt', num: true, key: function (t) { return t.attempt; }, cell: function (t) { return String(t.attempt); }},
      {title: 'Executor', key: function (t) { return t.executorId || ''; }, cell: function (t) { return t.executorId || '–'; }},
      {title: 'Slot', num: true, key: function (t) { return num(t.slot); }, cell: function (t) { return t.slot >= 0 ? String(t.slot) : '–'; }},
      {title: 'Status', key: function (t) { return t.status; }, cell: function (t) { return D.statusBadge(t.status); }},
      {title: 'Duration', num: true, key: taskDuration, cell: function (t) { return D.duration(taskDuration(t)); }},
      {title: 'Rows in', num: true, key: function (t) { return num(t.rowsIn); }, cell: function (t) { return D.count(t.rowsIn); }},
      {title: 'Rows out', num: true, key: function (t) { return num(t.rowsOut); }, cell: function (t) { return D.count(t.rowsOut); }},
      {title: 'Shuffle read', num: true, key: function (t) { return num(t.shuffleReadBytes); }, cell: function (t) { return D.bytes(t.shuffleReadBytes); }},
      {title: 'Shuffle write', num: true, key: function (t) { return num(t.shuffleWriteBytes); }, cell: function (t) { return D.bytes(t.shuffleWriteBytes); }},
      {title: 'Spill', num: true, key: function (t) { return num(t.spillBytes); }, cell: function (t) { return D.bytes(t.spillBytes); }},
      {title: 'Peak memory', num: true, key: function (t) { return num(t.peakMemoryBytes); }, cell: function (t) { return D.bytes(t.peakMemoryBytes); }},
      {title: 'Device', key: function (t) { return t.device || ''; },
        cell: function (t) { return t.device ? h('span', {class: 'device device-' + String(t.device).toLowerCase()}, t.device) : '–'; }},
      {title: 'GPU fallback', num: true, key: function (t) { return t.device ? num(t.gpuFallbackBatches) : -1; },
        cell: function (t) {
          if (!t.device) {
            return '–';
          }
          var n = typeof t.gpuFallbackBatches === 'number' ? t.gpuFallbackBatches : 0;
          return n > 0 ? h('span', {class: 'fallback-count', title: n + ' batch' + (n === 1 ? '' : 'es')
              + ' of GPU operators ran on the CPU (the GPU failed on them)'}, D.count(n)) : '0';
        }},
      anyError ? {title: 'Error', cls: 'error-cell', key: function (t) { return t.error || ''; },
        cell: function (t) { return t.error ? h('span', {title: t.error}, D.truncate(t.error, 120)) : ''; }} : null
    ].filter(function (c) { return c !== null; });
    return table(columns, tasks, sort, {id: 'tasks', limit: MAX_TASK_ROWS, empty: 'No task has been launched yet.',
      rowClass: function (t) { return 'task-row status-' + String(t.status).toLowerCase(); }});
  }

  function stagePage(params, ctx) {
    var stageId = params.stageId;
    var head = h('div', {class: 'page-head'}, h('h1', null, 'Stage ' + stageId));
    var quantiles = h('div');
    var timeline = h('div');
    var tasksBody = h('div');
    var timelineCard = card('Event timeline (one lane per executor slot)', timeline);
    var content = h('div', null,
        card('Task summary (successful tasks)', quantiles),
        timelineCard,
        card('Tasks', tasksBody));
    var missing = h('div');
    var lastTasks = null;
    var page = {
      element: h('div', {class: 'page page-stage'}, head, missing, content),
      refresh: function () {
        return ctx.api('stages/' + stageId).then(function (stage) {
          return Promise.all([stage, ctx.api('stages/' + stageId + '/tasks'), ctx.api('stages/' + stageId + '/summary')]);
        }).then(function (answers) {
          replace(missing, null);
          content.hidden = false;
          page.draw(answers[0], answers[1], answers[2]);
        }, function (error) {
          replace(missing, notFoundOr(error, 'Stage ' + stageId + ' is not known to this application (yet).'));
          content.hidden = true;
        });
      },
      draw: function (stage, tasks, summary) {
        lastTasks = Array.isArray(tasks) ? tasks : [];
        replace(head, h('div', null,
            h('div', {class: 'crumbs'}, h('a', {href: '#/jobs'}, 'Jobs'), ' / ', jobLink(stage.jobId), ' / Stage ' + stageId),
            h('div', {class: 'page-head-row'}, h('h1', null, 'Stage ' + stageId, ' ', D.statusBadge(stage.status))),
            h('div', {class: 'subtitle'}, stage.name || ''),
            h('div', {class: 'stats'},
                stat('Tasks', D.progress(stage.numCompletedTasks, stage.numActiveTasks, stage.numTasks, stage.numFailedTasks)),
                stat('Duration', D.duration(stageDuration(stage))),
                stat('Rows in', D.count(stage.rowsIn)),
                stat('Rows out', D.count(stage.rowsOut)),
                stat('Shuffle read', D.bytes(stage.shuffleReadBytes)),
                stat('Shuffle write', D.bytes(stage.shuffleWriteBytes)),
                stat('Spill', D.bytes(stage.spillBytes)),
                stage.numFailedTasks > 0 ? stat('Failed attempts', String(stage.numFailedTasks)) : null),
            stageRelations(stage)));
        replace(quantiles, quantileTable(summary || {}));
        replace(timeline, global.SluiceTimeline.render(lastTasks, timelineCard.clientWidth - 34));
        page.redraw();
      },
      redraw: function () {
        if (lastTasks) {
          replace(tasksBody, taskTable(lastTasks, page.sort));
        }
      }
    };
    page.sort = sortState(page, 0, false);
    return page;
  }

  function stageRelations(stage) {
    var parts = [];
    var parents = Array.isArray(stage.parentIds) ? stage.parentIds : [];
    if (parents.length > 0) {
      parts.push(h('span', null, 'Reads the shuffle output of ', parents.map(function (p, i) {
        return [i > 0 ? ', ' : '', stageLink(p)];
      })));
    }
    if (typeof stage.shuffleId === 'number' && stage.shuffleId >= 0) {
      parts.push(h('span', null, 'Writes shuffle ' + stage.shuffleId));
    } else {
      parts.push(h('span', null, 'Result stage'));
    }
    var ops = Array.isArray(stage.operators) ? stage.operators : [];
    return h('div', {class: 'relations'}, parts.map(function (p, i) { return [i > 0 ? ' · ' : '', p]; }),
        ops.length > 0 ? h('details', {class: 'operators'}, h('summary', null, 'Operators (' + ops.length + ')'),
            h('pre', null, ops.map(function (line, i) {
              return line + D.deviceMarker(D.operatorDevice(stage, i));
            }).join('\n'))) : null);
  }

  // ---------------------------------------------------------------- Executors

  function memoryCell(memory) {
    if (!Array.isArray(memory) || memory.length === 0) {
      return '–';
    }
    return h('div', {class: 'memory-list'}, memory.map(function (m) {
      return h('div', {class: 'memory-line', title: m.name + ': ' + D.bytes(m.allocatedBytes) + ' allocated, peak ' + D.bytes(m.peakBytes)},
          h('span', {class: 'memory-name'}, m.name), ' ',
          h('span', {class: 'memory-value'}, D.bytes(m.allocatedBytes)),
          h('span', {class: 'memory-peak'}, ' (peak ' + D.bytes(m.peakBytes) + ')'));
    }));
  }

  function executorsPage(params, ctx) {
    var body = h('div');
    var last = null;
    var page = {
      element: h('div', {class: 'page page-executors'}, h('div', {class: 'page-head'}, h('h1', null, 'Executors')), body),
      refresh: function () {
        return ctx.api('executors').then(function (executors) {
          last = Array.isArray(executors) ? executors : [];
          page.redraw();
        });
      },
      redraw: function () {
        if (!last) {
          return;
        }
        var alive = last.filter(function (e) { return e.status === 'ALIVE'; });
        var slots = alive.reduce(function (sum, e) { return sum + (e.slots || 0); }, 0);
        var active = alive.reduce(function (sum, e) { return sum + (e.activeTasks || 0); }, 0);
        replace(body, h('div', null,
            h('div', {class: 'stats'}, stat('Executors alive', String(alive.length)), stat('Slots', String(slots)),
                stat('Busy slots', active + ' / ' + slots)),
            h('section', {class: 'card'}, table([
              {title: 'Executor', key: function (e) { return e.executorId; }, cell: function (e) { return e.executorId; }},
              {title: 'Status', key: function (e) { return e.status; }, cell: function (e) { return D.statusBadge(e.status); }},
              {title: 'Slots', num: true, key: function (e) { return num(e.slots); }, cell: function (e) { return String(e.slots); }},
              {title: 'Active tasks', num: true, key: function (e) { return num(e.activeTasks); }, cell: function (e) { return String(e.activeTasks || 0); }},
              {title: 'Completed', num: true, key: function (e) { return num(e.completedTasks); }, cell: function (e) { return String(e.completedTasks || 0); }},
              {title: 'Failed', num: true, key: function (e) { return num(e.failedTasks); },
                cell: function (e) { return e.failedTasks > 0 ? h('span', {class: 'failed-count'}, String(e.failedTasks)) : '0'; }},
              {title: 'Memory in use (per allocator)', cls: 'wrap', cell: function (e) { return memoryCell(e.memory); }}
            ], last, page.sort, {id: 'executors', empty: 'No executor has registered.',
              rowClass: function (e) { return 'status-' + String(e.status).toLowerCase(); }}))));
      }
    };
    page.sort = sortState(page, 0, false);
    return page;
  }

  // ---------------------------------------------------------------- Plan

  function operatorTable(stages) {
    var rows = [];
    stages.forEach(function (st) {
      var ops = Array.isArray(st.operators) ? st.operators : [];
      var total = ops.reduce(function (sum, op) { return sum + Math.max(0, op.nanos || 0); }, 0);
      ops.forEach(function (op, i) {
        rows.push({stage: st, op: op, first: i === 0, span: ops.length, share: total > 0 ? Math.max(0, op.nanos || 0) / total : 0});
      });
      if (ops.length === 0) {
        rows.push({stage: st, op: null, first: true, span: 1, share: 0});
      }
    });
    var body = h('tbody');
    rows.forEach(function (r) {
      var tr = h('tr', {class: r.first ? 'group-start' : null});
      if (r.first) {
        tr.appendChild(h('td', {rowspan: r.span, class: 'group-cell'}, stageLink(r.stage.stageId),
            h('div', {class: 'muted'}, D.truncate(r.stage.name || '', 60))));
      }
      if (r.op) {
        tr.appendChild(h('td', {class: 'mono'}, r.op.name));
        tr.appendChild(h('td', {class: 'device-cell'}, D.deviceBadge(r.op.device, r.op.reason)));
        tr.appendChild(h('td', {class: 'num'}, D.count(r.op.rows)));
        tr.appendChild(h('td', {class: 'num'}, D.nanos(r.op.nanos)));
        tr.appendChild(h('td', {class: 'share-cell'}, h('div', {class: 'share', title: Math.round(r.share * 100) + '% of the stage\'s operator time'},
            h('div', {class: 'share-bar', style: 'width:' + (100 * r.share).toFixed(1) + '%'}))));
      } else {
        tr.appendChild(h('td', {colspan: 5, class: 'muted'}, 'No operator metrics (yet).'));
      }
      body.appendChild(tr);
    });
    return h('div', {class: 'table-wrap'}, h('table', {class: 'data operators-table', id: 'operators'},
        h('thead', null, h('tr', null, h('th', null, 'Stage'), h('th', null, 'Operator'), h('th', null, 'Device'),
            h('th', {class: 'num'}, 'Rows'),
            h('th', {class: 'num'}, 'Time'), h('th', null, 'Share of stage time'))), body),
        rows.length === 0 ? h('div', {class: 'empty'}, 'No stages.') : null);
  }

  function planPage(params, ctx) {
    var jobId = params.jobId;
    var head = h('div', {class: 'page-head'}, h('h1', null, 'Plan of job ' + jobId));
    var body = h('div');
    var opened = {};
    return {
      element: h('div', {class: 'page page-plan'}, head, body),
      refresh: function () {
        return ctx.api('jobs/' + jobId + '/plan').then(function (plan) {
          replace(head, h('div', null,
              h('div', {class: 'crumbs'}, h('a', {href: '#/jobs'}, 'Jobs'), ' / ', jobLink(jobId), ' / Plan'),
              h('div', {class: 'page-head-row'}, h('h1', null, 'Plan of job ' + jobId),
                  h('a', {class: 'button', href: '#/jobs/' + jobId}, 'Stage graph'))));
          var plans = Array.isArray(plan.plans) ? plan.plans : [];
          var sections = plans.map(function (p, i) {
            var key = p.title || String(i);
            var details = h('details', {class: 'plan-text', open: opened[key] !== false},
                h('summary', null, p.title || 'Plan ' + (i + 1)), h('pre', null, p.text || ''));
            details.addEventListener('toggle', function () { opened[key] = details.open; });
            return details;
          });
          replace(body, h('div', null,
              card('Operators per stage (summed over successful tasks)', operatorTable(Array.isArray(plan.stages) ? plan.stages : [])),
              card('Plans', sections.length > 0 ? h('div', null, sections) : h('div', {class: 'empty'}, 'No plan text was recorded for this job.'))));
        }, function (error) {
          replace(body, notFoundOr(error, 'Job ' + jobId + ' is not known to this application (yet).'));
        });
      }
    };
  }

  // ---------------------------------------------------------------- Master

  function clusterPage(params, ctx) {
    var body = h('div');
    return {
      element: h('div', {class: 'page page-cluster'}, h('div', {class: 'page-head'}, h('h1', null, 'Cluster')), body),
      refresh: function () {
        return ctx.root('cluster').then(function (cluster) {
          var workers = Array.isArray(cluster.workers) ? cluster.workers : [];
          var apps = Array.isArray(cluster.applications) ? cluster.applications : [];
          var cores = workers.reduce(function (sum, w) { return sum + (w.cores || 0); }, 0);
          var memory = workers.reduce(function (sum, w) { return sum + (w.memoryBytes || 0); }, 0);
          replace(body, h('div', null,
              h('div', {class: 'stats'}, stat('Workers', String(workers.length)), stat('Cores', String(cores)),
                  stat('Memory', D.bytes(memory)), stat('Applications', String(apps.length))),
              card('Workers', table([
                {title: 'Worker', cell: function (w) { return w.workerId; }},
                {title: 'Host', cell: function (w) { return w.host || '–'; }},
                {title: 'Cores', num: true, cell: function (w) { return String(w.cores); }},
                {title: 'Memory', num: true, cell: function (w) { return D.bytes(w.memoryBytes); }},
                {title: 'State', cell: function (w) { return D.statusBadge(w.state); }}
              ], workers, null, {id: 'workers', empty: 'No worker has joined.'})),
              card('Applications', table([
                {title: 'Application', cell: function (a) { return a.appId; }},
                {title: 'Name', cell: function (a) { return a.name || ''; }},
                {title: 'State', cell: function (a) { return D.statusBadge(a.state); }},
                {title: 'Executors', cls: 'wrap', cell: function (a) {
                  var ex = Array.isArray(a.executors) ? a.executors : [];
                  return ex.length + (ex.length > 0 ? ': ' + ex.map(function (e) { return typeof e === 'string' ? e : JSON.stringify(e); }).join(', ') : '');
                }},
                {title: 'Web UI', cell: function (a) {
                  return a.uiUrl ? h('a', {href: a.uiUrl, target: '_blank', rel: 'noopener'}, a.uiUrl) : '–';
                }}
              ], apps, null, {id: 'applications', empty: 'No application has run.'}))));
        });
      }
    };
  }

  var pages = global.SluiceApp.pages;
  pages.jobs = jobsPage;
  pages.job = jobPage;
  pages.stage = stagePage;
  pages.executors = executorsPage;
  pages.plan = planPage;
  pages.cluster = clusterPage;
})(window);
