/* The site's search, over Pagefind's JS API: loaded the first time the reader opens search
 * (partials/search.html), never with the page.
 *
 * The query's Arabic words are folded and stemmed as the index's were (arabic-fold.js, generated
 * from explainer.site.search), and Pagefind finds the pages; each page's matching sections are
 * its results: a sentence pair (a heading h2 in the index, "Arabic ‖ English") or another part of the page (h3, its heading), each a
 * link to its own address (#s-…). Three pages are loaded at a time: each
 * is a fetch of its own.
 *
 * Keyboard: the arrows move from the box to the results and among them, Enter opens the first
 * result from the box (or the focused one), Escape closes the dialog (the browser's <dialog>).
 * The status line is a live region: screen readers hear the count.
 */
(function () {
  "use strict";
  var PAGES_AT_ONCE = 3;
  var SECTIONS_AT_MOST = 3;  // of a page's other parts (h3): its sentence pairs are all shown
  var SEPARATOR = " \u2016 ";
  var dialog = document.querySelector("[data-search]");
  var input = dialog.querySelector("input");
  var status = dialog.querySelector("[role=status]");
  var list = dialog.querySelector(".ex-search__results");
  var strings = JSON.parse(dialog.getAttribute("data-strings"));
  var url = function (name) { return new URL(dialog.getAttribute(name), location.href).href; };
  var engine = null;
  var current = 0;
  var timer = 0;

  function say(template, parts) {
    return template.replace(/\{(\w+)\}/g, function (_, name) { return parts[name]; });
  }

  function loadFold() {
    return new Promise(function (resolve, reject) {
      var script = document.createElement("script");
      script.src = url("data-fold");
      script.onload = resolve;
      script.onerror = reject;
      document.head.appendChild(script);
    });
  }

  function pagefind() {
    if (!engine) {
      engine = Promise.all([import(url("data-bundle")), loadFold()]).then(function (loaded) {
        var pf = loaded[0];
        return pf.options({ excerptLength: 0, noWorker: true }).then(function () { return pf.init(); })
          .then(function () { return pf; });
      });
    }
    return engine;
  }

  /* The words of the query as the index holds them: Arabic folded and stemmed, the rest lower case. */
  function queryWords(query) {
    return window.arabicFold.stemQuery(query).toLowerCase().split(/[^\p{L}\p{M}\p{N}]+/u).filter(Boolean);
  }

  /* Text into nodes, each word that begins like a query word (as folded) in <mark>. */
  function marked(text, words) {
    var fragment = document.createDocumentFragment();
    var last = 0;
    text.replace(/[\p{L}\p{M}\p{N}]+/gu, function (word, at) {
      var folded = window.arabicFold.stemQuery(word).toLowerCase();
      var hit = words.some(function (w) {
        return folded.indexOf(w) === 0 || (folded.length >= 3 && w.indexOf(folded) === 0);
      });
      if (hit) {
        fragment.appendChild(document.createTextNode(text.slice(last, at)));
        var mark = document.createElement("mark");
        mark.textContent = word;
        fragment.appendChild(mark);
        last = at + word.length;
      }
      return word;
    });
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  function element(tag, className, attributes) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    return node;
  }

  function line(text, lang, words) {
    var span = element("span", "ex-search__" + lang, { lang: lang, dir: lang === "ar" ? "rtl" : "ltr" });
    span.appendChild(marked(text, words));
    return span;
  }

  /* One page's results: its title, then a link to each matching pair or section. */
  function pageItem(data, words) {
    var item = element("li", "ex-search__page");
    var title = element("p", "ex-search__page-title");
    title.textContent = data.meta.title || data.url;
    item.appendChild(title);
    var hits = element("ul", "ex-search__hits");
    var all = data.sub_results.length ? data.sub_results : [{ url: data.url, title: data.meta.title, locations: [] }];
    var isPair = function (sub) { return sub.anchor && sub.anchor.element === "h2"; };
    // Of the other parts, those where the query's words come most often, in the page's order.
    var best = all.filter(function (sub) { return !isPair(sub); })
      .sort(function (a, b) { return b.locations.length - a.locations.length; }).slice(0, SECTIONS_AT_MOST);
    var subs = all.filter(function (sub) { return isPair(sub) || best.indexOf(sub) >= 0; });
    subs.forEach(function (sub) {
      var link = element("a", "ex-search__hit", { href: sub.url });
      var kind = sub.anchor && sub.anchor.element;
      if (kind === "h2") {
        var parts = sub.title.split(SEPARATOR);
        var arabic = line(parts[0], "ar", words);
        var english = parts.length > 1 ? line(parts.slice(1).join(SEPARATOR), "en", words) : null;
        if (document.documentElement.lang === "ar" || !english) {
          link.appendChild(arabic);
          if (english) link.appendChild(english);
        } else {
          link.appendChild(english);
          link.appendChild(arabic);
        }
      } else {
        link.appendChild(marked(sub.title || data.meta.title || sub.url, words));
      }
      link.addEventListener("click", function () { dialog.close(); });
      var hit = element("li");
      hit.appendChild(link);
      hits.appendChild(hit);
    });
    item.appendChild(hits);
    return item;
  }

  function showMore(results, from, words, run) {
    var batch = results.slice(from, from + PAGES_AT_ONCE);
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (pages) {
      if (run !== current) return;
      var old = list.querySelector(".ex-search__more-item");
      if (old) old.remove();
      var first = null;
      pages.forEach(function (data) {
        var item = pageItem(data, words);
        first = first || item.querySelector("a");
        list.appendChild(item);
      });
      if (from + PAGES_AT_ONCE < results.length) {
        var more = element("li", "ex-search__more-item");
        var button = element("button", "ex-search__more md-button", { type: "button" });
        button.textContent = strings.more;
        button.addEventListener("click", function () {
          showMore(results, from + PAGES_AT_ONCE, words, run).then(function (next) { if (next) next.focus(); });
        });
        more.appendChild(button);
        list.appendChild(more);
      }
      return first;
    });
  }

  function search() {
    var query = input.value.trim();
    var run = ++current;
    list.textContent = "";
    if (!query) {
      status.textContent = "";
      return;
    }
    status.textContent = strings.searching;
    pagefind().then(function (pf) {
      var words = queryWords(query);
      return pf.search(words.join(" ")).then(function (found) {
        if (run !== current) return;
        var results = found.results;
        // The count once the first results are on show, so it is never heard before them.
        return showMore(results, 0, words, run).then(function () {
          if (run !== current) return;
          status.textContent = results.length ? say(strings.count, { count: results.length }) : say(strings.none, { query: query });
        });
      });
    }).catch(function (error) {
      if (run === current) status.textContent = strings.failed;
      console.warn("search:", error);
    });
  }

  function links() {
    return Array.prototype.slice.call(list.querySelectorAll("a, button"));
  }

  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 150);
  });
  input.addEventListener("keydown", function (event) {
    var all = links();
    if (event.key === "ArrowDown" && all.length) {
      event.preventDefault();
      all[0].focus();
    } else if (event.key === "Enter") {
      event.preventDefault();
      if (all.length && all[0].href) all[0].click();
    }
  });
  list.addEventListener("keydown", function (event) {
    var all = links();
    var at = all.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === "ArrowDown" && at + 1 < all.length) {
      event.preventDefault();
      all[at + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      (at > 0 ? all[at - 1] : input).focus();
    }
  });
  dialog.querySelector("form").addEventListener("submit", function (event) {
    event.preventDefault();
  });

  window.explainerSearch = {
    opened: function () {
      pagefind();
      if (input.value.trim() && !list.childElementCount) search();
    }
  };
  window.explainerSearch.opened();
})();
