// Small progressive enhancements; every page works without this file.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var summary = document.querySelector('[data-autofocus]');
    if (summary) summary.focus();
    document.querySelectorAll('[data-select-on-focus]').forEach(function (el) {
      el.addEventListener('focus', function () { el.select(); });
    });
    // Ask before destructive actions (disable, revoke) that carry data-confirm.
    document.querySelectorAll('form[data-confirm]').forEach(function (form) {
      form.addEventListener('submit', function (e) {
        if (!window.confirm(form.getAttribute('data-confirm'))) e.preventDefault();
      });
    });
  });
})();

// Partial dates: show the single date field or the range fields to match the chosen precision.
(function () {
  'use strict';
  function sync(fieldset) {
    var select = fieldset.querySelector('[data-date-precision]');
    if (!select) return;
    var range = select.value === 'range';
    fieldset.querySelectorAll('[data-date-range]').forEach(function (el) { el.hidden = !range; });
    fieldset.querySelectorAll('[data-date-single]').forEach(function (el) { el.hidden = range; });
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('fieldset.partial-date').forEach(function (fs) {
      sync(fs);
      var select = fs.querySelector('[data-date-precision]');
      if (select) select.addEventListener('change', function () { sync(fs); });
    });
  });
})();

// Graphic evidence: "Show" unveils this item's pictures in place; without JavaScript the link reloads the page with them shown.
(function () {
  'use strict';
  document.addEventListener('click', function (e) {
    var link = e.target instanceof Element ? e.target.closest('[data-graphic-show]') : null;
    if (!link) return;
    var files = document.querySelector('[data-graphic-files]');
    var warning = link.closest('[data-graphic-warning]');
    if (!files || !warning) return;
    e.preventDefault();
    files.classList.remove('is-veiled');
    files.querySelectorAll('[data-graphic-link]').forEach(function (a) { a.removeAttribute('tabindex'); a.removeAttribute('aria-hidden'); });
    files.querySelectorAll('video[preload="none"]').forEach(function (v) { v.setAttribute('preload', 'metadata'); });
    warning.hidden = true;
    var first = files.querySelector('a, video, button');
    if (first) first.focus();
  });
})();

// Hashes: a Copy button beside each (hidden without JavaScript, where the hash stays selectable text).
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('[data-copy-hash]').forEach(function (button) {
      var status = button.parentNode.querySelector('[data-copy-status]');
      var code = button.parentNode.querySelector('[data-hash]');
      if (!navigator.clipboard || !window.isSecureContext) return;
      button.hidden = false;
      button.addEventListener('click', function () {
        navigator.clipboard.writeText(button.getAttribute('data-copy-hash')).then(function () {
          if (status) status.textContent = button.getAttribute('data-copied');
          button.classList.add('is-copied');
          button.textContent = button.getAttribute('data-copied');
        }, function () {
          // No permission: select the hash so Ctrl+C copies it.
          if (code && window.getSelection) { var r = document.createRange(); r.selectNodeContents(code); var sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r); }
        });
      });
    });
  });
})();
