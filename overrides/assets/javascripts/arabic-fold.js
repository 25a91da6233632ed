/* Arabic folding for search: one function for the index and the query, so they always agree.
 *
 * fold: letters only - diacritics and Quranic marks, tatweel and invisible marks removed;
 *   alef forms (آ أ إ ٱ) to ا, hamza on waw and on ya (ؤ ئ) to و and ي, alef maqsura ى to ي,
 *   ta marbuta ة to ه.
 * stem: the folded word without its clitics: the conjunctions و ف, the prepositions ب ك ل and
 *   the article ال (لل for ل + ال), peeled from the front while a word of three letters, or
 *   two after the article, is left.
 * Loaded by the search worker (workers/reading-search.js) and by the tests.
 */
(function (scope) {
  "use strict";
  var MARKS = /[\u0610-\u061A\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E8\u06EA-\u06ED\u0640\u200C-\u200F]/g;
  var LETTERS = { "\u0622": "\u0627", "\u0623": "\u0627", "\u0625": "\u0627", "\u0671": "\u0627",
                  "\u0624": "\u0648", "\u0626": "\u064A", "\u0649": "\u064A", "\u0629": "\u0647" };
  var ARABIC_WORD = /[\u0620-\u064A\u0640\u064B-\u065F\u0670-\u06D3\u06D5-\u06ED\u200C-\u200F]+/g;

  function fold(word) {
    return word.normalize("NFC").replace(MARKS, "").replace(/[\u0622\u0623\u0625\u0671\u0624\u0626\u0649\u0629]/g,
      function (c) { return LETTERS[c]; });
  }

  function stem(word) {
    var w = fold(word);
    for (;;) {
      if ((w.indexOf("\u0627\u0644") === 0 || w.indexOf("\u0644\u0644") === 0) && w.length - 2 >= 2) {
        w = w.slice(2);
      } else if ("\u0648\u0641\u0628\u0643\u0644".indexOf(w.charAt(0)) >= 0 && w.length > 1 && w.length - 1 >= 3) {
        w = w.slice(1);
      } else {
        return w;
      }
    }
  }

  /* Every Arabic word of a query (lunr syntax around it is kept) replaced by its stem. */
  function stemQuery(query) {
    return query.replace(ARABIC_WORD, function (word) { return stem(word) || word; });
  }

  scope.arabicFold = { fold: fold, stem: stem, stemQuery: stemQuery };
})(typeof self !== "undefined" ? self : this);
