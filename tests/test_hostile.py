"""Hostile input through the real commands: a clean page with the text shown literally, or a refusal naming file and line.

Never a traceback, never a half-written site: a refused build leaves docs/ as the last good
build left it.
"""

from __future__ import annotations

import contextlib
import html
import io
import re
from pathlib import Path

import pytest
from conftest import BIN, SEED_SLUG, build_editions, copy_project, run

from explainer.cli import main
from explainer.translation.qa import CHECKS

pytestmark = pytest.mark.build

HOSTILE_TITLE = '<script>alert("t")</script> & {{ config.site_name }} {% include "x" %} --8<-- "/etc/passwd" **b**'
HOSTILE_MSGSTR = '<img src=x onerror=alert(1)> *[HTML]: x {{ 7*7 }} [a](javascript:alert(2)) **bold**\\n\\n# heading'


def explainer(root: Path, *args: str) -> tuple[int, str]:
    """Run the command in this process: any exception but the handled ContentError fails the test."""
    errors = io.StringIO()
    with contextlib.redirect_stderr(errors), contextlib.redirect_stdout(io.StringIO()):
        code = main(["--root", str(root), *args])
    return code, errors.getvalue()


def docs_state(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "docs").rglob("*") if p.is_file()}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed with hostile text in its meta.yml and en.po, built by explainer and MkDocs."""
    root = copy_project(tmp_path_factory.mktemp("hostile"))
    folder = root / "content" / "articles" / SEED_SLUG
    meta = (folder / "meta.yml").read_text(encoding="utf-8")
    meta = re.sub(r"(?m)^  en: .*$", "  en: '" + HOSTILE_TITLE.replace("'", "''") + "'", meta, count=1)
    meta = meta.replace("  en: Unidentified", "  en: <i>Publisher</i> {{ x }} Unidentified")
    meta = meta.replace("  ar: موقع", "  ar: <i>Publisher</i> {{ x }} موقع")
    assert meta.count("<i>Publisher</i>") == 2
    (folder / "meta.yml").write_text(meta, encoding="utf-8")
    po = (folder / "en.po").read_text(encoding="utf-8")
    first = re.search(r'msgstr "Iraq plans to begin[^\n]*"', po)
    assert first is not None
    po = po.replace(first.group(), 'msgstr "' + HOSTILE_MSGSTR.replace('"', '\\"') + '"')
    # The hostile English says nothing the Arabic says: the translation checks are accepted for
    # it, as a translator would with Weblate's flags, so that the strict build renders it.
    po = po.replace('msgctxt "s-bbd547ee"', "#, " + ", ".join(f"ignore-{c}" for c in CHECKS) + '\nmsgctxt "s-bbd547ee"', 1)
    (folder / "en.po").write_text(po, encoding="utf-8")
    run([str(BIN / "explainer"), "build", "--strict"], root)
    build_editions(root)
    run([str(BIN / "explainer"), "verify"], root)
    return root


def test_hostile_titles_and_translations_show_literally_and_nothing_runs(hostile_site: Path) -> None:
    for page in (hostile_site / "site").rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "<script>alert" not in text and "<img src=x" not in text and 'href="javascript:' not in text, page
        assert "<i>Publisher</i>" not in text and "root:x:" not in text, page
    article = (hostile_site / "site" / "articles" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    title = re.search(r"<title>(.*?)</title>", article, re.S)
    assert title is not None and title.group(1) == html.escape(HOSTILE_TITLE) + " - Iraq Explained"
    assert f'<span class="title-en" lang="en">{html.escape(HOSTILE_TITLE, quote=False)}</span>' in article
    assert "&lt;img src=x onerror=alert(1)&gt; *[HTML]: x {{ 7*7 }} [a](javascript:alert(2)) **bold** # heading" in article
    assert "&lt;i&gt;Publisher&lt;/i&gt; {{ x }}" in article
    arabic = (hostile_site / "site" / "ar" / "articles" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
    assert "&lt;i&gt;Publisher&lt;/i&gt; {{ x }} موقع" in arabic


def test_the_home_and_article_list_show_the_hostile_title_literally(hostile_site: Path) -> None:
    for page in ("index.html", "articles/index.html"):
        text = (hostile_site / "site" / page).read_text(encoding="utf-8")
        assert "&lt;script&gt;alert(" in text and "{{ config.site_name }}" in text and "<script>alert" not in text


@pytest.mark.parametrize(("where", "text", "expected"), [
    ("meta", "title:\n  ar: عنوان\n  en: 'A \u202eTITLE'\npublisher: P\npublished: '2024-01-01'\n",
     "meta.yml:3: title.en holds an invisible bidi control U+202E (RIGHT-TO-LEFT OVERRIDE) at character 3: delete it"),
    ("meta", "title: [unclosed\n", "meta.yml:2: malformed YAML"),
    ("meta", "title:\n  ar: عنوان\n  en: Title\npublisher: !!python/object:os.system 'echo x'\npublished: '2024-01-01'\n",
     "meta.yml:4: malformed YAML"),
    ("meta", "- just\n- a list\n", "meta.yml: expected a mapping of fields"),
    ("meta", "title:\n  ar: عنوان\n  en: Title\npublisher: P\npublished: '2024-01-01'\nnotes:\n  - [a, list]\n",
     "meta.yml:7: a note should be a text, or en: and ar: texts"),
    ("meta", "title:\n  ar: عنوان\n  en: Title\npublisher:\n  ar: ناشر\npublished: '2024-01-01'\n",
     "meta.yml:5: publisher.en is missing: give the English name of the outlet that published it"),
    ("po", 'msgctxt "s-bbd547ee"\nmsgid "x\n', "en.po:"),
    ("source", "\x00\x01binary", "article.ar.txt:1: file is binary"),
    ("source", "", "article.ar.txt: file is empty"),
    ("source", "This is English, not Arabic.", "article.ar.txt: file is not Arabic text"),
])
def test_hostile_files_are_refused_with_file_line_and_what_to_do(tmp_path: Path, where: str, text: str,
                                                                  expected: str) -> None:
    root = copy_project(tmp_path)
    assert explainer(root, "build") == (0, "")
    before = docs_state(root)
    folder = root / "content" / "articles" / SEED_SLUG
    target = {"meta": folder / "meta.yml", "po": folder / "en.po", "source": folder / "article.ar.txt"}[where]
    target.write_bytes(text.encode("utf-8"))
    for command in (("build",), ("build", "--strict"), ("check",)):
        code, stderr = explainer(root, *command)
        assert code == 1
        assert f"content/articles/{SEED_SLUG}/{expected}" in stderr, stderr
    assert docs_state(root) == before


def test_a_bidi_override_in_a_translation_is_refused_at_its_line(tmp_path: Path) -> None:
    root = copy_project(tmp_path)
    po = root / "content" / "articles" / SEED_SLUG / "en.po"
    text = po.read_text(encoding="utf-8")
    po.write_text(text.replace("Iraq plans to begin", "Iraq \u202eplans to begin"), encoding="utf-8")
    line = next(n for n, po_line in enumerate(po.read_text(encoding="utf-8").split("\n"), 1) if 'msgid "يخطط العراق' in po_line)
    code, stderr = explainer(root, "build")
    assert code == 1
    assert f"en.po:{line}: s-bbd547ee: msgstr holds an invisible bidi control U+202E" in stderr


def test_a_very_long_article_goes_through_whole() -> None:
    """Just under the size limit (512 KiB): long paragraphs, a 20,000-word line with no full stop, many quotes."""
    from pagecheck import article_from_text, page_to_html

    from explainer.intake.catalog import Translation
    from explainer.intake.read import MAX_SOURCE_BYTES, decode_source
    from explainer.pages.render import render_article
    from explainer.publishing.verify import verify_page

    paragraph = "قال الوزير «إن الاتفاق. قريب» وأضاف: \"لا شيء بعد.\" ثم غادر. " * 40
    unbroken = " ".join(["كلمة"] * 20000)
    text = "\n".join([paragraph] * 60 + [unbroken])
    data = text.encode("utf-8")
    assert MAX_SOURCE_BYTES // 2 < len(data) < MAX_SOURCE_BYTES
    article = article_from_text(decode_source(Path("article.ar.txt"), data).text)
    assert len(article.segmentation.segments) == 60 * 40 * 2 + 1  # two sentences per repeat, and the unbroken line
    translations = {s.id: Translation(s.id, "", "untranslated", (), 1) for s in article.segmentation.segments}
    page = render_article(article, translations)
    body, _ = page_to_html(page.text)
    report = {"dropped": [{"line": d.line, "text": d.text} for d in article.segmentation.dropped]}
    assert verify_page(article, report, body, "page") == []


def test_hostile_titles_stay_data_in_the_json_ld_the_feed_and_the_card(hostile_site: Path) -> None:
    """The title and outlet in the structured data, the feed and the card: whole and inert."""
    import extruct
    import feedparser

    for edition in ("", "ar/"):
        page = (hostile_site / "site" / edition / "articles" / SEED_SLUG / "index.html").read_text(encoding="utf-8")
        scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
        # tojson escapes <, > and &: nothing in the graph can end the script element early.
        assert len(scripts) == 1 and "<" not in scripts[0] and "&" not in scripts[0]
        (graph,) = extruct.extract(page, syntaxes=["json-ld"])["json-ld"]
        article = next(node for node in graph["@graph"] if node["@type"] == "NewsArticle")
        assert article["headline"] == HOSTILE_TITLE[:110] and article["name"] == HOSTILE_TITLE
        assert article["author"]["name"].startswith("<i>Publisher</i> {{ x }}")
        feed = feedparser.parse((hostile_site / "site" / edition / "feed.xml").read_bytes())
        assert not feed.bozo, feed.get("bozo_exception")
        (entry,) = feed.entries
        assert HOSTILE_TITLE in entry.title
        card = hostile_site / "site" / edition / "assets" / "cards" / "articles" / f"{SEED_SLUG}.png"
        assert 0 < card.stat().st_size < 100 * 1024
