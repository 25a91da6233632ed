"""Normalise stage: the normalisation table, and that every change is reported."""

from __future__ import annotations

import pytest

from explainer.intake.normalise import normalise_arabic

# (name, input, expected output, expected change kinds)
TABLE = [
    ("nfc composes alef with hamza above", "\u0627\u0654\u0645\u0631", "\u0623\u0645\u0631", {"composed to NFC"}),
    ("lam-alef ligature", "\ufefb\u0639\u0628", "\u0644\u0627\u0639\u0628", {"presentation form to base letters"}),
    ("isolated and final presentation forms", "\ufe8d\ufedf\ufecb\ufeae\ufe8d\ufed5", "\u0627\u0644\u0639\u0631\u0627\u0642",
     {"presentation form to base letters"}),
    ("tatweel", "\u0627\u0644\u0640\u0640\u0639\u0631\u0627\u0642", "\u0627\u0644\u0639\u0631\u0627\u0642", {"tatweel removed"}),
    ("heh doachashmee inside a word", "\u0627\u0644\u0642\u0627\u06be\u0631\u0629", "\u0627\u0644\u0642\u0627\u0647\u0631\u0629",
     {"look-alike letter to Arabic"}),
    # Final Farsi yeh has no dots, like alef maksura: على typed on a Persian keyboard stays على.
    ("farsi yeh at a word's end and keheh", "\u0639\u0644\u06cc \u06a9\u062a\u0627\u0628", "\u0639\u0644\u0649 \u0643\u062a\u0627\u0628",
     {"look-alike letter to Arabic"}),
    ("farsi yeh inside a word", "\u0628\u06cc\u0631\u0648\u062a", "\u0628\u064a\u0631\u0648\u062a", {"look-alike letter to Arabic"}),
    ("persian digits", "\u06f2\u06f0\u06f2\u06f4", "\u0662\u0660\u0662\u0664", {"Persian digit to Arabic-Indic"}),
    ("bidi override and isolate", "\u202e\u0646\u0635\u202c \u2067\u0646\u0635\u2069", "\u0646\u0635 \u0646\u0635",
     {"invisible right-to-left override removed", "invisible pop directional formatting removed",
      "invisible right-to-left isolate removed", "invisible pop directional isolate removed"}),
    ("zero-width space and stray bom", "\u0646\u200b\u0635\ufeff", "\u0646\u0635",
     {"invisible zero width space removed", "invisible zero width no-break space removed"}),
    ("no-break space and repeated spaces", "\u0646\u0635\u00a0\u00a0 \u0646\u0635", "\u0646\u0635 \u0646\u0635",
     {"unusual space to plain space", "repeated spaces collapsed"}),
    ("spaces at the edges", "  \u0646\u0635 ", "\u0646\u0635", {"space at line edge removed"}),
]


@pytest.mark.parametrize(("name", "text", "expected", "kinds"), TABLE, ids=[row[0] for row in TABLE])
def test_normalisation_table(name: str, text: str, expected: str, kinds: set[str]) -> None:
    result = normalise_arabic(text)
    assert result.text == expected
    assert set(result.change_counts()) == kinds


def test_diacritics_are_kept_for_display() -> None:
    text = "\u062a\u064f\u0639\u0642\u062f \u062d\u0627\u0644\u064a\u064b\u0627"
    assert normalise_arabic(text).text == text
    assert normalise_arabic(text).changes == ()


def test_lookalike_outside_an_arabic_word_is_left_alone() -> None:
    # A lone Persian letter quoted as a symbol is not part of an Arabic word.
    assert normalise_arabic("\u062d\u0631\u0641 \u06a9 \u0645\u0646\u0641\u0631\u062f").text == "\u062d\u0631\u0641 \u06a9 \u0645\u0646\u0641\u0631\u062f"


def test_changes_name_line_and_column() -> None:
    result = normalise_arabic("\u0646\u0635\n\u0646\u0640\u0635")
    (change,) = result.changes
    assert (change.line, change.column, change.kind) == (2, 2, "tatweel removed")


def test_line_count_is_preserved() -> None:
    text = "\u0623\n\n\u200b\n\u0628"
    assert len(normalise_arabic(text).lines) == len(text.split("\n"))


def test_the_seed_needs_no_normalisation(seed_text: str) -> None:
    assert normalise_arabic(seed_text).changes == ()
