/* Material's search worker, with Arabic folded the same way in the index and in the query.
 *
 * Material builds its lunr index in this worker from search_index.json. Before any document
 * is added, every token gets two index entries, its folded form and its stem (arabic-fold.js),
 * and every query term its stem; the query text is stemmed too before Material reads it, so
 * its "missing term" marks agree with what matched. Lunr keeps each token's position, so a
 * hit on الامريكية still highlights الأمريكية in the result.
 */
/* global lunr, arabicFold */
/* Nothing more loads until the first message, which Material sends only once the reader has
 * reached for search and the index has arrived (partials/search-on-demand.html): then the
 * folding, Material's worker and the lunr hooks below, and the message is handed on to
 * Material's worker, which was not yet listening when it came. */
var QUERY = 2; // Material's SearchMessageType.QUERY
self.addEventListener("message", function start(event) {
  self.removeEventListener("message", start);
  importScripts("../arabic-fold.js");
  // Registered before Material's own listener, so it sees the query first.
  self.addEventListener("message", function (later) {
    var message = later.data;
    if (message && message.type === QUERY && typeof message.data === "string") {
      message.data = arabicFold.stemQuery(message.data);
    }
  });
  importScripts("search.a7633da7.min.js");
  foldArabicInLunr();
  self.dispatchEvent(new MessageEvent("message", { data: event.data }));
});

function foldArabicInLunr() {
  "use strict";
  function indexForms(token) {
    var forms = [];
    var text = token.toString();
    var folded = arabicFold.fold(text);
    var stem = arabicFold.stem(text);
    if (folded) forms.push(token.clone(function () { return folded; }));
    if (stem && stem !== folded) forms.push(token.clone(function () { return stem; }));
    return forms;
  }
  function queryForm(token) {
    return token.update(function (text) { return arabicFold.stem(text); });
  }
  lunr.Pipeline.registerFunction(indexForms, "arabic-fold-index");
  lunr.Pipeline.registerFunction(queryForm, "arabic-fold-query");

  var add = lunr.Builder.prototype.add;
  lunr.Builder.prototype.add = function (doc, attributes) {
    if (this.pipeline._stack.indexOf(indexForms) < 0) {
      this.pipeline.add(indexForms);
      this.searchPipeline.add(queryForm);
    }
    return add.call(this, doc, attributes);
  };
}
