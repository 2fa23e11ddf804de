/*
 * Sluice web UI: finds the application, routes #/... to a page, and keeps the page live. Updates
 * come from the server-sent events at api/v1/events (each names what changed; the page refetches
 * what it shows, at most a few times a second) with a slow poll as a fallback when the stream is
 * down. Pages are registered in SluiceApp.pages by pages.js.
 */
(function (global) {
  'use strict';

  var D = global.SluiceDom;
  var h = D.h;

  var API = 'api/v1';
  var REFRESH_MIN_INTERVAL_MS = 400;
  var POLL_LIVE_MS = 15000;
  var POLL_OFFLINE_MS = 3000;
  var SSE_RETRY_MS = 5000;

  /** An answer other than 2xx, or no answer at all (status 0). */
  function HttpError(path, status, message) {
    this.path = path;
    this.status = status;
    this.message = message;
  }

  function getJson(path) {
    return fetch(path, {headers: {Accept: 'application/json'}, cache: 'no-store'}).then(function (response) {
      if (!response.ok) {
        throw new HttpError(path, response.status, response.status === 404
            ? 'not found: ' + path
            : 'the server answered ' + response.status + ' for ' + path);
      }
      return response.json();
    }, function () {
      throw new HttpError(path, 0, 'cannot reach the server (' + path + ')');
    });
  }

  var state = {
    mode: null, // 'app' (a driver or the history server) or 'master'
    app: null, // the application shown, from api/v1/applications
    notice: null, // why it is not the one asked for with ?app=
    apps: [],
    page: null, // {element, refresh()} of the current route
    routeKey: null,
    refreshing: false,
    refreshQueued: false,
    lastRefresh: 0,
    refreshTimer: null,
    pollTimer: null,
    live: false,
    source: null
  };

  var ctx = {
    /** GET a path under the application: ctx.api('jobs/3/dag'). */
    api: function (path) {
      return getJson(API + '/applications/' + encodeURIComponent(state.app.id) + '/' + path);
    },
    /** GET a path under api/v1 (not under the application). */
    root: function (path) {
      return getJson(API + '/' + path);
    },
    app: function () {
      return state.app;
    },
    HttpError: HttpError
  };

  function el(id) {
    return document.getElementById(id);
  }

  function showBanner(text) {
    var banner = el('banner');
    banner.textContent = text;
    banner.hidden = false;
  }

  function hideBanner() {
    el('banner').hidden = true;
  }

  function setLive(live, text) {
    state.live = live;
    var dot = el('live');
    dot.className = 'live ' + (live ? 'live-on' : 'live-off');
    dot.title = text;
    el('live-text').textContent = live ? 'live' : 'polling';
  }

  function queryApp() {
    var match = /[?&]app=([^&#]*)/.exec(global.location.search);
    return match ? decodeURIComponent(match[1]) : null;
  }

  function renderHeader() {
    var nav = D.clear(el('nav'));
    var info = D.clear(el('app-info'));
    if (state.mode === 'master') {
      nav.appendChild(h('a', {href: '#/cluster', 'data-route': 'cluster'}, 'Cluster'));
      info.appendChild(h('span', {class: 'app-name'}, 'Master'));
      document.title = 'Sluice master';
    } else if (state.app) {
      nav.appendChild(h('a', {href: '#/jobs', 'data-route': 'jobs'}, 'Jobs'));
      nav.appendChild(h('a', {href: '#/executors', 'data-route': 'executors'}, 'Executors'));
      info.appendChild(h('span', {class: 'app-name', title: 'application ' + state.app.id}, state.app.name || state.app.id));
      if (state.app.master) {
        info.appendChild(h('span', {class: 'app-master', title: 'master'}, state.app.master));
      }
      if (state.app.completed) {
        info.appendChild(h('span', {class: 'badge badge-complete'}, 'finished'));
      }
      if (state.notice) {
        info.appendChild(h('span', {class: 'app-notice'}, state.notice));
      }
      if (state.apps.length > 1) {
        var select = h('select', {class: 'app-select', title: 'application'});
        state.apps.forEach(function (a) {
          var option = h('option', {value: a.id}, (a.name || a.id) + ' · ' + D.time(a.startTime));
          if (a.id === state.app.id) {
            option.selected = true;
          }
          select.appendChild(option);
        });
        select.addEventListener('change', function () {
          global.location.href = '?app=' + encodeURIComponent(select.value) + '#/jobs';
        });
        info.appendChild(select);
      }
      document.title = 'Sluice · ' + (state.app.name || state.app.id);
    }
    markNav();
  }

  function markNav() {
    var route = (global.location.hash.replace(/^#\/?/, '').split('/')[0]) || '';
    var section = {job: 'jobs', jobs: 'jobs', stages: 'jobs', plan: 'jobs', executors: 'executors', cluster: 'cluster'}[route];
    Array.prototype.forEach.call(el('nav').querySelectorAll('a'), function (a) {
      a.classList.toggle('active', a.getAttribute('data-route') === section);
    });
  }

  /**
   * Picks the application (?app=ID or the first). Where there is none (the applications answer
   * fails or is empty), a master's UI answers api/v1/cluster and the page shows the cluster.
   */
  function discover() {
    return getJson(API + '/applications').then(function (apps) {
      return Array.isArray(apps) ? apps : [];
    }, function (appsError) {
      return appsError;
    }).then(function (apps) {
      if (Array.isArray(apps) && apps.length > 0) {
        useApplications(apps);
        return null;
      }
      return getJson(API + '/cluster').then(function () {
        state.mode = 'master';
      }, function (clusterError) {
        if (!Array.isArray(apps)) {
          throw apps;
        }
        if (clusterError.status === 0) {
          throw clusterError;
        }
        useApplications(apps);
      });
    });
  }

  function useApplications(apps) {
    state.apps = apps;
    var wanted = queryApp();
    var app = null;
    apps.forEach(function (a) {
      if (a.id === wanted) {
        app = a;
      }
    });
    state.mode = 'app';
    state.app = app || apps[0] || null;
    state.notice = wanted && !app ? 'no application ' + wanted + ' here' : null;
  }

  function parseRoute() {
    var parts = global.location.hash.replace(/^#\/?/, '').split('/').filter(function (p) { return p.length > 0; });
    var pages = global.SluiceApp.pages;
    if (state.mode === 'master') {
      return {key: 'cluster', page: pages.cluster, params: {}};
    }
    var id = parts.length > 1 ? parseInt(parts[1], 10) : NaN;
    switch (parts[0]) {
      case 'jobs':
        return isNaN(id) ? {key: 'jobs', page: pages.jobs, params: {}}
            : {key: 'job/' + id, page: pages.job, params: {jobId: id}};
      case 'stages':
        if (!isNaN(id)) {
          return {key: 'stage/' + id, page: pages.stage, params: {stageId: id}};
        }
        break;
      case 'plan':
        if (!isNaN(id)) {
          return {key: 'plan/' + id, page: pages.plan, params: {jobId: id}};
        }
        break;
      case 'executors':
        return {key: 'executors', page: pages.executors, params: {}};
      default:
        break;
    }
    return {key: 'jobs', page: pages.jobs, params: {}, redirect: '#/jobs'};
  }

  function route() {
    if (!state.mode) {
      return;
    }
    var r = parseRoute();
    if (r.redirect && global.location.hash !== r.redirect) {
      global.history.replaceState(null, '', r.redirect);
    }
    markNav();
    var main = D.clear(el('main'));
    if (state.mode === 'app' && !state.app) {
      main.appendChild(h('div', {class: 'empty'}, 'No application is running here yet.'));
      state.page = null;
      return;
    }
    state.routeKey = r.key;
    state.page = r.page(r.params, ctx);
    main.appendChild(state.page.element);
    global.scrollTo(0, 0);
    refreshNow();
  }

  function refreshNow() {
    var page = state.page;
    if (!page) {
      return;
    }
    if (state.refreshing) {
      state.refreshQueued = true;
      return;
    }
    state.refreshing = true;
    state.lastRefresh = Date.now();
    Promise.resolve().then(function () {
      return page.refresh();
    }).then(function () {
      hideBanner();
    }, function (error) {
      if (error instanceof HttpError) {
        showBanner(error.status === 0
            ? 'The server does not answer (' + error.path + '); retrying.'
            : 'Could not load ' + error.path + ': ' + (error.status === 404 ? 'not found' : 'status ' + error.status) + '.');
      } else {
        showBanner('This page failed to draw: ' + (error && error.message ? error.message : error));
      }
    }).then(function () {
      state.refreshing = false;
      if (state.refreshQueued) {
        state.refreshQueued = false;
        scheduleRefresh();
      }
    });
  }

  /** Refreshes the page soon, at most once per REFRESH_MIN_INTERVAL_MS. */
  function scheduleRefresh() {
    if (state.refreshTimer !== null) {
      return;
    }
    var wait = Math.max(0, state.lastRefresh + REFRESH_MIN_INTERVAL_MS - Date.now());
    state.refreshTimer = global.setTimeout(function () {
      state.refreshTimer = null;
      refreshNow();
    }, wait);
  }

  function poll() {
    global.clearTimeout(state.pollTimer);
    state.pollTimer = global.setTimeout(function () {
      if (state.mode === 'app' && !state.app) {
        refreshApplications();
      }
      scheduleRefresh();
      poll();
    }, state.live ? POLL_LIVE_MS : POLL_OFFLINE_MS);
  }

  function onUpdate(message) {
    var data = null;
    try {
      data = JSON.parse(message.data);
    } catch (e) {
      data = null;
    }
    if (data && data.kind === 'application') {
      refreshApplications();
    }
    if (data && data.app && state.app && data.app !== state.app.id) {
      return;
    }
    scheduleRefresh();
  }

  function refreshApplications() {
    if (state.mode !== 'app') {
      return;
    }
    getJson(API + '/applications').then(function (apps) {
      state.apps = Array.isArray(apps) ? apps : [];
      var current = state.app ? state.app.id : queryApp();
      var found = null;
      state.apps.forEach(function (a) {
        if (a.id === current) {
          found = a;
        }
      });
      var hadApp = !!state.app;
      state.app = found || state.apps[0] || null;
      renderHeader();
      if (!hadApp && state.app) {
        route();
      }
    }, function () { /* the banner reports on the next page refresh */ });
  }

  function connect() {
    if (typeof global.EventSource !== 'function') {
      setLive(false, 'this browser has no server-sent events; polling');
      return;
    }
    var source = new EventSource(API + '/events');
    state.source = source;
    source.addEventListener('open', function () {
      setLive(true, 'live updates from the server');
      poll();
      scheduleRefresh();
    });
    source.addEventListener('update', onUpdate);
    source.addEventListener('error', function () {
      if (source.readyState === EventSource.CLOSED) {
        setLive(false, 'live updates unavailable; polling');
        state.source = null;
        global.setTimeout(connect, SSE_RETRY_MS);
      } else {
        setLive(false, 'reconnecting to live updates; polling');
      }
      poll();
    });
  }

  function start() {
    setLive(false, 'connecting');
    discover().then(function () {
      hideBanner();
      renderHeader();
      if (!global.location.hash || global.location.hash === '#' || global.location.hash === '#/') {
        global.history.replaceState(null, '', state.mode === 'master' ? '#/cluster' : '#/jobs');
      }
      global.addEventListener('hashchange', route);
      route();
      connect();
      poll();
    }, function (error) {
      showBanner((error && error.message ? error.message : 'The server does not answer') + '; retrying.');
      global.setTimeout(start, POLL_OFFLINE_MS);
    });
  }

  global.SluiceApp = {pages: {}, ctx: ctx, start: start};
  document.addEventListener('DOMContentLoaded', function () {
    global.SluiceApp.start();
  });
})(window);
