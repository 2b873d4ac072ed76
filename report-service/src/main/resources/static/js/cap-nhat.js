// Keeps the overview up to date as submissions change, without reloading under staff's eyes: the
// server pushes each change (server-sent events), a row on the page and the counters are redrawn in
// place, and a submission not on the page brings up a notice to reload. The browser reconnects by
// itself if the stream drops.
(function () {
  var main = document.querySelector('main[data-events-url]');
  if (!main || !window.EventSource) {
    return;
  }
  var campaign = main.getAttribute('data-campaign');
  var notice = document.getElementById('co-cap-nhat');
  var source = new EventSource(main.getAttribute('data-events-url'));
  var opened = 0;
  if (notice) {
    notice.querySelector('a').setAttribute('href', window.location.href);
  }

  function showNotice() {
    if (notice) {
      notice.hidden = false;
    }
  }

  function add(id, by) {
    var counter = document.getElementById(id);
    if (counter) {
      counter.textContent = String(Math.max(0, parseInt(counter.textContent, 10) + by));
    }
  }

  function counterOf(status) {
    return status === 'SCORED' ? 'so-da-cham' : status === 'FAILED' || status === 'QUARANTINED' ? 'so-loi' : null;
  }

  function text(row, selector, value) {
    var cell = row.querySelector(selector);
    if (cell) {
      cell.textContent = value || '';
    }
  }

  // A stream that had to reconnect may have missed changes, and one the server closed for good
  // (the login expired) tells nothing more: either way the page may be out of date.
  source.addEventListener('open', function () {
    if (++opened > 1) {
      showNotice();
    }
  });
  source.addEventListener('error', function () {
    if (source.readyState === EventSource.CLOSED) {
      showNotice();
    }
  });
  source.addEventListener('ho-so', function (event) {
    var change = JSON.parse(event.data);
    if (change.campaign !== campaign) {
      return;
    }
    if (change.was === null) {
      add('so-thu', 1);
    }
    if (change.was !== change.status) {
      if (counterOf(change.was)) {
        add(counterOf(change.was), -1);
      }
      if (counterOf(change.status)) {
        add(counterOf(change.status), 1);
      }
    }
    var row = null;
    document.querySelectorAll('tr[data-submission]').forEach(function (candidate) {
      if (candidate.getAttribute('data-submission') === change.id) {
        row = candidate;
      }
    });
    if (!row) {
      showNotice();
      return;
    }
    var status = row.querySelector('.status');
    if (status) {
      status.textContent = change.label;
      status.className = 'status ' + change.css;
    }
    text(row, 'td.total', change.total);
    text(row, 'td.band', change.band);
    var reason = row.querySelector('.reason');
    if (change.reason && !reason) {
      reason = document.createElement('div');
      reason.className = 'reason';
      status.parentNode.appendChild(reason);
    }
    if (reason) {
      reason.textContent = change.reason || '';
      reason.hidden = !change.reason;
    }
    row.classList.add('vua-cap-nhat');
  });
})();
