/* Meeting mode (observatory/web/meeting.py): high contrast while a slide is shown, and the keys
 * of a presentation: ← → and a clicker's Page Up / Page Down follow the slide's previous and
 * next links, Escape its exit link. Keys typed into a field (the agenda chooser) are left alone. */
(function () {
  'use strict';
  var KEYS = {
    ArrowRight: 'meeting-next', PageDown: 'meeting-next',
    ArrowLeft: 'meeting-previous', PageUp: 'meeting-previous',
    Escape: 'meeting-exit'
  };
  var shown = null; // the data-slide of the slide on screen, to move the focus once per slide

  function sync() {
    var slide = document.querySelector('.obs-meeting');
    document.body.classList.toggle('obs-contrast', !!slide);
    var now = slide ? slide.getAttribute('data-slide') + location.pathname : null;
    if (now !== shown) {
      shown = now;
      // The new slide's body takes the focus (it was on the link that was clicked, now gone),
      // so the keys keep working and a screen reader starts at the headline.
      var body = slide && slide.querySelector('.obs-meeting-body');
      if (body && !slide.contains(document.activeElement)) { body.focus({preventScroll: true}); }
    }
  }

  function typing(target) {
    if (!target || !target.tagName) { return false; }
    return target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName);
  }

  document.addEventListener('keydown', function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
    var id = KEYS[event.key];
    if (!id || !document.querySelector('.obs-meeting') || typing(event.target)) { return; }
    var link = document.getElementById(id);
    if (!link || link.tagName !== 'A') { return; } // first or last slide: nothing to follow
    event.preventDefault();
    link.click();
  });

  function start() {
    var pending = false;
    new MutationObserver(function () {
      if (pending) { return; }
      pending = true;
      window.requestAnimationFrame(function () { pending = false; sync(); });
    }).observe(document.body, {childList: true, subtree: true});
    sync();
  }
  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
})();
