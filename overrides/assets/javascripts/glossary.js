/* Glossary tooltips: hover and keyboard focus open them in CSS; this script brings each term its
   tooltip (a page has one for each entry, in the entry's first term, and every term's link
   names it with aria-describedby), adds tap to open (a second tap follows the link), Escape to
   close, and keeps an open tooltip on screen. */
(function () {
  "use strict";
  var MARGIN = 8;
  var lastPointer = "mouse";

  function termOf(node) {
    return node instanceof Element ? node.closest(".gl") : null;
  }

  // Shift an open tooltip sideways so it stays inside the viewport.
  function place(term) {
    var tip = term.querySelector(".gl-tip");
    if (!tip) return;
    tip.style.setProperty("--gl-shift", "0px");
    var rect = tip.getBoundingClientRect();
    if (!rect.width) return;
    var width = document.documentElement.clientWidth;
    var shift = 0;
    if (rect.right > width - MARGIN) shift = width - MARGIN - rect.right;
    if (rect.left + shift < MARGIN) shift = MARGIN - rect.left;
    tip.style.setProperty("--gl-shift", shift + "px");
  }

  // Move the entry's tooltip into this term, where CSS shows it on hover, focus or tap.
  function adopt(term) {
    var link = term.querySelector("a.gl-term");
    var tip = link && document.getElementById(link.getAttribute("aria-describedby"));
    if (tip && tip.parentNode !== term) term.appendChild(tip);
  }

  function open(term) {
    adopt(term);
    term.classList.remove("gl-closed");
    place(term);
  }

  function closeOpen(except) {
    document.querySelectorAll(".gl.gl-open").forEach(function (term) {
      if (term !== except) term.classList.remove("gl-open");
    });
  }

  document.addEventListener("mouseover", function (event) {
    var term = termOf(event.target);
    if (term) open(term);
  });
  document.addEventListener("mouseout", function (event) {
    var term = termOf(event.target);
    if (term && !term.contains(event.relatedTarget)) term.classList.remove("gl-closed");
  });
  document.addEventListener("focusin", function (event) {
    var term = termOf(event.target);
    if (term) open(term);
  });
  document.addEventListener("focusout", function (event) {
    var term = termOf(event.target);
    if (term && !term.contains(event.relatedTarget)) term.classList.remove("gl-open", "gl-closed");
  });
  document.addEventListener("pointerdown", function (event) {
    lastPointer = event.pointerType || "mouse";
  }, true);
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a.gl-term") : null;
    if (!link) {
      if (!(event.target instanceof Element && event.target.closest(".gl-tip"))) closeOpen(null);
      return;
    }
    if (lastPointer === "mouse") return;
    var term = link.parentNode;
    if (term.classList.contains("gl-open")) return;
    event.preventDefault();
    closeOpen(term);
    term.classList.add("gl-open");
    open(term);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    document.querySelectorAll(".gl:hover, .gl:focus-within, .gl.gl-open").forEach(function (term) {
      term.classList.remove("gl-open");
      term.classList.add("gl-closed");
    });
  });
})();
