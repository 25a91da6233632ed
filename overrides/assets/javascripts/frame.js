/* The page's frame, on every page, once it is parsed (deferred): the colour toggle, the search
 * dialog's opener, and Material's own script started after the first paint. Each was an inline
 * script on every page; here the browser keeps them once for the whole site.
 */
(function (d) {
  "use strict";

  /* ---- The colour toggle ----------------------------------------------------------------
     partials/javascripts/palette.html applied the palette before the first paint and left
     window.__ex_palette; this answers the reader's toggle and the system's changes. */
  var palette = window.__ex_palette;
  function report() {
    var style = getComputedStyle(d.querySelector("[data-md-component=header]"));
    var meta = function (name, content) {
      var tag = d.querySelector("meta[name=" + name + "]");
      if (!tag) (tag = d.createElement("meta")).name = name, d.head.appendChild(tag);
      tag.content = content;
    };
    meta("color-scheme", style.colorScheme);
    meta("theme-color", "#" + style.backgroundColor.match(/\d+/g).slice(0, 3)
      .map(function (v) { return (+v).toString(16).padStart(2, "0"); }).join(""));
  }
  function change(index, store) {
    // No transitions while every colour changes at once, as Material's palette component does.
    d.body.setAttribute("data-md-color-switching", "");
    palette.apply(index, store);
    setTimeout(function () { d.body.removeAttribute("data-md-color-switching"); report(); });
  }
  if (palette && palette.inputs.length) {
    var inputs = palette.inputs, form = inputs[0].form;
    form.addEventListener("change", function (event) {
      change(Array.prototype.indexOf.call(inputs, event.target), true);
    });
    form.addEventListener("keydown", function (event) {
      if (event.key !== "Enter") return;
      var next = inputs[(palette.current + 1) % inputs.length];
      next.click();
      next.focus();
    });
    Array.prototype.forEach.call(inputs, function (input) {
      matchMedia(input.getAttribute("data-md-color-media")).addEventListener("change", function () {
        change(palette.now(), false);
      });
    });
    if (d.readyState === "complete") setTimeout(report);
    else addEventListener("load", function () { setTimeout(report); });
  }

  /* ---- Search (partials/search.html) ----------------------------------------------------
     Its script, and Pagefind's, load the first time the reader opens it: the button, the "/"
     or "s" key, or an address with ?q=… (the WebSite's SearchAction in the JSON-LD). */
  var dialog = d.querySelector("[data-search]"), loading = false;
  function open() {
    if (!dialog.open) dialog.showModal();
    dialog.querySelector("input").focus();
    if (window.explainerSearch) return window.explainerSearch.opened();
    if (loading) return;
    loading = true;
    var script = d.createElement("script");
    script.src = dialog.getAttribute("data-script");
    d.head.appendChild(script);
  }
  if (dialog) {
    d.querySelector("[data-search-open]").addEventListener("click", open);
    var query = new URLSearchParams(location.search).get("q");
    if (query) {
      dialog.querySelector("input").value = query;
      open();
    }
    d.querySelector("[data-search-close]").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("click", function (event) { if (event.target === dialog) dialog.close(); });
    d.addEventListener("keydown", function (event) {
      var t = event.target, typing = t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName);
      if ((event.key === "/" || event.key === "s") && !typing && !event.ctrlKey && !event.metaKey && !event.altKey && !dialog.open) {
        event.preventDefault();
        open();
      }
    });
  }

  /* ---- Material's script, after the first paint (main.html's block scripts says why) ----- */
  var started = false;
  function start() {
    if (started) return;
    started = true;
    var held = d.getElementById("__scripts");
    if (!held) return;
    Array.prototype.forEach.call(held.content.querySelectorAll("script"), function (tag) {
      var script = d.createElement("script");
      Array.prototype.forEach.call(tag.attributes, function (a) { script.setAttribute(a.name, a.value); });
      script.text = tag.text;
      if (!tag.hasAttribute("async")) script.async = false;
      if (/\/bundle\.\w+\.min\.js$/.test(tag.getAttribute("src") || ""))
        script.onload = function () {
          setTimeout(function () { if (window.document$) window.document$.next(d); });
        };
      d.body.appendChild(script);
    });
  }
  d.addEventListener("DOMContentLoaded", function () {
    var types = window.PerformanceObserver && PerformanceObserver.supportedEntryTypes || [];
    if (types.indexOf("paint") < 0) return start();
    new PerformanceObserver(function (list, observer) {
      if (list.getEntriesByName("first-contentful-paint").length) { observer.disconnect(); setTimeout(start); }
    }).observe({ type: "paint", buffered: true });
    setTimeout(start, 3000);
  });
})(document);
