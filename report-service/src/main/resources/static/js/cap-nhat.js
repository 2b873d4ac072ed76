// Tells staff that new mail arrived or a submission changed, instead of reloading under their eyes.
// The server pushes each change (server-sent events); the browser reconnects by itself if the stream drops.
(function () {
  var main = document.querySelector('main[data-events-url]');
  if (!main || !window.EventSource) {
    return;
  }
  var campaign = main.getAttribute('data-campaign');
  var notice = document.getElementById('co-cap-nhat');
  var source = new EventSource(main.getAttribute('data-events-url'));
  var opened = 0;
  // A stream that had to reconnect may have missed changes, and one the server closed for good
  // (the login expired) tells nothing more: either way the page may be out of date.
  source.addEventListener('open', function () {
    if (++opened > 1) {
      notice.hidden = false;
    }
  });
  source.addEventListener('error', function () {
    if (source.readyState === EventSource.CLOSED) {
      notice.hidden = false;
    }
  });
  source.addEventListener('ho-so', function (event) {
    var change = JSON.parse(event.data);
    if (change.campaign === campaign) {
      notice.hidden = false;
      source.close();
    }
  });
})();
