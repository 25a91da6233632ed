/* Glossary tooltips, fetched when first needed. A term is a plain link to its entry's page
   (a.gl); the entry's first link on the page names its tooltip's file (data-tip), under the
   entry's page: tips/<name>.html. When the reader first opens a term (hover, keyboard focus or
   tap), this script fetches that file once (the page's other tooltips are then fetched too,
   so the next terms open at once), shows the tooltip beside the term, and only then names it in
   the link's aria-describedby. A second tap follows the link; Escape closes; the tooltip stays
   on screen. Without the script a term is the link to its entry. */
(function () {
  "use strict";
  var MARGIN = 8;
  // Time to move the pointer from a term onto its tooltip before it closes.
  var CLOSE_DELAY = 300;
  var lastPointer = "mouse";
  var loads = {}; // file address -> promise of its tooltip element (null if it could not be read)
  var prefetched = false;
  var shown = null; // the link whose tooltip is showing
  var wanted = null; // the link the reader opened last
  var armed = null; // the link tapped once: a second tap follows it
  var dismissed = null; // the link whose tooltip Escape closed: hovering it opens none until the pointer leaves
  var closing = 0;

  function termOf(node) {
    return node instanceof Element ? node.closest("a.gl") : null;
  }

  function tipOf(node) {
    return node instanceof Element ? node.closest(".gl-tip") : null;
  }

  // The entry's link that names its tooltip: this one, or the first on the page to the same entry.
  function namer(link) {
    if (link.hasAttribute("data-tip")) return link;
    var href = link.getAttribute("href");
    var links = document.querySelectorAll("a.gl[data-tip]");
    for (var i = 0; i < links.length; i++) if (links[i].getAttribute("href") === href) return links[i];
    return null;
  }

  function address(link) {
    return new URL("tips/" + link.getAttribute("data-tip") + ".html", link.href).href;
  }

  // The tooltip in a file, read once; a failed read is tried again at the next opening.
  function load(url) {
    if (!loads[url]) {
      loads[url] = fetch(url).then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.text();
      }).then(function (text) {
        var holder = document.createElement("template");
        holder.innerHTML = text;
        return holder.content.querySelector(".gl-tip");
      }).catch(function () {
        delete loads[url];
        return null;
      });
    }
    return loads[url];
  }

  function prefetch() {
    if (prefetched) return;
    prefetched = true;
    document.querySelectorAll("a.gl[data-tip]").forEach(function (link) { load(address(link)); });
  }

  // Put the tooltip under the term's last line (above its first if only there it fits), its
  // start under the term's start, moved sideways to stay inside the viewport.
  function place(link, tip) {
    tip.style.left = "0px";
    tip.style.top = "0px";
    var origin = tip.getBoundingClientRect();
    var lines = link.getClientRects();
    var first = lines[0] || link.getBoundingClientRect();
    var last = lines[lines.length - 1] || first;
    var rtl = getComputedStyle(link).direction === "rtl";
    var width = document.documentElement.clientWidth;
    var height = document.documentElement.clientHeight;
    var above = last.bottom + origin.height > height && first.top - origin.height >= 0;
    var line = above ? first : last;
    var x = rtl ? line.right - origin.width : line.left;
    x = Math.max(MARGIN, Math.min(x, width - MARGIN - origin.width));
    tip.style.left = (x - origin.left) + "px";
    tip.style.top = ((above ? first.top - origin.height : last.bottom) - origin.top) + "px";
  }

  function close() {
    clearTimeout(closing);
    if (shown) {
      var tip = document.getElementById(shown.getAttribute("aria-describedby"));
      if (tip) tip.classList.remove("gl-tip-open");
    }
    shown = wanted = armed = null;
  }

  function open(link) {
    clearTimeout(closing);
    var source = namer(link);
    if (!source) return;
    if (shown && shown !== link) close();
    wanted = link;
    prefetch();
    load(address(source)).then(function (tip) {
      if (!tip || wanted !== link) return;
      if (tip.previousSibling !== link) link.after(tip);
      link.setAttribute("aria-describedby", tip.id);
      tip.classList.add("gl-tip-open");
      shown = link;
      place(link, tip);
    });
  }

  // Close, unless the term has kept the focus or the pointer has come to rest on the tooltip.
  function closeSoon() {
    clearTimeout(closing);
    closing = setTimeout(function () {
      var tip = shown && document.getElementById(shown.getAttribute("aria-describedby"));
      if (!(shown && shown === document.activeElement) && !(tip && tip.matches(":hover"))) close();
    }, CLOSE_DELAY);
  }

  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
  }, true);
  // Hover is a mouse's (a touch opens by its tap), whatever pointer pressed last.
  document.addEventListener("pointerover", function (event) {
    if (event.pointerType !== "mouse") return;
    var link = termOf(event.target);
    if (link && link !== dismissed) open(link);
    else if (tipOf(event.target)) clearTimeout(closing);
  });
  document.addEventListener("pointerout", function (event) {
    if (event.pointerType !== "mouse") return;
    var from = termOf(event.target) || tipOf(event.target);
    var to = event.relatedTarget;
    if (from && from === dismissed && !(to instanceof Node && from.contains(to))) dismissed = null;
    if (from && wanted && !(to instanceof Node && (wanted.contains(to) || (tipOf(to) && tipOf(to).previousSibling === wanted)))) closeSoon();
  });
  document.addEventListener("focusin", function (event) {
    var link = termOf(event.target);
    if (link) {
      dismissed = null;
      open(link);
    }
  });
  document.addEventListener("focusout", function (event) {
    if (termOf(event.target) && !termOf(event.relatedTarget)) closeSoon();
  });
  document.addEventListener("click", function (event) {
    var link = termOf(event.target);
    if (!link) {
      if (!tipOf(event.target)) close();
      return;
    }
    // A mouse click or the keyboard's Enter (no pointer: detail 0) follows the link at once.
    if (lastPointer === "mouse" || event.detail === 0 || armed === link) return;
    event.preventDefault();
    open(link);
    armed = link;
  });
  window.addEventListener("resize", function () {
    var tip = shown && document.getElementById(shown.getAttribute("aria-describedby"));
    if (tip) place(shown, tip);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !wanted) return;
    dismissed = wanted;
    close();
  });
})();
