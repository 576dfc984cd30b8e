// Type-to-filter for long groups of checkboxes ([data-filter-choices], e.g. the allegation form's methods):
// a search box above them hides the choices whose label does not contain what is typed (ticked ones stay),
// and the groups left empty. Without script every choice is simply listed.
(function () {
  'use strict';
  function fold(s) { return s.toLocaleLowerCase().replace(/ё/g, 'е'); }
  function enhance(root, n) {
    var box = document.createElement('input');
    box.type = 'search';
    box.id = 'filter-choices-' + n;
    box.autocomplete = 'off';
    var label = document.createElement('label');
    label.htmlFor = box.id;
    label.textContent = root.getAttribute('data-filter-label') || 'Filter';
    var none = document.createElement('p');
    none.className = 'muted';
    none.hidden = true;
    none.setAttribute('role', 'status');
    var wrap = document.createElement('div');
    wrap.className = 'field filter-choices';
    wrap.appendChild(label);
    wrap.appendChild(box);
    wrap.appendChild(none);
    var hint = root.querySelector('.hint');
    root.insertBefore(wrap, hint ? hint.nextSibling : root.firstChild.nextSibling);
    var choices = root.querySelectorAll('[data-filter-choice]');
    var groups = root.querySelectorAll('[data-filter-group]');
    box.addEventListener('input', function () {
      var q = fold(box.value.trim());
      var shown = 0;
      for (var i = 0; i < choices.length; i++) {
        var input = choices[i].querySelector('input');
        var match = !q || fold(choices[i].textContent).indexOf(q) !== -1 || (input && input.checked);
        choices[i].hidden = !match;
        if (match) shown++;
      }
      for (var g = 0; g < groups.length; g++) groups[g].hidden = !groups[g].querySelector('[data-filter-choice]:not([hidden])');
      none.textContent = shown ? '' : root.getAttribute('data-filter-none') || 'Nothing matches.';
      none.hidden = shown > 0;
    });
    // Enter in the box filters; it never submits the form.
    box.addEventListener('keydown', function (e) { if (e.key === 'Enter') e.preventDefault(); });
  }
  function start() {
    var roots = document.querySelectorAll('[data-filter-choices]');
    for (var i = 0; i < roots.length; i++) enhance(roots[i], i);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
