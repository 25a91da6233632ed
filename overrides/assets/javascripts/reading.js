/* Reading the pair: the language switch, the partner highlight and the "cite" action.
 *
 * The chosen languages live in localStorage ("explainer.reading": "ar" or "en"; nothing for
 * both) and on <html data-reading>, which the inline script in main.html sets before the first
 * paint; CSS does the rest. Sentences are the elements with data-seg: the Arabic one carries
 * the id (its permalink), its English partner the same data-seg.
 */
(function () {
  "use strict";
  var KEY = "explainer.reading";
  var root = document.documentElement;

  /* What the status region says, in the page's language: its data-* attributes hold the
     edition's words (overrides/partials/reading-switch.html), with {name} for what is filled in. */
  function words(name, values) {
    var region = document.querySelector(".reading-status");
    var text = (region && region.getAttribute("data-" + name)) || "";
    return text.replace(/\{(\w+)\}/g, function (whole, key) {
      return values && key in values ? values[key] : whole;
    });
  }

  function status(message) {
    var region = document.querySelector(".reading-status");
    if (!region) return;
    region.textContent = "";
    // A fresh text node after a pause, so a repeated message is announced again.
    window.setTimeout(function () { region.textContent = message; }, 60);
  }

  /* ---- The switch ---------------------------------------------------------------------- */
  function current() {
    var mode = root.getAttribute("data-reading");
    return mode === "ar" || mode === "en" ? mode : "both";
  }

  function apply(mode) {
    if (mode === "ar" || mode === "en") {
      if (root.getAttribute("data-reading") !== mode) root.setAttribute("data-reading", mode);
    } else if (root.hasAttribute("data-reading")) {
      root.removeAttribute("data-reading");
    }
    var input = document.getElementById("reading-" + current());
    if (input && !input.checked) input.checked = true;
  }

  function store(mode) {
    try {
      if (mode === "both") localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, mode);
    } catch (error) { /* private mode: the choice lasts for this page */ }
  }

  apply(current());
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!input || input.name !== "reading") return;
    apply(input.value);
    store(input.value);
    status(words("showing", { mode: words("mode-" + current()) }));
  });
  window.addEventListener("storage", function (event) {
    if (event.key === KEY) apply(event.newValue || "both");
  });

  /* ---- A sentence and its partner -------------------------------------------------------- */
  function segmentOf(element) {
    if (!element || !element.closest) return null;
    var segment = element.closest("[data-seg]");
    if (segment) return segment.getAttribute("data-seg");
    var pair = element.closest(".pair");
    var first = pair && pair.querySelector("[data-seg]");
    return first ? first.getAttribute("data-seg") : null;
  }

  function sentences(id) {
    return document.querySelectorAll('[data-seg="' + (window.CSS && CSS.escape ? CSS.escape(id) : id) + '"]');
  }

  var lit = null;
  function light(id) {
    if (id === lit) return;
    if (lit) sentences(lit).forEach(function (e) { e.classList.remove("is-partner"); });
    lit = id;
    if (lit) sentences(lit).forEach(function (e) { e.classList.add("is-partner"); });
  }

  document.addEventListener("mouseover", function (event) { light(segmentOf(event.target)); });
  document.addEventListener("focusin", function (event) { light(segmentOf(event.target)); });
  document.addEventListener("focusout", function (event) {
    if (!segmentOf(event.relatedTarget)) light(null);
  });
  document.documentElement.addEventListener("mouseleave", function () { light(null); });

  /* ---- Cite ------------------------------------------------------------------------------ */
  function textOf(element) {
    if (!element) return "";
    var copy = element.cloneNode(true);
    copy.querySelectorAll("[data-verify-skip], .pending").forEach(function (e) { e.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  function address(id) {
    var canonical = document.querySelector('link[rel="canonical"]');
    var base = canonical ? canonical.href : location.href;
    return base.split("#")[0] + "#" + id;
  }

  function citation(button) {
    var id = button.getAttribute("data-cite");
    var found = sentences(id);
    var arabic = "", english = "";
    found.forEach(function (e) {
      if (e.getAttribute("lang") === "ar") arabic = textOf(e);
      // An English sentence says its status only when it is not translated.
      else if (e.getAttribute("lang") === "en" && !e.hasAttribute("data-status")) english = textOf(e);
    });
    var title = document.querySelector(".article-title .title-en");
    var site = document.querySelector('meta[property="og:site_name"]');
    var source = [site ? site.content : document.title, title ? "“" + textOf(title) + "”" : ""]
      .filter(Boolean).join(", ");
    return [arabic, english, "— " + source + ", " + address(id)].filter(Boolean).join("\n");
  }

  function copyWithSelection(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.insetInlineStart = "-9999px";
    document.body.appendChild(area);
    area.select();
    var done = false;
    try { done = document.execCommand("copy"); } catch (error) { done = false; }
    area.remove();
    return done;
  }

  function copy(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text).then(function () { return true; },
        function () { return copyWithSelection(text); });
    }
    return Promise.resolve(copyWithSelection(text));
  }

  /* What a label names, e.g. "sentence 4" in "Permalink to sentence 4": the label without
     the template's words around {what}; the whole label when it does not fit the template. */
  function named(label, template) {
    var around = template.split("{what}");
    if (around.length === 2 && label.length >= around[0].length + around[1].length &&
        label.indexOf(around[0]) === 0 && label.slice(label.length - around[1].length) === around[1]) {
      return label.slice(around[0].length, label.length - around[1].length);
    }
    return label;
  }

  /* What a sentence's permalink names, e.g. "sentence 4": its cite button says the same. */
  function sentenceOf(link) {
    return named(link.getAttribute("aria-label") || "", words("permalink"));
  }

  /* The cite buttons: a button only a script can work is the script's to make. Each goes
     under its sentence's permalink (render.py's pair tools), named from the link's label. */
  document.querySelectorAll(".pair-tools > .seg-link").forEach(function (link) {
    var what = sentenceOf(link);
    var button = document.createElement("button");
    button.type = "button";
    button.className = "seg-cite";
    button.setAttribute("data-cite", (link.getAttribute("href") || "").slice(1));
    button.setAttribute("aria-label", words("cite", { what: what }));
    button.title = words("cite-title", { what: what });
    link.after(button);
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest(".seg-cite");
    if (!button) return;
    // What the button cites, e.g. "sentence 4": what its permalink, just before it, names.
    var what = sentenceOf(button.previousElementSibling);
    copy(citation(button)).then(function (done) {
      if (done) {
        button.setAttribute("data-copied", "");
        window.setTimeout(function () { button.removeAttribute("data-copied"); }, 2000);
        status(words("copied", { what: what }));
      } else {
        status(words("copy-failed"));
      }
      button.focus();
    });
  });
})();
