// Pickers for people, institutions and cases (views/people/_picker-field.ejs).
// Without this file the visible box is the form field and takes a record number. With it, the number moves
// to a hidden input of the same name and the box becomes a combobox that searches /api/v1 as you type
// (ARIA 1.2 combobox with a listbox popup: arrow keys, Enter, Escape, aria-activedescendant).
(function () {
  'use strict';
  if (window.casebookPickers) return;
  window.casebookPickers = true;

  var LIMIT = 10;
  var DELAY_MS = 200;

  function join(parts) {
    return parts.filter(function (p) { return p; }).join(' — ');
  }

  // What each kind of record shows in the list: a label (put in the box once chosen) and a detail line.
  var DESCRIBE = {
    person: function (p) {
      if (p.pseudonymised) return { label: p.label, detail: 'protected identity' };
      return {
        label: p.label,
        detail: join([
          (p.otherNames || []).length ? 'also ' + p.otherNames.join(' · ') : '',
          p.birth ? 'born ' + p.birth.text : '',
          p.regionLabel || ''
        ])
      };
    },
    institution: function (i) {
      return {
        label: i.name,
        detail: join([
          i.typeLabel || '',
          i.parent ? 'part of ' + i.parent.name : '',
          (i.aliases || []).length ? 'also ' + i.aliases.join(' · ') : '',
          i.locality || ''
        ])
      };
    },
    case: function (c) {
      return {
        label: c.code + ' · ' + c.title,
        detail: join([c.statusLabel || '', (c.victims || []).map(function (v) { return v.label; }).join(', ')])
      };
    }
  };

  function enhance(root) {
    if (root.getAttribute('data-picker-ready')) return;
    var input = root.querySelector('[data-picker-input]');
    var describe = DESCRIBE[root.getAttribute('data-picker')];
    var source = root.getAttribute('data-picker-source');
    if (!input || !describe || !source || !input.name) return;
    root.setAttribute('data-picker-ready', '1');
    // The words, in the page's language (views/people/_picker-field.ejs); English when absent.
    var texts = {};
    try { texts = JSON.parse(root.getAttribute('data-picker-texts') || '{}'); } catch (e) { texts = {}; }
    function text(key, fallback, vars) {
      var out = typeof texts[key] === 'string' ? texts[key] : fallback;
      Object.keys(vars || {}).forEach(function (k) { out = out.split('{' + k + '}').join(vars[k]); });
      return out;
    }
    function suggestionsText(n) {
      var forms = texts.suggestions || {};
      var form = forms[new Intl.PluralRules(document.documentElement.lang || 'en').select(n)] || forms.other;
      return form ? form.split('{n}').join(String(n)) : n + (n === 1 ? ' suggestion' : ' suggestions') + '. Use the up and down arrow keys to choose, then Enter.';
    }

    var hidden = document.createElement('input');
    hidden.type = 'hidden';
    hidden.name = input.name;
    hidden.value = input.value;
    input.removeAttribute('name');
    input.removeAttribute('inputmode');
    input.parentNode.insertBefore(hidden, input);
    var chosenLabel = root.getAttribute('data-picker-label') || '';
    input.value = hidden.value ? (chosenLabel || text('number', 'No. {id}', { id: hidden.value })) : '';
    if (hidden.value) root.classList.add('is-chosen');

    var noJsHint = root.querySelector('[data-picker-hint-nojs]');
    var jsHint = root.querySelector('[data-picker-hint-js]');
    if (noJsHint) noJsHint.hidden = true;
    // How to use a picker is said once per form, beside its first picker; a later picker keeps only its own hint.
    var form = root.closest ? root.closest('form') : null;
    var first = !form || form.querySelector('[data-picker]') === root;
    if (jsHint) jsHint.hidden = !first;
    var hintLine = jsHint ? jsHint.parentNode : null;
    if (hintLine && !first) {
      var own = '';
      for (var c = 0; c < hintLine.childNodes.length; c++) if (hintLine.childNodes[c].nodeType === 3) own += hintLine.childNodes[c].textContent;
      if (!own.trim()) hintLine.hidden = true;
    }
    var current = root.querySelector('[data-picker-current]');
    if (current) current.parentNode.removeChild(current);

    var listbox = document.createElement('ul');
    listbox.id = input.id + '-listbox';
    listbox.className = 'picker-list';
    listbox.setAttribute('role', 'listbox');
    var labelEl = root.querySelector('label[for="' + input.id + '"]');
    listbox.setAttribute('aria-label', text('suggestionsFor', 'Suggestions for {field}', { field: labelEl ? labelEl.textContent.replace('*', '').trim() : text('thisField', 'this field') }));
    listbox.hidden = true;
    input.parentNode.appendChild(listbox);

    var message = document.createElement('p');
    message.className = 'picker-message muted';
    message.hidden = true;
    input.parentNode.appendChild(message);

    var status = document.createElement('div');
    status.className = 'visually-hidden';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    root.appendChild(status);

    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listbox.id);
    input.setAttribute('aria-haspopup', 'listbox');

    var items = [];
    var active = -1;
    var timer = null;
    var controller = null;

    function say(text, visible) {
      status.textContent = text;
      message.textContent = text;
      message.hidden = !visible;
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }

    function open() {
      if (!items.length) return;
      listbox.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }

    function highlight(index) {
      var options = listbox.querySelectorAll('[role="option"]');
      for (var i = 0; i < options.length; i++) options[i].setAttribute('aria-selected', i === index ? 'true' : 'false');
      active = index;
      if (index >= 0 && options[index]) {
        input.setAttribute('aria-activedescendant', options[index].id);
        if (options[index].scrollIntoView) options[index].scrollIntoView({ block: 'nearest' });
      } else {
        input.removeAttribute('aria-activedescendant');
      }
    }

    function choose(index) {
      var item = items[index];
      if (!item) return;
      var shown = describe(item);
      hidden.value = String(item.id);
      input.value = shown.label;
      root.classList.add('is-chosen');
      close();
      say(text('chosen', 'Chosen: {label}', { label: shown.label }), false);
    }

    function render(list) {
      items = list.slice(0, LIMIT);
      while (listbox.firstChild) listbox.removeChild(listbox.firstChild);
      items.forEach(function (item, i) {
        var shown = describe(item);
        var li = document.createElement('li');
        li.id = listbox.id + '-' + i;
        li.setAttribute('role', 'option');
        li.setAttribute('aria-selected', 'false');
        var main = document.createElement('span');
        main.className = 'picker-option-label';
        main.textContent = shown.label;
        li.appendChild(main);
        if (shown.detail) {
          var detail = document.createElement('span');
          detail.className = 'picker-option-detail';
          detail.textContent = shown.detail;
          li.appendChild(detail);
        }
        // mousedown would blur the box (and close the list) before the click lands.
        li.addEventListener('mousedown', function (e) { e.preventDefault(); });
        li.addEventListener('click', function () { choose(i); input.focus(); });
        listbox.appendChild(li);
      });
      active = -1;
      if (items.length) {
        open();
        say(suggestionsText(items.length), false);
      } else {
        close();
        say(text('nothingFound', 'Nothing found. Try another spelling, or enter the record number.'), true);
      }
    }

    function search(text) {
      var q = text.trim();
      if (controller) controller.abort();
      if (!q) { items = []; close(); say('', false); return; }
      controller = typeof AbortController === 'function' ? new AbortController() : null;
      var url = source + '?q=' + encodeURIComponent(q) + '&limit=' + LIMIT;
      fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' }, signal: controller ? controller.signal : undefined })
        .then(function (res) { if (!res.ok) throw new Error('HTTP ' + res.status); return res.json(); })
        .then(function (body) { if (input.value === text) render(body.data || []); })
        .catch(function (err) {
          if (err && err.name === 'AbortError') return;
          items = [];
          close();
          say(text('unavailable', 'Search is not available right now; enter the record number instead.'), true);
        });
    }

    input.addEventListener('input', function () {
      var text = input.value;
      root.classList.remove('is-chosen');
      // A number typed into the box still works, as it does without script.
      hidden.value = /^\s*[1-9][0-9]{0,14}\s*$/.test(text) ? text.trim() : '';
      clearTimeout(timer);
      timer = setTimeout(function () { search(text); }, DELAY_MS);
    });

    input.addEventListener('keydown', function (e) {
      var n = items.length;
      if (e.key === 'ArrowDown' || e.key === 'Down') {
        e.preventDefault();
        if (listbox.hidden) { if (n) { open(); highlight(0); } else if (input.value.trim()) search(input.value); return; }
        highlight(n ? (active + 1) % n : -1);
      } else if (e.key === 'ArrowUp' || e.key === 'Up') {
        e.preventDefault();
        if (listbox.hidden) { if (n) { open(); highlight(n - 1); } return; }
        highlight(n ? (active - 1 + n) % n : -1);
      } else if (e.key === 'Enter') {
        if (!listbox.hidden && active >= 0) { e.preventDefault(); choose(active); }
      } else if (e.key === 'Escape' || e.key === 'Esc') {
        if (!listbox.hidden) { e.preventDefault(); close(); }
        else if (input.value) { e.preventDefault(); input.value = ''; hidden.value = ''; root.classList.remove('is-chosen'); say(text('cleared', 'Cleared.'), false); }
      } else if (e.key === 'Tab') {
        close();
      }
    });

    input.addEventListener('blur', function () { close(); });

    // "New person…" / "New institution…": the small form in a dialog, the record chosen here when it is saved.
    var creator = root.querySelector('[data-picker-new]');
    if (creator && typeof HTMLDialogElement === 'function') {
      creator.parentNode.hidden = false;
      creator.addEventListener('click', function (e) {
        e.preventDefault();
        openInlineDialog(creator, function (record) {
          hidden.value = String(record.id);
          input.value = record.label;
          root.classList.add('is-chosen');
          say(text('chosen', 'Chosen: {label}', { label: record.label }), false);
        });
      });
    }
  }

  /**
   * The small create form of src/drafts/inline-create.routes.ts in a modal dialog: shown again with
   * its messages or the duplicate warning as the server answers, closed when it answers with the
   * record (JSON). Escape or Cancel closes it; focus goes back to the button that opened it.
   */
  function openInlineDialog(opener, chosen) {
    var kind = opener.getAttribute('data-picker-new');
    var dialog = document.createElement('dialog');
    dialog.className = 'inline-dialog';
    var heading = document.createElement('h2');
    heading.id = 'inline-dialog-title';
    heading.textContent = opener.textContent.replace(/[.…]+$/, '');
    dialog.setAttribute('aria-labelledby', heading.id);
    var body = document.createElement('div');
    dialog.appendChild(heading);
    dialog.appendChild(body);
    dialog.addEventListener('close', function () {
      if (dialog.parentNode) dialog.parentNode.removeChild(dialog);
      opener.focus();
    });
    function failed() {
      body.textContent = opener.getAttribute('data-picker-unavailable') || 'Not available right now. Try again, or save the form and add the record from its own page.';
      var ok = document.createElement('button');
      ok.type = 'button';
      ok.className = 'button secondary';
      ok.textContent = opener.getAttribute('data-picker-close') || 'Close';
      ok.addEventListener('click', function () { dialog.close(); });
      body.appendChild(ok);
    }
    function show(html) {
      body.innerHTML = html;
      var form = body.querySelector('[data-inline-form]');
      if (!form) return failed();
      var cancel = form.querySelector('[data-inline-cancel]');
      if (cancel) cancel.addEventListener('click', function () { dialog.close(); });
      var submitter = null;
      form.addEventListener('click', function (e) {
        var b = e.target.closest ? e.target.closest('button[type="submit"]') : null;
        submitter = b;
      });
      form.addEventListener('submit', function (e) {
        e.preventDefault();
        var data = new URLSearchParams(new FormData(form));
        var by = e.submitter || submitter;
        if (by && by.name) data.append(by.name, by.value);
        fetch(form.getAttribute('action'), { method: 'POST', body: data, credentials: 'same-origin', headers: { Accept: 'application/json' } })
          .then(function (res) {
            var type = res.headers.get('content-type') || '';
            if (res.ok && type.indexOf('application/json') >= 0) return res.json().then(function (record) { dialog.close(); chosen(record); });
            if (type.indexOf('text/html') >= 0 && res.status < 500) return res.text().then(show);
            failed();
          })
          .catch(failed);
      });
      var focus = body.querySelector('[data-autofocus]') || body.querySelector('[aria-invalid="true"]') || form.querySelector('input:not([type="hidden"]), select, textarea');
      if (focus) focus.focus();
    }
    document.body.appendChild(dialog);
    dialog.showModal();
    fetch('/inline/' + encodeURIComponent(kind) + '?dialog=1&field=' + encodeURIComponent(opener.getAttribute('data-picker-new-field') || ''), { credentials: 'same-origin', headers: { Accept: 'text/html' } })
      .then(function (res) { if (!res.ok) throw new Error('HTTP ' + res.status); return res.text(); })
      .then(show)
      .catch(failed);
  }

  function start() {
    var roots = document.querySelectorAll('[data-picker]');
    for (var i = 0; i < roots.length; i++) enhance(roots[i]);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
