"""`explainer new --html/--url`: a draft from a news page, its facts cited, bad pages refused.

The pages in tests/pages are ours: our own Arabic text in markup shaped like what WordPress,
Drupal, JSON-LD news sites and old windows-1256 sites serve.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
import yaml
from conftest import ROOT
from test_cli import explainer

from explainer.audit import QuietHandler, serve
from explainer.core.problems import ContentError
from explainer.intake.catalog import read_catalog, translations_for
from explainer.intake.content import load_article
from explainer.intake.pagefacts import address_date, trim_site_name
from explainer.intake.segment import load_furniture_patterns
from explainer.intake.webpage import WebPage, extract_body, parse_page, read_page
from explainer.knowledge.dates import stated_day
from explainer.pages.render import render_article

PAGES = Path(__file__).parent / "pages"


def read(name: str) -> WebPage:
    return read_page(name, (PAGES / name).read_bytes(), stated_day)


def facts_of(page: WebPage) -> dict[str, tuple[str, str]]:
    """Each fact the page gave: its value and where it was read."""
    return {kind: (f.value, f.where) for kind, f in
            (("title", page.title), ("date", page.published), ("publisher", page.publisher), ("author", page.author),
             ("address", page.address)) if f}


def meta_of(project: Path, slug: str = "draft") -> dict:  # type: ignore[type-arg]
    return yaml.safe_load((project / "content" / "articles" / slug / "meta.yml").read_text(encoding="utf-8"))


# ---------------------------------------------------------------------------------------------
# What each page gives: paragraphs, headline, date, publisher, author, address, each from where.

WORDPRESS_LINES = (
    "افتتحت السلطات المحلية في الموصل صباح الأحد جسراً جديداً فوق نهر دجلة يربط ضفتي المدينة، بعد عامين من أعمال البناء.",
    "وقال محافظ نينوى في كلمة خلال حفل الافتتاح إن الجسر سيخفف الزحام عن الجسور القديمة التي تضررت خلال سنوات الحرب.",
    "كلفة المشروع",
    "وبلغت كلفة المشروع نحو أربعين مليار دينار، موّلتها الحكومة الاتحادية بالتعاون مع صندوق إعادة الإعمار.",
    "ويبلغ طول الجسر أربعمئة وخمسين متراً، ويضم أربعة مسارات للسيارات وممرين للمشاة على جانبيه.",
)


def test_wordpress_page_without_comments_teasers_share_lines_or_scripts() -> None:
    page = read("wordpress.html")
    assert page.lines == WORDPRESS_LINES
    assert (page.title.value, page.title.where) == (
        "افتتاح جسر جديد فوق نهر دجلة في الموصل", "the page's <meta> og:title, the site's name trimmed") if page.title else False
    assert page.published and (page.published.value, page.published.where) == ("2021-03-14", "the page's <meta> article:published_time")
    assert page.publisher and (page.publisher.value, page.publisher.where) == ("صحيفة النهار الرقمية", "the page's <meta> og:site_name")
    assert page.author and page.author.value == "سلمى العبيدي"
    # rel=canonical before og:url (which is WordPress's ?p= shortlink here).
    assert page.address and (page.address.value, page.address.where) == (
        "https://nahar-raqmi.example/2021/03/14/mosul-bridge/", "the page's rel=canonical link")
    assert not page.lead_from_description  # the description is the first paragraph cut short
    assert page.encoding == "utf-8, from the page's <meta> charset"
    # The photo credit, the newsletter box, comments, related teasers, share lines, the header's date
    # and the sidebar are left out and listed.
    for block in ("الجسر الجديد فوق نهر دجلة (تصوير: أحمد الموصلي)", "اشترك في نشرتنا البريدية لتصلك أهم الأخبار كل…",
                  "أبو أحمد 14 مارس 2021 الساعة 12:00 م", "خبر مفرح لأهالي المدينة بعد سنوات طويلة من…", "ذات صلة",
                  "ترميم الجسر العتيق في الموصل يدخل مرحلته الثانية", "شارك هذا:", "الأربعاء، 2 ديسمبر 2026",
                  "اترك تعليقاً", "أحدث المقالات", "فريق الموصل يفوز على ضيفه بهدفين"):
        assert block in page.left_out
    text = page.text
    assert "نص داخل سكربت" not in text and "نص يكتبه سكربت" not in text and "نص من الأنماط" not in text
    assert not any("سكربت" in block or "الأنماط" in block for block in page.left_out)


def test_json_ld_news_article_page() -> None:
    page = read("jsonld-newsarticle.html")
    assert page.lines == (
        "سجّل سد الطبقة أعلى منسوب للمياه منذ سنوات بعد موسم أمطار غزير في شمال سوريا، بحسب ما أفاد مهندسون يعملون في السد.",
        "وقال أحد المهندسين إن المنسوب ارتفع أكثر من ثلاثة أمتار خلال الشهرين الماضيين، ما سمح بزيادة ساعات تشغيل العنفات لتوليد الكهرباء.",
        "وأضاف أن إدارة السد تراقب المنسوب يومياً، وأنها لا ترى حتى الآن خطراً على القرى الواقعة على ضفتي النهر.",
        "ويعتمد مئات الآلاف من السكان على مياه البحيرة في الشرب والري، وكانت قد انخفضت إلى مستويات قياسية قبل عامين.",
    )
    assert facts_of(page) == {
        "title": ("ارتفاع منسوب المياه في سد الطبقة بعد موسم أمطار غزير", "the page's JSON-LD headline"),
        "date": ("2024-02-19", "the page's JSON-LD datePublished"),
        # Not og:site_name (a bare domain here), not the owning company (Organization, copyright).
        "publisher": ("شبكة الفرات الإخبارية", "the page's JSON-LD publisher.name"),
        "author": ("خالد الحسن", "the page's JSON-LD author"),
        # The canonical link is on a bare IP: og:url is taken instead.
        "address": ("https://furat-net.example/news/88213", "the page's <meta> og:url"),
    }
    assert "اقرأ أيضاً: مزارعو الرقة يستعدون لموسم القمح" in page.left_out
    assert "حمّل تطبيق شبكة الفرات على هاتفك" in page.left_out


def test_drupal_page_with_dc_date_and_the_site_as_author(project: Path) -> None:
    page = read("drupal-dcdate.html")
    assert page.lines == (
        "أرسلت بواسطة الوادي نيوز في 5 تشرين الثاني 2018",
        "أطلقت بلدية إربد الكبرى حملة لزراعة عشرة آلاف شجرة في الأحياء والشوارع الرئيسية للمدينة خلال فصل الشتاء الحالي.",
        "وقال رئيس البلدية إن الحملة تستهدف الأحياء الأكثر كثافة سكانية، وإن المتطوعين من طلبة الجامعات سيشاركون في أعمال الزراعة.",
        "أنواع الأشجار",
        "وستُزرع أشجار الزيتون والخروب والسرو، وهي أنواع تتحمل قلة المياه وتناسب مناخ شمال الأردن.",
        "ودعت البلدية السكان إلى رعاية الأشجار المزروعة أمام منازلهم وريّها في أشهر الصيف الأولى.",
        "تسجيل الدخول لإرسال تعليقات",
    )
    assert page.published and (page.published.value, page.published.where) == ("2018-11-05", "the page's RDFa dc:date")
    assert page.title and (page.title.value, page.title.where) == ("بلدية إربد تطلق حملة لزراعة عشرة آلاف شجرة", "the page's <h1>")
    assert page.publisher and page.publisher.value == "الوادي نيوز"
    assert page.author is None  # the page names the site as the author
    assert page.address and (page.address.value, page.address.where) == (
        "https://alwadi-news.example/ar/node/30417", "the page's rel=canonical link (relative, read against og:url)")
    # Our furniture patterns then drop the "published on" line and the sign-in prompt, as in pasted text.
    assert explainer(project, "new", "draft", "--html", str(PAGES / "drupal-dcdate.html")) == 0
    article = load_article(project / "content" / "articles" / "draft", load_furniture_patterns(project / "content" / "furniture.yml"))
    assert [(d.kind, d.text) for d in article.segmentation.dropped] == [
        ("published_on", "أرسلت بواسطة الوادي نيوز في 5 تشرين الثاني 2018"), ("comment_prompt", "تسجيل الدخول لإرسال تعليقات")]
    assert [s.text for s in article.segmentation.segments][:2] == [page.lines[1], page.lines[2]]


def test_windows_1256_page_is_read_in_its_charset_and_stored_as_utf8(project: Path) -> None:
    data = (PAGES / "windows-1256.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    page = read("windows-1256.html")
    assert page.encoding == "windows-1256, from the page's <meta> charset"
    assert page.lines == (
        "انطلق موسم صيد السردين في ميناء اللاذقية مع خروج عشرات المراكب إلى البحر فجر السبت، وسط توقعات بموسم أفضل من العام الماضي.",
        "وقال رئيس جمعية الصيادين إن أسعار الوقود ما زالت تثقل كاهل الصيادين، وإن الجمعية طالبت بدعم ثمن المازوت خلال أشهر الموسم.",
        "ويعمل في مهنة الصيد على الساحل نحو ثلاثة آلاف صياد، يعتمد أغلبهم على مراكب صغيرة لا تبتعد كثيراً عن الشاطئ.",
    )
    assert page.title and page.title.value == "انطلاق موسم صيد السردين في ميناء اللاذقية"
    assert page.published and (page.published.value, page.published.where) == ("2009-05-02", "the <time datetime> in the page's article")
    assert page.publisher and page.publisher.value == "صحيفة الساحل"
    assert page.address and page.address.value == "https://sahel-paper.example/news.php?id=5120"
    assert explainer(project, "new", "draft", "--html", str(PAGES / "windows-1256.html")) == 0
    stored = (project / "content" / "articles" / "draft" / "article.ar.txt").read_bytes()
    assert stored.decode("utf-8") == page.text


def test_date_only_in_the_address_not_the_header_widget() -> None:
    page = read("address-date.html")
    assert page.published and (page.published.value, page.published.where) == ("2013-08-03", "the page's address")
    assert page.title and page.title.value == "مزارعو الدلتا يشكون من ارتفاع أسعار الأسمدة"
    assert page.publisher and page.publisher.value == "أخبار الشرق"
    assert page.address and page.address.value == "https://akhbar-sharq.example/arabic/2013/middle_east/8/3/delta-farmers"
    assert page.lines[0] == "يشكو مزارعون في دلتا النيل من ارتفاع أسعار الأسمدة إلى مستويات لم يعرفوها من قبل، مع بداية الموسم الزراعي."
    assert len(page.lines) == 4
    assert "السبت 5 تشرين الأول 2024 دخول" in page.left_out  # the header's "today", not the article's date


def test_date_only_in_a_visible_levantine_dateline() -> None:
    page = read("levantine-dateline.html")
    assert page.published and (page.published.value, page.published.where) == (
        "2019-12-14", "the article's visible dateline «طرابلس - 14 كانون الأول 2019»")
    assert page.lines == (
        "طرابلس - 14 كانون الأول 2019",
        "افتتح في مدينة طرابلس شمال لبنان مهرجان للكتاب المستعمل يشارك فيه عشرات الباعة من المدينة والقرى المحيطة بها.",
        "ويعرض الباعة آلاف الكتب بأسعار رمزية، من الروايات والدواوين إلى الكتب المدرسية القديمة والمجلات التي توقف صدورها.",
        "وقالت إحدى المنظمات إن المهرجان يهدف إلى تشجيع القراءة بين الشباب، في وقت ارتفعت فيه أسعار الكتب الجديدة كثيراً.",
    )
    assert page.title and (page.title.value, page.title.where) == ("مهرجان للكتاب المستعمل في طرابلس", "the page's <h1>")
    assert page.author is None  # <meta name=author> is the site's name
    assert page.address and (page.address.value, page.address.where) == (
        "https://minbar-shamal.example/culture/book-fair-tripoli", "the page's <meta> og:url")


def test_a_header_today_widget_and_a_sidebar_date_are_never_the_date(tmp_path: Path, project: Path,
                                                                    capsys: pytest.CaptureFixture[str]) -> None:
    html = (PAGES / "levantine-dateline.html").read_text(encoding="utf-8")
    saved = tmp_path / "no-dateline.html"
    saved.write_text(html.replace('<span class="place-date">طرابلس - 14 كانون الأول 2019</span>', ""), encoding="utf-8")
    page = read_page("no-dateline.html", saved.read_bytes(), stated_day)
    # The header says 1 December 2026 and the sidebar 2 July 2021: neither is taken.
    assert page.published is None
    assert explainer(project, "new", "draft", "--html", str(saved)) == 1
    err = capsys.readouterr().err
    assert "no publication date found (structured data, address or visible dateline): read it on the page and give it: --published YYYY-MM-DD" in err
    assert list((project / "content" / "articles").iterdir()) == []


def test_lead_kept_only_in_the_description_is_added_and_reported(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = read("lead-outside-body.html")
    assert page.lead_from_description
    assert page.lines == (
        "أعادت بلدية تونس فتح سوق الكتب القديمة في قلب المدينة العتيقة بعد أشهر من أعمال الترميم التي شملت الدكاكين والممرات.",
        "ويضم السوق أكثر من ثلاثين دكاناً لبيع الكتب المستعملة والمخطوطات القديمة، بعضها يعود إلى بدايات القرن الماضي.",
        "وقال أحد الباعة إن الزبائن عادوا منذ اليوم الأول، وإن الطلبة هم أكثر من يشتري الكتب الجامعية المستعملة بأسعار منخفضة.",
        "وتقول البلدية إنها ستنظم في السوق أمسيات شهرية لتقديم الكتب وتبادلها بين القراء في فصل الربيع المقبل.",
    )
    # "تونس: …" is a headline, not "site: headline": nothing trimmed.
    assert page.title and page.title.value == "تونس: إعادة فتح سوق الكتب القديمة في العاصمة"
    assert explainer(project, "new", "draft", "--html", str(PAGES / "lead-outside-body.html")) == 0
    assert "lead: the article's body lacks the page's description; added as its first paragraph" in capsys.readouterr().out
    assert meta_of(project)["notes"] == [
        {"en": "The first paragraph is the page's summary (its description), which the page keeps outside the article's body."}]


def test_a_site_blurb_as_description_is_no_lead() -> None:
    html = (PAGES / "lead-outside-body.html").read_text(encoding="utf-8")
    blurb = "جريدة المغرب العربي موقع إخباري شامل يتابع أخبار تونس والجزائر والمغرب على مدار الساعة."
    start = html.index('<meta name="description" content="') + len('<meta name="description" content="')
    html = html[:start] + blurb + html[html.index('">', start):]
    html = html.replace('<meta property="og:description"', '<meta property="og:nothing"')
    page = read_page("blurb.html", html.encode("utf-8"), stated_day)
    assert not page.lead_from_description
    assert page.lines == read("lead-outside-body.html").lines[1:]


def test_hostile_markup_reaches_the_draft_only_as_text() -> None:
    page = read("hostile.html")
    assert page.lines == (
        "يبدأ هذا النص بفقرة عادية تتحدث عن اختبار المدخلات العدائية، وتليها فقرات فيها وسوم خطرة يجب أن تصل نصاً فقط.",
        'كتب أحدهم في التعليق <script>alert("x")</script> ثم أكمل الجملة بكلام عربي عادي لا ضرر فيه.',
        "وهنا صورة تحمل شيفرة ورابط اضغط هنا داخل الجملة نفسها.",
        "وتنتهي الصفحة بفقرة أخيرة تحتوي على رموز & و< و> يجب أن تبقى كما هي في النص المستخرج.",
    )
    # Markup in the metadata is text; the bidi controls around a word are removed and said so.
    assert page.title and page.title.value == "<img src=x onerror=alert(1)>اختبار المدخلات العدائية في الصفحات"
    assert page.notes == ("4 invisible control character(s) (bidi controls…) in the page's headline and metadata removed",
                          "1 JSON-LD block(s) of the page are not valid JSON and were not read")
    # javascript: is not an address; the canonical link after it is.
    assert page.address and page.address.value == "https://tajriba.example/hostile?id=1&x=<script>"
    assert page.published and page.published.value == "2023-09-09"


def test_hostile_draft_renders_markup_as_text(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert explainer(project, "new", "hostile", "--html", str(PAGES / "hostile.html")) == 0
    assert "  note: 4 invisible control character(s) (bidi controls…) in the page's headline and metadata removed" in capsys.readouterr().out
    article = load_article(project / "content" / "articles" / "hostile", load_furniture_patterns(project / "content" / "furniture.yml"))
    text = render_article(article, translations_for(article.segmentation.segments, read_catalog(article.catalog_path))).text
    assert "<script>alert" not in text and "<img src=x" not in text
    assert "&lt;<bdi>script</bdi>&gt;<bdi>alert</bdi>" in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text


# ---------------------------------------------------------------------------------------------
# The draft written: meta.yml's facts, each cited with where it came from, to confirm.

def test_new_from_html_writes_the_draft_with_cited_facts(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert explainer(project, "new", "draft", "--html", str(PAGES / "wordpress.html")) == 0
    folder = project / "content" / "articles" / "draft"
    assert sorted(p.name for p in folder.iterdir()) == ["article.ar.txt", "en.po", "meta.yml"]  # the page is not kept
    assert (folder / "article.ar.txt").read_text(encoding="utf-8") == "\n".join(WORDPRESS_LINES) + "\n"
    meta = meta_of(project)
    address = "https://nahar-raqmi.example/2021/03/14/mosul-bridge/"
    headline = "افتتاح جسر جديد فوق نهر دجلة في الموصل"
    assert (meta["title"]["ar"], meta["publisher"], meta["published"], meta["url"], meta["byline"]) == (
        headline, "صحيفة النهار الرقمية", "2021-03-14", address, "سلمى العبيدي")
    cite = {"publisher": "صحيفة النهار الرقمية", "title": headline, "date": "2021-03-14", "url": address, "confirmed": False}
    assert meta["sources"] == [{
        "fact": "From the page itself: date from the page's <meta> article:published_time; publisher from the page's <meta> "
                "og:site_name; headline from the page's <meta> og:title, the site's name trimmed; author from the page's "
                "<meta> author; address from the page's rel=canonical link", **cite}]
    assert meta["page"]["address"] == address
    assert meta["page"]["sha256"] == hashlib.sha256((PAGES / "wordpress.html").read_bytes()).hexdigest()
    assert "ذات صلة" in meta["page"]["left_out"]
    out = capsys.readouterr().out
    assert "  date: 2021-03-14 (from the page's <meta> article:published_time)" in out
    assert "  publisher: صحيفة النهار الرقمية (from the page's <meta> og:site_name)" in out
    assert "left out of the page: 27 text block(s)" in out
    assert "next: check the titles and confirm the facts read from the page" in out
    # `explainer check` warns until each is confirmed.
    capsys.readouterr()
    explainer(project, "check")
    err = capsys.readouterr().err
    assert err.count("warning: source not yet confirmed: From the page itself: date from") == 1


def test_command_line_values_win_over_the_page(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert explainer(project, "new", "draft", "--html", str(PAGES / "wordpress.html"), "--published", "2021-03-15",
                     "--publisher", "Al-Nahar Digital", "--title-ar", "جسر الموصل الجديد", "--title", "Mosul's new bridge",
                     "--url", "https://nahar-raqmi.example/mosul-bridge") == 0
    meta = meta_of(project)
    assert (meta["title"], meta["publisher"], meta["published"], meta["url"]) == (
        {"ar": "جسر الموصل الجديد", "en": "Mosul's new bridge"}, "Al-Nahar Digital", "2021-03-15", "https://nahar-raqmi.example/mosul-bridge")
    # Only what came from the page is cited as from the page.
    assert [s["fact"] for s in meta["sources"]] == ["From the page itself: author from the page's <meta> author"]
    assert "  date: 2021-03-15 (from the command line)" in capsys.readouterr().out


def test_build_report_lists_the_blocks_extraction_left_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT / "content", project / "content")  # the seed's notes, glossary and timeline with it
    assert explainer(project, "new", "draft", "--html", str(PAGES / "jsonld-newsarticle.html")) == 0
    capsys.readouterr()
    assert explainer(project, "build") == 0
    out = capsys.readouterr().out
    assert "  left out of the web page: اقرأ أيضاً: مزارعو الرقة يستعدون لموسم القمح" in out
    report = json.loads((project / "build" / "report.json").read_text(encoding="utf-8"))
    entry = next(a for a in report["articles"] if a["slug"] == "draft")
    assert entry["left_out"] == list(read("jsonld-newsarticle.html").left_out)


# ---------------------------------------------------------------------------------------------
# Bad pages: refused with file: what: what to do, nothing written.

@pytest.mark.parametrize(("page", "message"), [
    ("login-wall.html", "login-wall.html: page holds no article (32 words of article text found: a login wall, a section front "
                        "or a video page?): save the article's own page while signed in"),
    ("section-front.html", "section-front.html: page holds no article (76% of its text is links to other pages: a section front?)"),
    ("video-page.html", "video-page.html: page holds no article (6 words of article text found"),
    ("english-article.html", "english-article.html: page's article is not in Arabic (only 0% of its letters are Arabic)"),
])
def test_pages_without_an_arabic_article_are_refused(project: Path, page: str, message: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    assert explainer(project, "new", "draft", "--html", str(PAGES / page)) == 1
    assert message in capsys.readouterr().err
    assert list((project / "content" / "articles").iterdir()) == []


@pytest.mark.parametrize(("data", "message"), [
    (b"<html><body>" + b"<p>" + "نص".encode() * 10 + b"</p>" * (5 * 1024 * 1024 // 4) + b"</body></html>",
     "page is 5.0 MB, more than the 5 MB that any article's page takes: save the page as HTML only"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "file is not HTML (it holds binary data)"),
    ("افتتحت السلطات المحلية في الموصل جسراً جديداً.\n".encode(), "file is not HTML (it starts with no <html>"),
    (b"<!DOCTYPE html>", "page cannot be parsed"),
    ('<html><head><meta charset="utf-8"></head><body><p>نص</p></body></html>'.encode("windows-1256"),
     "page is not utf-8 as the page's <meta> charset says (byte 0xe4 at offset 50)"),
    (b'<html><head><meta charset="klingon-8"></head><body></body></html>', "page declares an unknown charset 'klingon-8'"),
])
def test_bad_files_are_refused_and_nothing_is_written(project: Path, tmp_path: Path, data: bytes, message: str,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    saved = tmp_path / "saved.html"
    saved.write_bytes(data)
    assert explainer(project, "new", "draft", "--html", str(saved)) == 1
    err = capsys.readouterr().err
    assert f"saved.html: {message}" in err
    assert list((project / "content" / "articles").iterdir()) == []


def test_extraction_has_a_time_limit() -> None:
    tree = parse_page("slow.html", (PAGES / "wordpress.html").read_text(encoding="utf-8"))
    with pytest.raises(ContentError) as refused:
        extract_body("slow.html", tree, seconds=0.0)
    assert str(refused.value) == ("slow.html: extraction took longer than 0 seconds: save the article's page again from a "
                                  "browser (Save page as…, HTML only), or paste its text into a file and use --source")


def test_headline_and_address_helpers() -> None:
    assert trim_site_name("الوادي نيوز - بلدية إربد تطلق حملة", "الوادي نيوز") == "بلدية إربد تطلق حملة"
    assert trim_site_name("خبر عاجل - example.com", "") == "خبر عاجل"
    assert trim_site_name("بغداد - البصرة: طريق جديد", "صحيفة") == "بغداد - البصرة: طريق جديد"
    assert address_date("https://a.example/2021/03/14/story/") == "2021-03-14"
    assert address_date("https://a.example/news/2019-12-31-story") == "2019-12-31"
    assert address_date("https://a.example/2021/13/44/story") is None


# ---------------------------------------------------------------------------------------------
# --url: the page alone, fetched from a server on 127.0.0.1.

class _Recorder(QuietHandler):
    requests: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        type(self).requests.append(self.path)
        super().do_GET()


@pytest.fixture
def served() -> Iterator[str]:
    """tests/pages served on 127.0.0.1; the handler records every path asked for."""
    _Recorder.requests = []
    with serve(PAGES, _Recorder) as origin:
        yield origin


def test_url_fetches_the_page_alone(project: Path, served: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert explainer(project, "new", "draft", "--url", f"{served}/windows-1256.html") == 0
    assert _Recorder.requests == ["/windows-1256.html"]  # no images, scripts or styles
    meta = meta_of(project)
    # The page's canonical address is the article's; the address fetched (on a bare IP) is recorded as read.
    assert meta["url"] == "https://sahel-paper.example/news.php?id=5120"
    assert meta["page"]["address"] == f"{served}/windows-1256.html"
    assert meta["published"] == "2009-05-02"
    assert "read " in capsys.readouterr().out


def test_url_without_network_names_html(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    assert explainer(project, "new", "draft", "--url", f"http://127.0.0.1:{port}/story") == 1
    err = capsys.readouterr().err
    assert f"http://127.0.0.1:{port}/story: cannot fetch the page (" in err
    assert "with no network, save the page from a browser (Save page as…, HTML only) and use --html FILE" in err
    assert list((project / "content" / "articles").iterdir()) == []


def test_url_serving_something_else_is_refused(project: Path, served: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert explainer(project, "new", "draft", "--url", f"{served}/missing.html") == 1
    assert "missing.html: the site answered 404" in capsys.readouterr().err


def test_meta_page_record_is_checked(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert explainer(project, "new", "draft", "--html", str(PAGES / "windows-1256.html")) == 0
    meta_path = project / "content" / "articles" / "draft" / "meta.yml"
    text = meta_path.read_text(encoding="utf-8")
    sha = meta_of(project)["page"]["sha256"]
    meta_path.write_text(text.replace(sha, "not-a-digest").replace("confirmed: false", "confirmed: maybe"), encoding="utf-8")
    capsys.readouterr()
    assert explainer(project, "check") == 1
    err = capsys.readouterr().err
    lines = text.split("\n")
    sha_line = next(n for n, line in enumerate(lines, start=1) if "sha256:" in line)
    confirmed_line = next(n for n, line in enumerate(lines, start=1) if "confirmed:" in line and not line.startswith("#"))
    assert f"meta.yml:{sha_line}: page sha256 is not 64 hexadecimal digits: leave it as 'explainer new' wrote it" in err
    assert f"meta.yml:{confirmed_line}: confirmed should be true or false: write confirmed: true once you have checked" in err


def test_a_page_declaring_windows_1256_whose_bytes_are_utf8_is_read_as_utf8() -> None:
    html = (PAGES / "wordpress.html").read_text(encoding="utf-8").replace('<meta charset="UTF-8">', '<meta charset="windows-1256">')
    page = read_page("mislabelled.html", html.encode("utf-8"), stated_day)
    assert page.encoding == "utf-8, from its bytes, which are UTF-8 although the page's <meta> says windows-1256"
    assert page.lines == WORDPRESS_LINES


def test_yoast_graph_publisher_and_author_by_reference() -> None:
    page = read("yoast-graph.html")
    assert facts_of(page) == {
        "title": ("تدشين خط حافلات كهربائية في أربيل", "the page's JSON-LD headline"),
        # The NewsArticle's date, not the WebPage's a day earlier.
        "date": ("2022-10-09", "the page's JSON-LD datePublished"),
        # publisher is {"@id": …}, the Organization's name found by it; og:site_name is a bare domain.
        "publisher": ("موقع الحدث الكردستاني", "the page's JSON-LD publisher.name"),
        "author": ("ريبوار عثمان", "the page's JSON-LD author"),
        "address": ("https://hadath-kurdistan.example/2022/10/09/erbil-buses/", "the page's rel=canonical link"),
    }
    assert page.lines == (
        "دشّنت حكومة إقليم كردستان أول خط للحافلات الكهربائية في مدينة أربيل، يربط وسط المدينة بالجامعة والمستشفى الجمهوري.",
        "وقال مسؤول في وزارة النقل إن الخط يضم عشر حافلات في مرحلته الأولى، على أن يرتفع العدد إلى ثلاثين حافلة العام المقبل.",
        "وتأمل الحكومة أن يخفف المشروع من الازدحام وتلوث الهواء في المدينة التي يزداد عدد سكانها عاماً بعد عام.",
    )
