// Evidence upload with a progress bar. Without this file the form posts as plain multipart.
(function () {
  'use strict';
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.querySelector('form[data-upload-form]');
    if (!form || !window.XMLHttpRequest || !window.FormData) return;
    var progress = form.querySelector('[data-upload-progress]');
    var bar = progress && progress.querySelector('progress');
    var percent = progress && progress.querySelector('[data-upload-percent]');
    var status = document.querySelector('[data-upload-status]');
    var button = form.querySelector('button[type=submit]');

    // The page gives the messages in its reader's language (data-msg-*); English otherwise.
    function msg(name, fallback) {
      return (status && status.getAttribute('data-msg-' + name)) || fallback;
    }

    function say(text, isError) {
      if (!status) return;
      status.hidden = false;
      status.textContent = text;
      status.classList.toggle('is-error', Boolean(isError));
      if (isError) { status.setAttribute('tabindex', '-1'); status.focus(); }
    }

    form.addEventListener('submit', function (event) {
      event.preventDefault();
      var xhr = new XMLHttpRequest();
      xhr.open('POST', form.getAttribute('action'));
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('X-CSRF-Token', form.getAttribute('data-csrf') || '');
      if (progress) progress.hidden = false;
      if (button) button.disabled = true;
      say(msg('uploading', 'Uploading…'), false);
      xhr.upload.addEventListener('progress', function (e) {
        if (!e.lengthComputable || !bar) return;
        var p = Math.round((e.loaded / e.total) * 100);
        bar.value = p;
        if (percent) percent.textContent = p + '%';
        if (p === 100) say(msg('complete', 'Upload complete; checking and storing the files…'), false);
      });
      xhr.addEventListener('load', function () {
        if (button) button.disabled = false;
        var body = null;
        try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
        if (xhr.status === 201 && body && body.data && body.data.url) {
          window.location.assign(body.data.url);
          return;
        }
        var message = body && body.error ? body.error.message : msg('failed', 'The upload failed (%s).').replace('%s', String(xhr.status));
        var fields = body && body.error && body.error.fields ? Object.keys(body.error.fields).map(function (k) { return body.error.fields[k]; }) : [];
        say([message].concat(fields).join(' '), true);
      });
      xhr.addEventListener('error', function () {
        if (button) button.disabled = false;
        say(msg('lost', 'The connection was lost during the upload. Nothing was saved; please try again.'), true);
      });
      xhr.send(new FormData(form));
    });
  });
})();
