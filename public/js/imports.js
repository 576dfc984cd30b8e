// Import progress: moves the bar by asking the server, then goes on to the next step.
// Without this file the page refreshes itself (meta refresh) and the server redirects when done.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var box = document.querySelector('[data-import-progress]');
    if (!box || box.getAttribute('data-state') !== 'running') return;
    var bar = box.querySelector('progress');
    var text = box.querySelector('[data-import-progress-text]');
    var url = box.getAttribute('data-import-progress');
    var failures = 0;
    function say(p) {
      var msg = p.total === null ? box.getAttribute('data-msg-counting') : box.getAttribute('data-msg-counted');
      text.textContent = msg.replace('%d', String(p.done)).replace('%t', String(p.total));
    }
    function poll() {
      fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin' })
        .then(function (res) { if (!res.ok) throw new Error(String(res.status)); return res.json(); })
        .then(function (body) {
          failures = 0;
          var p = body.data;
          bar.value = p.percent;
          bar.textContent = p.percent + '%';
          say(p);
          if (p.state === 'running') return void setTimeout(poll, 500);
          if (p.state === 'failed' || p.state === 'none') return void window.location.reload();
          // Finished: let the full bar be seen for a moment, then go on.
          setTimeout(function () { window.location.assign(p.next); }, 800);
        })
        .catch(function () {
          failures++;
          if (failures > 5) text.textContent = box.getAttribute('data-msg-lost');
          setTimeout(poll, 1500);
        });
    }
    poll();
  });
})();
