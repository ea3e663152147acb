/*
 * The Herald page: fills the tabs from the plugin's JSON calls. Everything from Herald (event
 * content above all) is written with textContent, never as markup.
 */
(function () {
  'use strict';
  var page = document.getElementById('herald');
  var root = page.getAttribute('data-root');
  var appRoot = root.substring(0, root.lastIndexOf('/'));
  var token = page.getAttribute('data-token');
  var REFRESH_MS = 5000;
  var RATE_WINDOW_MS = 60000;
  var samples = [];

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (cls) { node.className = cls; }
    return node;
  }
  function button(label, action, cls) {
    var b = el('button', label, cls);
    b.type = 'button';
    b.addEventListener('click', action);
    return b;
  }
  function table(target, headers, rows) {
    target.textContent = '';
    var head = el('tr');
    headers.forEach(function (h) { head.appendChild(el('th', h)); });
    target.appendChild(head);
    rows.forEach(function (cells) {
      var tr = el('tr');
      cells.forEach(function (c) {
        var td = el('td');
        if (c instanceof Node) { td.appendChild(c); } else { td.textContent = c === null || c === undefined ? '' : String(c); }
        tr.appendChild(td);
      });
      target.appendChild(tr);
    });
    if (rows.length === 0) {
      var empty = el('tr'); var td = el('td', 'none'); td.colSpan = headers.length; empty.appendChild(td); target.appendChild(empty);
    }
  }
  function message(text, isError) {
    var m = document.getElementById('herald-message');
    m.textContent = text || '';
    m.className = 'herald-message' + (isError ? ' herald-error' : '');
  }
  function query(params) {
    var parts = [];
    Object.keys(params || {}).forEach(function (k) {
      [].concat(params[k]).forEach(function (v) {
        if (v !== undefined && v !== null && v !== '') { parts.push(encodeURIComponent(k) + '=' + encodeURIComponent(v)); }
      });
    });
    return parts.length ? '?' + parts.join('&') : '';
  }
  function call(method, path, params, body) {
    var init = { method: method, credentials: 'same-origin', headers: {} };
    if (method === 'POST') {
      init.headers['X-Herald-CSRF'] = token;
      init.headers['Content-Type'] = 'text/plain;charset=UTF-8';
      init.body = body || '';
    }
    return fetch(root + '/api/' + path + query(params), init).then(function (r) {
      return r.json().then(function (data) {
        if (!r.ok) { throw new Error(data.error || ('HTTP ' + r.status)); }
        return data;
      });
    });
  }
  function failed(e) { message(e.message, true); }

  /* ---------- Pipeline ---------- */
  function rate(key, value, now) {
    var oldest = samples.length ? samples[0] : null;
    if (!oldest || oldest.values[key] === undefined || now - oldest.at <= 0) { return ''; }
    return ((value - oldest.values[key]) * 60000 / (now - oldest.at)).toFixed(1) + '/min';
  }
  function state(text, error) {
    var s = el('span', text, 'herald-state herald-state-' + text);
    if (error) { s.title = error; }
    return s;
  }
  function renderPipeline(p) {
    var now = Date.now();
    var values = {};
    var o = p.overview;
    document.getElementById('pipeline-overview').textContent = 'Received ' + o.totals.received + ', routed '
      + o.totals.routed + ', silenced ' + o.totals.silenced + ', delivered ' + o.totals.delivered + ', waiting ' + o.pending + ', dead letters '
      + o.deadLetters + ', quarantined ' + o.quarantined + ' · store ' + o.store;
    var problems = document.getElementById('pipeline-problems');
    problems.textContent = '';
    o.problems.forEach(function (pr) { problems.appendChild(el('li', pr.subject + ': ' + pr.message)); });
    table(document.getElementById('pipeline-sources'),
      ['Source', 'Kind', 'State', 'Received', 'Deduped', 'Quarantined', 'Rate', 'Problem'],
      p.sources.map(function (s) {
        values['source:' + s.instance] = s.counters.received;
        return [s.instance, s.kind, state(s.state, s.error), s.counters.received, s.counters.deduped,
          s.counters.quarantined, rate('source:' + s.instance, s.counters.received, now), s.error];
      }));
    table(document.getElementById('pipeline-routes'),
      ['Route', 'Sinks', 'Routed', 'Throttled', 'Silenced', 'Rate', 'Problem'],
      p.routes.map(function (r) {
        values['route:' + r.name] = r.counters.routed;
        return [r.name + (r.enabled ? '' : ' (off)'), r.sinks.join(', '), r.counters.routed, r.counters.throttled,
          r.counters.silenced, rate('route:' + r.name, r.counters.routed, now), r.error];
      }));
    table(document.getElementById('pipeline-sinks'),
      ['Sink', 'Kind', 'State', 'Delivered', 'Retried', 'Dead letters', 'Silenced', 'Waiting', 'Rate', 'Last error'],
      p.sinks.map(function (s) {
        values['sink:' + s.name] = s.counters.delivered;
        return [s.name, s.kind, state(s.state, s.error), s.counters.delivered, s.counters.retried, s.deadLetters,
          s.counters.silenced, s.pending, rate('sink:' + s.name, s.counters.delivered, now), s.error || s.lastError];
      }));
    samples.push({ at: now, values: values });
    while (samples.length > 2 && now - samples[1].at >= RATE_WINDOW_MS) { samples.shift(); }
    var select = document.getElementById('sendtest-sink');
    var chosen = select.value;
    select.textContent = '';
    p.sinks.forEach(function (s) { var opt = el('option', s.name); opt.value = s.name; select.appendChild(opt); });
    if (chosen) { select.value = chosen; }
  }
  function refreshPipeline() {
    call('GET', 'pipeline').then(renderPipeline).catch(failed);
  }

  /* ---------- Events ---------- */
  function eventLink(id) {
    var a = el('a', id, 'herald-link');
    a.href = '#';
    a.addEventListener('click', function (e) { e.preventDefault(); show('events'); showEvent(id); });
    return a;
  }
  function searchEvents(e) {
    if (e) { e.preventDefault(); }
    var form = document.getElementById('events-form');
    var params = {};
    ['q', 'instance', 'type', 'severity', 'from', 'to'].forEach(function (n) { params[n] = form.elements[n].value; });
    call('GET', 'events', params).then(function (list) {
      message(list.length + ' event(s)');
      table(document.getElementById('events-list'), ['Id', 'Time', 'Source instance', 'Type', 'Severity', 'Routes'],
        list.map(function (v) {
          return [eventLink(v.event.id), v.event.time, v.event.instance, v.event.type, v.event.severity, v.routes.join(', ')];
        }));
    }).catch(failed);
  }
  function showEvent(id) {
    call('GET', 'event', { id: id }).then(function (d) {
      var box = document.getElementById('event-detail');
      box.textContent = '';
      box.appendChild(el('h3', 'Event ' + d.view.event.id));
      box.appendChild(el('p', 'Received ' + d.view.received + ' · matched routes: ' + (d.view.routes.join(', ') || 'none')));
      box.appendChild(el('h4', 'Envelope'));
      box.appendChild(el('pre', JSON.stringify(d.view.event.envelope, null, 2), 'herald-raw herald-envelope'));
      box.appendChild(el('h4', 'Raw record'));
      box.appendChild(el('pre', d.view.event.raw, 'herald-raw'));
      box.appendChild(el('h4', 'Deliveries'));
      var t = el('table', null, 'herald-table');
      table(t, ['At', 'Sink', 'Route', 'Attempt', 'Outcome', 'Detail'], d.deliveries.map(function (h) {
        return [h.at, h.sink, h.route, h.attempt, h.outcome, h.detail];
      }));
      box.appendChild(t);
    }).catch(failed);
  }

  /* ---------- Dead letters and quarantine ---------- */
  /* Posts an action on listed entries (asking first when it deletes), reports and reloads the list. */
  function listAction(path, params, confirmation, report, reload) {
    if (confirmation && !window.confirm(confirmation)) { return; }
    call('POST', path, params).then(function (r) {
      message(report(r));
      reload();
    }).catch(failed);
  }
  function deadLetterAction(action, sink, id) {
    var verb = action === 'retry' ? 'retry' : 'purge';
    listAction('deadletters/' + verb, { sink: sink, id: id },
      verb === 'purge' && 'Delete ' + (id === undefined ? 'all dead letters' : 'dead letter ' + id) + '?',
      function (r) { return verb === 'retry' ? r.moved + ' dead letter(s) moved back to their outbox' : r.purged + ' dead letter(s) deleted'; },
      loadDeadLetters);
  }
  function purgeQuarantine(id) {
    listAction('quarantine/purge', { id: id },
      'Delete ' + (id === undefined ? 'every quarantined record' : 'quarantined record ' + id) + '?',
      function (r) { return r.purged + ' quarantined record(s) deleted'; }, loadQuarantine);
  }
  /* Offers records again to their source; says what became events and why the others stay. */
  function retryQuarantine(id) {
    listAction('quarantine/retry', { id: id }, null, function (results) {
      var read = results.filter(function (r) { return r.outcome === 'CONVERTED'; });
      var kept = results.filter(function (r) { return r.outcome !== 'CONVERTED'; });
      var events = read.reduce(function (n, r) { return n + r.events; }, 0);
      var fresh = read.reduce(function (n, r) { return n + r.fresh; }, 0);
      return read.length + ' record(s) read now (' + events + ' event(s), ' + fresh + ' new), '
        + kept.length + ' kept' + kept.map(function (r) {
          return ' · ' + r.id + (r.outcome === 'REFUSED' ? ' not retried: ' : ' still unreadable: ') + r.detail;
        }).join('');
    }, loadQuarantine);
  }
  function loadDeadLetters() {
    call('GET', 'deadletters').then(function (list) {
      table(document.getElementById('deadletters-list'),
        ['Id', 'Sink', 'Route', 'Event', 'Type', 'Attempts', 'Given up', 'Reason', ''],
        list.map(function (d) {
          var actions = el('span');
          actions.appendChild(button('Retry', function () { deadLetterAction('retry', d.sink, d.id); }, 'herald-retry'));
          actions.appendChild(button('Purge', function () { deadLetterAction('purge', d.sink, d.id); }, 'herald-purge'));
          return [d.id, d.sink, d.route, eventLink(d.eventId), d.eventType, d.attempts, d.deadAt, d.reason, actions];
        }));
    }).catch(failed);
  }
  function loadQuarantine() {
    call('GET', 'quarantine').then(function (list) {
      table(document.getElementById('quarantine-list'), ['Id', 'Source', 'Where', 'Reason', 'At', 'Kept', ''],
        list.map(function (q) {
          var actions = el('span');
          actions.appendChild(button('Inspect', function () {
            document.getElementById('quarantine-detail').textContent = q.content;
          }));
          actions.appendChild(button('Retry', function () { retryQuarantine(q.id); }, 'herald-retry'));
          actions.appendChild(button('Purge', function () { purgeQuarantine(q.id); }, 'herald-purge'));
          return [q.id, q.source, q.location, q.reason, q.at, q.truncated ? 'in part (cannot be retried)' : 'whole', actions];
        }));
    }).catch(failed);
  }

  /* ---------- Silences ---------- */
  function silenceState(s) {
    if (s.active) { return 'active'; }
    if (s.expiredBy === null || s.expiredBy === undefined) { return 'ended'; }
    return s.expiredBy ? 'expired by ' + s.expiredBy : 'expired';
  }
  function loadSilences() {
    call('GET', 'silences').then(function (list) {
      table(document.getElementById('silences-list'),
        ['Id', 'State', 'Start', 'End', 'Sinks', 'Pattern', 'By', 'Comment', ''],
        list.map(function (s) {
          var actions = el('span');
          if (s.active) {
            actions.appendChild(button('Expire', function () {
              listAction('silences/expire', { id: s.id }, 'End silence ' + s.id + ' now?',
                function () { return 'silence ' + s.id + ' expired'; }, loadSilences);
            }, 'herald-expire'));
          }
          return [s.id, silenceState(s), s.start, s.end, s.sinks.length ? s.sinks.join(', ') : 'every sink',
            s.pattern, s.creator, s.comment, actions];
        }));
    }).catch(failed);
  }
  function addSilence(e) {
    e.preventDefault();
    var sinks = document.getElementById('silences-sinks').value.split(',')
      .map(function (x) { return x.trim(); }).filter(function (x) { return x; });
    call('POST', 'silences/add', { 'for': document.getElementById('silences-for').value,
      comment: document.getElementById('silences-comment').value, sink: sinks },
      document.getElementById('silences-pattern').value).then(function (s) {
      message('silence ' + s.id + ' holds back notifications to '
        + (s.sinks.length ? s.sinks.join(', ') : 'every sink') + ' until ' + s.end);
      loadSilences();
    }).catch(failed);
  }

  /* ---------- Route test and send test ---------- */
  function runRouteTest(e) {
    e.preventDefault();
    var form = document.getElementById('routetest-form');
    call('POST', 'route-test', { instance: form.elements.instance.value },
      document.getElementById('routetest-record').value).then(function (r) {
      var box = document.getElementById('routetest-result');
      box.textContent = '';
      r.unreadable.forEach(function (u) { box.appendChild(el('p', 'Unreadable: ' + u, 'herald-error')); });
      r.results.forEach(function (res) {
        box.appendChild(el('h4', res.event.type + ' ' + res.event.id + ' (' + res.event.source + ', severity ' + res.event.severity + ')'));
        if (res.matches.length === 0) { box.appendChild(el('p', 'matches no route', 'herald-nomatch')); }
        res.matches.forEach(function (m) {
          box.appendChild(el('p', 'route ' + m.route + ', severity ' + m.severity, 'herald-match'));
          m.bodies.forEach(function (b) {
            box.appendChild(el('p', b.sink + (b.error ? ': ' + b.error : '')));
            if (b.body !== null) { box.appendChild(el('pre', b.body, 'herald-raw herald-body')); }
          });
        });
      });
      message(r.results.length + ' event(s) tested; nothing was sent');
    }).catch(failed);
  }
  function loadUpload() {
    var file = document.getElementById('routetest-file').files[0];
    if (!file) { return; }
    var reader = new FileReader();
    reader.onload = function () { document.getElementById('routetest-record').value = reader.result; };
    reader.readAsText(file);
  }
  function runSendTest() {
    var sink = document.getElementById('sendtest-sink').value;
    call('POST', 'send-test', { sink: sink }).then(function (r) {
      document.getElementById('sendtest-result').textContent = (r.delivered ? 'delivered' : 'failed'
        + (r.retryable ? ' (would be retried)' : '')) + ': ' + (r.message || '') + '\n\n' + (r.body || '');
    }).catch(failed);
  }

  /* ---------- Plugins ---------- */
  function pluginAction(path, p, version) {
    if (path === 'plugins/uninstall' && !window.confirm('Uninstall ' + p.name + '?'
        + (p.waiting ? ' ' + p.waiting + ' entries wait for its sinks; they are kept until it is installed again.' : ''))) {
      return;
    }
    message((path === 'plugins/install' ? 'Installing ' : 'Uninstalling ') + p.name + '…');
    call('POST', path, { name: p.name, version: version }).then(function (list) {
      message(p.name + (path === 'plugins/install' ? ' installed' : ' uninstalled'));
      renderPlugins(list);
    }).catch(failed);
  }
  function renderPlugins(list) {
    table(document.getElementById('plugins-list'),
      ['Feature', 'Description', 'Installed', 'Available', 'Waiting', ''],
      list.map(function (p) {
        var actions = el('span');
        actions.setAttribute('data-plugin', p.name);
        if (!p.installed) {
          actions.appendChild(button('Install', function () { pluginAction('plugins/install', p, p.available); }, 'herald-install'));
        } else {
          if (p.upgradable) { actions.appendChild(button('Upgrade', function () { pluginAction('plugins/install', p, p.available); }, 'herald-upgrade')); }
          actions.appendChild(button('Uninstall', function () { pluginAction('plugins/uninstall', p); }, 'herald-uninstall'));
          if (p.factoryPid) {
            var configure = el('a', 'Configure', 'herald-configure');
            configure.href = appRoot + '/configMgr/' + encodeURIComponent(p.factoryPid);
            actions.appendChild(configure);
          }
        }
        return [p.name, p.description, p.installed || '', p.available, p.waiting || '', actions];
      }));
  }
  function loadPlugins() { call('GET', 'plugins').then(renderPlugins).catch(failed); }

  /* ---------- Tabs ---------- */
  var loaders = { pipeline: refreshPipeline, events: searchEvents, deadletters: loadDeadLetters,
    quarantine: loadQuarantine, silences: loadSilences, routetest: refreshPipeline, plugins: loadPlugins };
  function show(tab) {
    Array.prototype.forEach.call(page.querySelectorAll('.herald-tab'), function (s) { s.hidden = s.id !== 'tab-' + tab; });
    Array.prototype.forEach.call(page.querySelectorAll('[data-tab]'), function (b) {
      b.className = b.getAttribute('data-tab') === tab ? 'herald-active' : '';
    });
    message('');
    if (window.location.hash !== '#' + tab) { history.replaceState(null, '', '#' + tab); }
    loaders[tab]();
  }
  Array.prototype.forEach.call(page.querySelectorAll('[data-tab]'), function (b) {
    b.addEventListener('click', function () { show(b.getAttribute('data-tab')); });
  });
  document.getElementById('events-form').addEventListener('submit', searchEvents);
  document.getElementById('routetest-form').addEventListener('submit', runRouteTest);
  document.getElementById('silences-form').addEventListener('submit', addSilence);
  document.getElementById('routetest-file').addEventListener('change', loadUpload);
  document.getElementById('sendtest-run').addEventListener('click', runSendTest);
  document.getElementById('deadletters-retry-all').addEventListener('click', function () { deadLetterAction('retry'); });
  document.getElementById('deadletters-purge-all').addEventListener('click', function () { deadLetterAction('purge'); });
  document.getElementById('quarantine-retry-all').addEventListener('click', function () { retryQuarantine(); });
  document.getElementById('quarantine-purge-all').addEventListener('click', function () { purgeQuarantine(); });
  var first = window.location.hash.substring(1);
  show(loaders[first] ? first : 'pipeline');
  window.setInterval(function () {
    if (!document.getElementById('tab-pipeline').hidden) { refreshPipeline(); } else { call('GET', 'pipeline').then(function (p) { renderPipeline(p); }).catch(function () {}); }
  }, REFRESH_MS);
})();
