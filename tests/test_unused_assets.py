"""The theme's files that nothing on the site loads are removed after each edition's build."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from explainer.site.theme import drop_material_search
from explainer.site.unused_assets import remove_unused_assets, strip_missing_map_comment


def edition(root: Path) -> Path:
    """An edition's assets shaped like Material's: lunr and its languages, the search worker, a
    bundle and a style sheet with their maps, and the site's own script."""
    files = {
        "assets/javascripts/lunr/min/lunr.ar.min.js": b"lunr.ar=function(){};",
        "assets/javascripts/lunr/wordcut.js": b"var wordcut={};" * 40,
        "assets/javascripts/workers/search.1234abcd.min.js":
            b"importScripts('../lunr/min/lunr.ar.min.js');\n//# sourceMappingURL=search.1234abcd.min.js.map\n",
        "assets/javascripts/workers/search.1234abcd.min.js.map": b'{"version":3}',
        "assets/javascripts/bundle.5678ef01.min.js": b'(()=>{var a=1;})();\n//# sourceMappingURL=bundle.5678ef01.min.js.map\n\n',
        "assets/javascripts/bundle.5678ef01.min.js.map": b'{"version":3,"sources":["a.ts"]}' * 30,
        "assets/stylesheets/main.9abc.min.css": b"body{margin:0}\n/*# sourceMappingURL=main.9abc.min.css.map */",
        "assets/stylesheets/main.9abc.min.css.map": b'{"version":3}',
        "assets/javascripts/reading.js": b"// sourceMappingURL= in a comment mid-file stays\nvar x = 1;\n",
        "ar/assets/javascripts/bundle.5678ef01.min.js.map": b'{"version":3}',
    }
    for name, data in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(data)
    return root


def test_unused_folders_and_maps_go_and_nothing_points_at_them(tmp_path: Path) -> None:
    site = edition(tmp_path)
    before = {p: p.stat().st_size for p in site.rglob("*") if p.is_file()}
    removed = remove_unused_assets(site)
    left = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    assert left == ["ar/assets/javascripts/bundle.5678ef01.min.js.map",  # the other edition's build prunes its own
                    "assets/javascripts/bundle.5678ef01.min.js", "assets/javascripts/reading.js", "assets/stylesheets/main.9abc.min.css"]
    gone = [p for p in before if not p.exists()]
    assert (removed.files, removed.size) == (len(gone), sum(before[p] for p in gone)) and removed.files == 6
    assert removed.comments == 2
    assert (site / "assets/javascripts/bundle.5678ef01.min.js").read_bytes() == b"(()=>{var a=1;})();\n"
    assert (site / "assets/stylesheets/main.9abc.min.css").read_bytes() == b"body{margin:0}\n"
    assert (site / "assets/javascripts/reading.js").read_bytes().startswith(b"// sourceMappingURL= in a comment")
    assert remove_unused_assets(site) == type(removed)(0, 0, 0), "a second run finds nothing"


def test_a_map_comment_stays_while_its_map_is_there(tmp_path: Path) -> None:
    script = tmp_path / "app.min.js"
    script.write_bytes(b"f();\n//# sourceMappingURL=app.min.js.map\n")
    (tmp_path / "app.min.js.map").write_bytes(b"{}")
    assert not strip_missing_map_comment(script)
    remote = tmp_path / "remote.js"
    remote.write_bytes(b"f();\n//# sourceMappingURL=https://example.org/remote.js.map\n")
    assert not strip_missing_map_comment(remote)
    (tmp_path / "app.min.js.map").unlink()
    assert strip_missing_map_comment(script) and script.read_bytes() == b"f();\n"


def test_the_search_worker_and_its_words_leave_the_theme_settings_and_nothing_else_does() -> None:
    page = ('<p>x</p><script id="__config" type="application/json">{"annotate": null, "base": "..", '
            '"search": "../assets/javascripts/workers/search.a7633da7.min.js", '
            '"translations": {"a": "\\u003cb\\u003e", "search.result.one": "1 matching document"}}</script>')
    assert drop_material_search(page) == ('<p>x</p><script id="__config" type="application/json">{"annotate": null, "base": "..", '
                                        '"translations": {"a": "\\u003cb\\u003e"}}</script>')
    assert drop_material_search(drop_material_search(page)) == drop_material_search(page)
    broken = '<script id="__config" type="application/json">{"search": </script>'
    assert drop_material_search(broken) == broken


@pytest.mark.build
def test_the_built_site_holds_and_names_none_of_them(built_project: Path) -> None:
    site = built_project / "site"
    for assets in (site / "assets", site / "ar" / "assets"):
        assert (assets / "javascripts").is_dir() and not (assets / "javascripts" / "lunr").exists()
        assert not (assets / "javascripts" / "workers").exists() and not list(assets.rglob("*.map"))
        assert list((assets / "javascripts").glob("bundle.*.min.js")), "Material's bundle stays"
    texts = [p.read_text(encoding="utf-8") for p in site.rglob("*") if p.suffix in (".html", ".js", ".css", ".json")]
    assert len(texts) > 50
    for pattern in (r"lunr", r"workers/search", r"sourceMappingURL", r"\.(?:js|css)\.map\b"):
        assert not [t for t in texts if re.search(pattern, t)], pattern
