// Tells staff that new mail arrived or a submission changed, instead of reloading under their eyes.
(function () {
  var main = document.querySelector('main[data-version-url]');
  if (!main) {
    return;
  }
  var shown = main.getAttribute('data-version');
  var notice = document.getElementById('co-cap-nhat');
  var timer = setInterval(function () {
    fetch(main.getAttribute('data-version-url'), { credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) { return response.ok ? response.text() : shown; })
      .then(function (version) {
        if (version !== shown) {
          notice.hidden = false;
          clearInterval(timer);
        }
      })
      .catch(function () { /* the next round tries again */ });
  }, 5000);
})();
