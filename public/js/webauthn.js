// Security keys and passkeys (issue 14): runs the browser's WebAuthn ceremony for a form marked
// data-webauthn="register" or "authenticate", puts the browser's answer (JSON) into the form's
// hidden "credential" field and sends the form. The server checks everything; this only relays.
(function () {
  'use strict';
  function say(form, key) {
    var box = form.querySelector('[data-webauthn-status]');
    if (!box) return;
    box.textContent = box.getAttribute('data-msg-' + key) || '';
    box.hidden = !box.textContent;
  }
  function run(form, field) {
    var lib = window.SimpleWebAuthnBrowser;
    if (!lib || !lib.browserSupportsWebAuthn()) return say(form, 'unsupported');
    var options;
    try {
      options = JSON.parse(form.getAttribute('data-webauthn-options'));
    } catch (e) {
      return say(form, 'failed');
    }
    say(form, 'waiting');
    var ceremony = form.getAttribute('data-webauthn') === 'register'
      ? lib.startRegistration({ optionsJSON: options })
      : lib.startAuthentication({ optionsJSON: options });
    ceremony.then(function (answer) {
      field.value = JSON.stringify(answer);
      form.submit();
    }, function (err) {
      var name = err && (err.name || '');
      var code = err && err.code;
      if (code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED' || name === 'InvalidStateError') return say(form, 'already');
      if (name === 'NotAllowedError' || name === 'AbortError') return say(form, 'cancelled');
      say(form, 'failed');
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    document.querySelectorAll('form[data-webauthn]').forEach(function (form) {
      var field = form.querySelector('input[name="credential"]');
      if (!field) return;
      form.querySelectorAll('[data-needs-js]').forEach(function (el) { el.hidden = false; });
      form.addEventListener('submit', function (e) {
        if (field.value) return;
        // A form that also takes a code goes to the key by its key button (the default one, so
        // also by Enter), unless a code has been typed.
        if (form.hasAttribute('data-webauthn-optional')) {
          var code = form.querySelector('input[name="code"]');
          if (!(e.submitter && e.submitter.hasAttribute('data-webauthn-start'))) return;
          if (code && code.value.trim()) return;
        }
        e.preventDefault();
        run(form, field);
      });
    });
  });
})();
