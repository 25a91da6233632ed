"""Segment stage: paragraphs, subheadings, sentences, byline and page furniture."""

from __future__ import annotations

from pathlib import Path

import pytest

from explainer.intake.normalise import normalise_arabic
from explainer.core.problems import ContentError
from explainer.intake.segment import (
    FurniturePatterns, is_heading, load_furniture_patterns, segment_article, split_sentences,
)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def patterns() -> FurniturePatterns:
    return load_furniture_patterns(ROOT / "content" / "furniture.yml")


SENTENCE_CASES = [
    ("full stop", "ذهب الوفد. عاد الوفد.", ["ذهب الوفد.", "عاد الوفد."]),
    ("arabic question mark", "هل انتهى؟ لا.", ["هل انتهى؟", "لا."]),
    ("exclamation and latin question mark", "يا للخبر! ما العمل? لا شيء", ["يا للخبر!", "ما العمل?", "لا شيء"]),
    ("not at the arabic comma or semicolon", "قال الوزير، وأضاف؛ ثم غادر.", ["قال الوزير، وأضاف؛ ثم غادر."]),
    ("ellipsis", "وانتظروا… ثم عادوا.", ["وانتظروا…", "ثم عادوا."]),
    ("decimal number", "نما بنسبة 2.5 في المئة.", ["نما بنسبة 2.5 في المئة."]),
    ("initial before a name", "قال د. محمد إن الوضع صعب.", ["قال د. محمد إن الوضع صعب."]),
    ("closing quote stays with its sentence", 'قال: "انتهى الأمر." ثم صمت.', ['قال: "انتهى الأمر."', "ثم صمت."]),
    ("no split inside a quotation", "قال «أولا. ثانيا» وخرج.", ["قال «أولا. ثانيا» وخرج."]),
    ("quotes within quotes", "قال: «نقل عنه “كفى. انتهى” أمس.» ثم خرج.", ["قال: «نقل عنه “كفى. انتهى” أمس.»", "ثم خرج."]),
    ("unbalanced quote does not swallow the paragraph", 'قال "أولا. ثم خرج.', ['قال "أولا.', "ثم خرج."]),
    ("no final punctuation", "جملة بلا نقطة", ["جملة بلا نقطة"]),
]


@pytest.mark.parametrize(("name", "text", "expected"), SENTENCE_CASES, ids=[c[0] for c in SENTENCE_CASES])
def test_split_sentences(name: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected
    assert " ".join(split_sentences(text)) == text


@pytest.mark.parametrize(("line", "expected"), [
    ("تفاصيل انسحاب القوات", True),
    ("تحديات أمنية وسياسية", True),
    ("قال الوزير إن الاتفاق قريب.", False),
    ("ما الذي سيحدث بعد الانسحاب؟", False),
    ("وفي التفاصيل:", False),
    ("هذه جملة طويلة جدا لا تنتهي بعلامة ترقيم لكنها أطول من أن تكون عنوانا فرعيا في أي مقال", False),
])
def test_headings_are_short_lines_without_final_punctuation(line: str, expected: bool) -> None:
    assert is_heading(line) is expected


def test_seed_segmentation(seed_text: str, patterns: FurniturePatterns) -> None:
    segmentation = segment_article(normalise_arabic(seed_text).lines, patterns)
    kinds = [block.kind for block in segmentation.blocks]
    assert kinds.count("heading") == 3 and kinds.count("paragraph") == 13
    assert len(segmentation.segments) == 18
    headings = [b.segments[0].text for b in segmentation.blocks if b.kind == "heading"]
    assert headings == ["تفاصيل انسحاب القوات", "تحديات أمنية وسياسية", "تأثير الاتفاق المحتمل"]
    # Only the byline and the comment prompt are dropped.
    assert [(d.line, d.kind, d.text) for d in segmentation.dropped] == [(17, "byline", "م.ال"), (18, "comment_prompt", "اضف تعليق")]
    assert segmentation.byline == "م.ال"
    two_sentences = [b for b in segmentation.blocks if len(b.segments) == 2]
    assert [b.line for b in two_sentences] == [6, 7]


def test_ids_are_stable_and_unique(patterns: FurniturePatterns) -> None:
    lines = ["جملة أولى. جملة ثانية.", "جملة أولى."]
    first = segment_article(lines, patterns).segments
    again = segment_article(["سطر جديد.", *lines], patterns).segments
    assert len({s.id for s in first}) == 3
    assert [s.id for s in again[1:]] == [s.id for s in first]


@pytest.mark.parametrize(("line", "kind"), [
    ("اقرأ أيضا: الحكومة تعلن موازنة جديدة", "read_also"),
    ("قد يهمك | انسحاب القوات", "read_also"),
    ("شارك الخبر على فيسبوك", "share"),
    ("*****", "separator"),
    ("— — —", "separator"),
    ("حمّل تطبيق الموقع لمتابعة آخر الأخبار", "app_promotion"),
    ("أضف تعليقك", "comment_prompt"),
])
def test_furniture_anywhere_is_dropped_and_listed(line: str, kind: str, patterns: FurniturePatterns) -> None:
    segmentation = segment_article(["جملة أولى من المقال.", line, "جملة أخرى من المقال."], patterns)
    assert [(d.line, d.kind) for d in segmentation.dropped] == [(2, kind)]
    assert len(segmentation.segments) == 2


def test_initials_in_mid_text_are_not_a_byline(patterns: FurniturePatterns) -> None:
    lines = ["جملة أولى.", "جملة ثانية.", "م.ال", "جملة ثالثة.", "جملة رابعة.", "جملة خامسة.", "جملة سادسة."]
    segmentation = segment_article(lines, patterns)
    assert segmentation.dropped == ()


def test_bad_patterns_are_all_reported_with_lines(tmp_path: Path) -> None:
    path = tmp_path / "furniture.yml"
    path.write_text("byline:\n  - '(unclosed'\nshare: 'not a list'\nfooter:\n  - 'x'\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_furniture_patterns(path)
    messages = [str(p) for p in caught.value.problems]
    assert any(m.startswith(f"{path}:2: bad pattern") for m in messages)
    assert any(m.startswith(f"{path}:3: share is not a list") for m in messages)
    assert any(m.startswith(f"{path}:4: unknown kind 'footer'") for m in messages)


def test_patterns_with_groups_or_flags_match_as_they_would_alone(tmp_path: Path) -> None:
    # Joined into one alternation for speed; inner groups and inline flags must not change what matches.
    path = tmp_path / "furniture.yml"
    path.write_text("share:\n  - '^(share) (this)$'\nseparator:\n  - '^(?:-)+$'\nlink:\n  - '(?i)^HTTPS?://\\S+$'\n",
                    encoding="utf-8")
    patterns = load_furniture_patterns(path)
    assert patterns.match("share this", byline_allowed=False) == ("share", "^(share) (this)$")
    assert patterns.match("---", byline_allowed=False) == ("separator", "^(?:-)+$")
    assert patterns.match("Https://x.org", byline_allowed=False) == ("link", "(?i)^HTTPS?://\\S+$")
    assert patterns.match("نص المقال.", byline_allowed=True) is None


def test_a_pattern_that_only_compiles_when_joined_is_still_refused(tmp_path: Path) -> None:
    path = tmp_path / "furniture.yml"
    path.write_text("share:\n  - 'a)|(b'\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        load_furniture_patterns(path)
    assert str(caught.value.problems[0]).startswith(f"{path}:2: bad pattern (unbalanced parenthesis")
