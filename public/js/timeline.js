// The timeline's choice of families without a reload: ticking a box shows or hides that family's
// entries in the list, points the picture at the same choice and keeps it in the address. Without
// script the form is an ordinary GET form and the server does the same.
(function () {
  var form = document.querySelector('form[data-timeline-filter]');
  if (!form) return;
  var section = form.closest('section');
  var boxes = Array.prototype.slice.call(form.querySelectorAll('input[name="show"]'));
  // Families the server left out are not in the page: showing one again needs the server.
  var rendered = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
  function apply() {
    if (boxes.some(function (b) { return b.checked && rendered.indexOf(b.value) === -1; }) || !section.querySelector('.tl-figure')) {
      form.submit();
      return;
    }
    var shown = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
    var query = ['tl=1'].concat(shown.map(function (f) { return 'show=' + encodeURIComponent(f); })).join('&');
    Array.prototype.forEach.call(section.querySelectorAll('.tl-list > li[data-family]'), function (li) {
      li.hidden = shown.indexOf(li.getAttribute('data-family')) === -1;
    });
    Array.prototype.forEach.call(section.querySelectorAll('.tl-figure source, .tl-figure img'), function (el) {
      var attr = el.tagName === 'IMG' ? 'src' : 'srcset';
      var url = new URL(el.getAttribute(attr), window.location.href);
      var layout = url.searchParams.get('layout');
      el.setAttribute(attr, url.pathname + '?' + (layout ? 'layout=' + layout + '&' : '') + query);
    });
    Array.prototype.forEach.call(section.querySelectorAll('.tl-order form'), function (f) {
      f.setAttribute('action', new URL(f.getAttribute('action'), window.location.href).pathname + '?' + query);
    });
    var page = new URL(window.location.href);
    page.search = '?' + query;
    window.history.replaceState(null, '', page.pathname + page.search + '#events');
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
})();
