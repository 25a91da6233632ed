/* Material's search worker, with Arabic folded the same way in the index and in the query.
 *
 * Material builds its lunr index in this worker from search_index.json. Before any document
 * is added, every token gets two index entries, its folded form and its stem (arabic-fold.js),
 * and every query term its stem; the query text is stemmed too before Material reads it, so
 * its "missing term" marks agree with what matched. Lunr keeps each token's position, so a
 * hit on الامريكية still highlights الأمريكية in the result.
 */
/* global lunr, arabicFold */
importScripts("../arabic-fold.js");

var QUERY = 2; // Material's SearchMessageType.QUERY
self.addEventListener("message", function (event) {
  var message = event.data;
  if (message && message.type === QUERY && typeof message.data === "string") {
    message.data = arabicFold.stemQuery(message.data);
  }
});

importScripts("search.a7633da7.min.js");

(function () {
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
})();
