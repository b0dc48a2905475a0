// Live reload for `risalah serve`. Loaded as an external file, never inline,
// so pages with a strict Content-Security-Policy (script-src 'self') keep it;
// it sets no inline styles, only classes and `hidden`, for style-src 'self'.
(function () {
  'use strict';

  if (!window.EventSource || window.__risalahReload) {
    return;
  }
  window.__risalahReload = true;

  var OVERLAY_ID = 'risalah-overlay';
  var SCROLL_KEY = 'risalah-scroll:' + location.pathname;

  // The build the page came from; the server reloads us at once if it holds
  // a newer one, which closes the gap between loading a page and connecting.
  var script = document.currentScript;
  var build = script ? script.getAttribute('data-build') || '' : '';

  // The failure the editor closed, so a reconnect does not reopen it.
  var dismissed = null;
  // What had focus before the overlay took it, to give it back on close.
  var returnFocus = null;

  function storage() {
    try {
      return window.sessionStorage;
    } catch (e) {
      return null; // storage disabled: reloads simply start at the top
    }
  }

  function saveScroll() {
    var s = storage();
    if (!s) {
      return;
    }
    try {
      s.setItem(SCROLL_KEY, JSON.stringify({ x: window.scrollX, y: window.scrollY }));
    } catch (e) {
      // Quota or privacy mode: losing the position is harmless.
    }
  }

  // Restores the position saved by the reload that led here, once.
  function restoreScroll() {
    var s = storage();
    if (!s) {
      return;
    }
    var pos = null;
    try {
      pos = JSON.parse(s.getItem(SCROLL_KEY) || 'null');
      s.removeItem(SCROLL_KEY);
    } catch (e) {
      pos = null;
    }
    if (!pos || typeof pos.x !== 'number' || typeof pos.y !== 'number') {
      return;
    }
    var go = function () {
      // At once, even where the site's CSS asks for smooth scrolling: else
      // every save would glide the page down from the top, and a reload
      // arriving meanwhile would save a position half-way there.
      try {
        window.scrollTo({ left: pos.x, top: pos.y, behavior: 'instant' });
      } catch (e) {
        window.scrollTo(pos.x, pos.y); // no ScrollToOptions or no 'instant'
      }
    };
    go();
    // Images still loading can make the page too short for now; try again.
    if (document.readyState !== 'complete') {
      window.addEventListener('load', go, { once: true });
    }
  }

  function reload() {
    saveScroll();
    location.reload();
  }

  function currentOverlay() {
    return document.getElementById(OVERLAY_ID);
  }

  function openOverlay(el) {
    if (document.activeElement && document.activeElement !== document.body && !el.contains(document.activeElement)) {
      returnFocus = document.activeElement;
    }
    el.hidden = false;
    // An alertdialog takes focus so screen readers announce it.
    el.focus({ preventScroll: true });
  }

  function closeOverlay() {
    var el = currentOverlay();
    if (!el || el.hidden) {
      return;
    }
    el.hidden = true;
    dismissed = el.getAttribute('data-risalah-failure');
    if (returnFocus && document.contains(returnFocus)) {
      returnFocus.focus();
    }
    returnFocus = null;
  }

  // Shows the overlay sent by the server in place of any shown now. The
  // markup is escaped by the server; DOMParser runs no scripts. Where the
  // page enforces Trusted Types, parsing throws, and a reload brings the
  // overlay the server puts into every page while the build is broken.
  function showOverlay(markup) {
    var next;
    try {
      next = new DOMParser().parseFromString(markup, 'text/html').getElementById(OVERLAY_ID);
    } catch (e) {
      reload();
      return;
    }
    if (!next) {
      return;
    }
    var old = currentOverlay();
    var seq = next.getAttribute('data-risalah-failure');
    if (seq !== null && seq === dismissed) {
      return;
    }
    next = document.importNode(next, true);
    if (old) {
      old.replaceWith(next);
    } else if (document.body) {
      document.body.insertBefore(next, document.body.firstChild);
    } else {
      document.documentElement.appendChild(next);
    }
    openOverlay(next);
  }

  document.addEventListener('click', function (ev) {
    var t = ev.target;
    if (t && t.closest && t.closest('[data-risalah-close]') && t.closest('#' + OVERLAY_ID)) {
      closeOverlay();
    }
  });

  document.addEventListener('keydown', function (ev) {
    var el = currentOverlay();
    if (ev.key === 'Escape' && el && !el.hidden && el.contains(document.activeElement)) {
      closeOverlay();
    }
  });

  restoreScroll();

  // An overlay the server put into the page takes focus like a sent one.
  var initial = currentOverlay();
  if (initial && !initial.hidden) {
    openOverlay(initial);
  }

  // The page's language goes with the request, so that the server sends the
  // overlay worded in it.
  var url = '/__risalah/events?lang=' + encodeURIComponent(document.documentElement.lang || '') +
    (build ? '&build=' + encodeURIComponent(build) : '');
  var source = null;

  // When the connection drops, EventSource reconnects by itself after the
  // server's retry delay, and on reconnecting the server compares builds and
  // reloads the page only if it missed one: no reload storm.
  function connect() {
    source = new EventSource(url);
    source.addEventListener('reload', function () {
      source.close();
      reload();
    });
    source.addEventListener('build-error', function (ev) {
      showOverlay(ev.data);
    });
  }

  connect();

  // A page kept in the back-forward cache must not hold a stream; when it is
  // shown again it may be stale, so it reconnects and the server decides.
  window.addEventListener('pagehide', function () {
    source.close();
  });
  window.addEventListener('pageshow', function (ev) {
    if (ev.persisted) {
      connect();
    }
  });
})();
