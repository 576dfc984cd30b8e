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
