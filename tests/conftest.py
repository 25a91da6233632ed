"""Shared fixtures: the repository, a built copy of the site, and a local server for it."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import settings

from explainer.audit import QuietHandler, serve
from explainer.publishing.build import GENERATED_PATHS

# No per-example deadline: timing belongs in benchmarks, and a loaded machine is no failure.
settings.register_profile("explainer", deadline=None)
settings.load_profile("explainer")

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
SEED_SLUG = "iraq-coalition-withdrawal"
# What a build needs from the repository (scripts/ for the MkDocs hooks); everything else stays behind.
PROJECT_FILES = ("content", "docs", "overrides", "scripts", "mkdocs.yml", "mkdocs.ar.yml")


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--update-golden", action="store_true", help="rewrite tests/golden from the current output")


@pytest.fixture(scope="session")
def update_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--update-golden"))


def copy_project(target: Path) -> Path:
    """A copy of the project's content and configuration, without generated pages."""
    for name in PROJECT_FILES:
        source = ROOT / name
        if not source.exists():  # docs/ holds only generated pages, so a fresh clone has none
            continue
        if source.is_dir():
            ignore = (shutil.ignore_patterns(*GENERATED_PATHS) if name == "docs"
                      else shutil.ignore_patterns("__pycache__", "*.egg-info"))
            shutil.copytree(source, target / name, ignore=ignore)
        else:
            shutil.copy2(source, target / name)
    return target


def run(args: list[str], cwd: Path, check: bool = True,
        extra_env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run one of the project's commands from the test environment.

    HOME is a directory of its own, removed afterwards: what a program keeps there (Chromium's and
    dconf's .cache/ and .config/) is left neither in the repository nor in a project under test.
    """
    with tempfile.TemporaryDirectory(prefix="home-") as home:
        env = {"PATH": f"{BIN}:/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1", "HOME": home, **(extra_env or {})}
        result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, env=env)
    if check and result.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({result.returncode}):\n{result.stdout}\n{result.stderr}")
    return result


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary copy of the project, built with the same steps as `make site`."""
    root = copy_project(tmp_path_factory.mktemp("project"))
    run([str(BIN / "explainer"), "build", "--strict"], root)
    build_editions(root)
    run([str(BIN / "explainer"), "verify"], root)
    return root


def build_editions(root: Path) -> None:
    """mkdocs build for each edition, as `make site` does: English into site/, Arabic into site/ar/."""
    run([str(BIN / "mkdocs"), "build", "--strict"], root)
    run([str(BIN / "mkdocs"), "build", "--strict", "--config-file", "mkdocs.ar.yml"], root)


@pytest.fixture(scope="session")
def site_url(built_project: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 for the browser tests."""
    with serve(built_project / "site", QuietHandler) as origin:
        yield origin


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """An empty project: furniture patterns and no articles."""
    (tmp_path / "content" / "articles").mkdir(parents=True)
    shutil.copy2(ROOT / "content" / "furniture.yml", tmp_path / "content" / "furniture.yml")
    return tmp_path


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The seed article's source text, as committed."""
    return (ROOT / "content" / "articles" / SEED_SLUG / "article.ar.txt").read_text(encoding="utf-8")


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
SCREENSHOTS = ROOT / "test-results" / "screenshots"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Debian Chromium driven by Playwright (`make test` installs it)."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "Chromium is missing: `make test` installs it with apt-get"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()
