"""The article renderer: annotations it leaves out belong to the page being rendered, not to the module."""

from __future__ import annotations

from collections.abc import Sequence

from explainer.intake.catalog import Translation
from explainer.knowledge.annotate import Language, Span
from explainer.pages.render import PairRenderer, render_article
from pagecheck import article_from_text


def crossing(segment_id: str, language: Language, text: str) -> Sequence[Span]:
    """Two spans that cross in every Arabic segment: one of them must be left out."""
    return (Span(0, 4, "b", {}), Span(2, 7, "i", {})) if language == "ar" else ()


def test_each_page_reports_only_its_own_conflicts() -> None:
    article = article_from_text("قال الوزير إن الاتفاق قريب.")
    translations = {s.id: Translation(s.id, "", "untranslated", (), 1) for s in article.segmentation.segments}
    first = render_article(article, translations, [crossing])
    (segment,) = article.segmentation.segments
    assert len(first.conflicts) == 1 and first.conflicts[0].startswith(f"{segment.id} (ar): <")
    assert render_article(article, translations, [crossing]).conflicts == first.conflicts, "not added to the last page's"
    assert render_article(article, translations).conflicts == ()


def test_two_renderers_keep_their_conflicts_apart() -> None:
    article = article_from_text("قال الوزير إن الاتفاق قريب.")
    translations = {s.id: Translation(s.id, "", "untranslated", (), 1) for s in article.segmentation.segments}
    (block,) = article.segmentation.blocks
    crossed, plain = PairRenderer([crossing]), PairRenderer()
    crossed.block(block, translations)
    plain.block(block, translations)
    assert len(crossed.conflicts) == 1 and plain.conflicts == []
