"""Translations: the ``sphinx_blogarchive`` catalog and dates in the project's language.

The template ``locales/sphinx_blogarchive.pot`` must hold every message of the
code and templates (``nox -s i18n`` regenerates it), the shipped German
catalog must translate all of them, its compiled ``.mo`` must match the
``.po``, and a German build shows German words and dates in listings, post
headers and generated page titles.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po
from helpers import Built, build_root

import sphinx_blogarchive
from sphinx_blogarchive.config._config import BlogConfig
from sphinx_blogarchive.config._values import DEFAULT_DATE_FORMAT

LOCALES = Path(sphinx_blogarchive.LOCALE_DIR)
POT = LOCALES / "sphinx_blogarchive.pot"
#: Languages shipped compiled; each must be complete.
LANGUAGES = ["de"]


def _read(path: Path) -> dict[str, tuple[str, bool]]:
    """msgid -> (msgstr, fuzzy) of a .po or .pot file (the header left out)."""
    with path.open("rb") as f:
        catalog = read_po(f)
    return {str(m.id): (str(m.string), m.fuzzy) for m in catalog if m.id and isinstance(m.id, str)}


def _extracted() -> set[str]:
    """Every message of the package's code and templates, as babel.cfg extracts them."""
    method_map = [
        ("**/templates/**.html", "jinja2"),
        ("**.py", "python"),
    ]
    return {
        str(message)
        for _file, _line, message, _comments, _context in extract_from_dir(
            str(LOCALES.parent),
            method_map=method_map,
            keywords={"_": None, "__": None},
        )
    }


def test_template_is_current() -> None:
    """A message added or removed in the code is in the .pot: run ``nox -s i18n``."""
    assert set(_read(POT)) == _extracted()


@pytest.mark.parametrize("language", LANGUAGES)
def test_catalog_is_complete_and_compiled(language: str) -> None:
    folder = LOCALES / language / "LC_MESSAGES"
    po = _read(folder / "sphinx_blogarchive.po")
    assert set(po) == set(_read(POT)), "run nox -s i18n to merge the template"
    missing = sorted(msgid for msgid, (text, fuzzy) in po.items() if not text or fuzzy)
    assert missing == [], f"untranslated or fuzzy in {language}"
    with (folder / "sphinx_blogarchive.mo").open("rb") as f:
        compiled = gettext.GNUTranslations(f)
    stale = sorted(msgid for msgid, (text, _) in po.items() if compiled.gettext(msgid) != text)
    assert stale == [], "the .mo is older than the .po: run nox -s i18n"


def test_default_date_format_is_the_translated_message() -> None:
    """The literal in pages.display_date_format is the config default (so it is extracted)."""
    assert BlogConfig().date_format == DEFAULT_DATE_FORMAT
    assert DEFAULT_DATE_FORMAT in _read(POT)
    assert _read(LOCALES / "de/LC_MESSAGES/sphinx_blogarchive.po")[DEFAULT_DATE_FORMAT][0] == (
        "%-d. %B %Y"
    )


def test_catalogs_ship_inside_the_package() -> None:
    """The catalogs are package data, next to the code (flit puts them in the wheel)."""
    assert LOCALES.parent == Path(sphinx_blogarchive.__file__).parent
    assert (LOCALES / "de/LC_MESSAGES/sphinx_blogarchive.mo").is_file()


@pytest.fixture(scope="module")
def german(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_root("i18n", tmp_path_factory.mktemp("i18n"))


def _text(built: Built, page: str) -> str:
    soup = built.soup(page)
    body = soup.select_one("div.body")
    assert body is not None
    return body.get_text(" ", strip=True)


def test_german_build_is_clean(german: Built) -> None:
    assert german.warnings() == []


def test_german_post_header(german: Built) -> None:
    text = _text(german, "posts/fruehling")
    assert "9. März 2026" in text
    assert "Aktualisiert 1. April 2026" in text
    assert "Ähnliche Beiträge" in text
    assert "Mar 9" not in text and "Updated" not in text


def test_german_draft_notice(german: Built) -> None:
    text = _text(german, "posts/entwurf")
    assert "Entwurf" in text
    assert "Dieser Beitrag ist ein Entwurf" in text


def test_german_listings(german: Built) -> None:
    archive = _text(german, "blog/index")
    assert "9. März 2026" in archive and "24. Dezember 2025" in archive
    assert "1 Min. Lesezeit" in archive
    table = german.soup("index").select_one("table.blogarchive-table")
    assert table is not None
    headers = [th.get_text(strip=True) for th in table.select("th")]
    assert headers == ["Titel", "Datum", "Aktualisiert", "Schlagwörter"]
    assert "9. März 2026" in table.get_text(" ", strip=True)


def test_german_generated_titles(german: Built) -> None:
    titles = {
        page: german.soup(page).select_one("div.body h1").get_text(strip=True)  # type: ignore[union-attr]
        for page in (
            "blog/tag/index",
            "blog/category/index",
            "blog/author/index",
            "blog/year/index",
            "blog/tag/python",
            "blog/tag/python/page/1",
            "blog/category/notizen",
            "blog/author/ada-lovelace",
            "blog/year/2026",
            "blog/year/2026/03",
        )
    }
    assert titles == {
        "blog/tag/index": "Schlagwörter",
        "blog/category/index": "Kategorien",
        "blog/author/index": "Autoren",
        "blog/year/index": "Jahre",
        "blog/tag/python": "Beiträge mit dem Schlagwort „python“",
        "blog/tag/python/page/1": "Beiträge mit dem Schlagwort „python“ (Seite 1)",
        "blog/category/notizen": "Beiträge in der Kategorie „Notizen“",
        "blog/author/ada-lovelace": "Beiträge von Ada Lovelace",
        "blog/year/2026": "Beiträge aus 2026",
        "blog/year/2026/03": "Beiträge aus März 2026",
    }
    assert (
        german.soup("blog/tag/python")
        .title.get_text()
        .startswith(  # type: ignore[union-attr]
            "Beiträge mit dem Schlagwort"
        )
    )


def test_german_pagination_and_tools(german: Built) -> None:
    soup = german.soup("blog/tag/python")
    nav = soup.select_one("nav.blogarchive-pagination")
    assert nav is not None and nav["aria-label"] == "Seiten"
    assert "Ältere Beiträge" in nav.get_text(" ", strip=True)
    listing = soup.select_one("div.blogarchive-listing")
    assert listing is not None
    assert listing.get("data-blogarchive-text-filter") == "Filtern"


def test_user_date_format_is_kept(tmp_path: Path) -> None:
    built = build_root("i18n", tmp_path, confoverrides={"blogarchive_date_format": "%Y-%m-%d (%A)"})
    assert built.warnings() == []
    assert "2026-03-09 (Montag)" in _text(built, "posts/fruehling")


def test_templates_hold_no_hard_coded_words() -> None:
    """Words in the templates come from the ``labels`` context, never written in English."""
    templates = sorted((LOCALES.parent / "templates").rglob("*.html"))
    assert templates
    found = {}
    for path in templates:
        text = path.read_text(encoding="utf-8")
        text = re.sub(r"\{#.*?#\}", "", text, flags=re.DOTALL)  # comments
        text = re.sub(r"\{%.*?%\}|\{\{.*?\}\}", "", text, flags=re.DOTALL)  # Jinja
        text = re.sub(r"<[^>]*>", "", text, flags=re.DOTALL)  # tags and attributes
        text = re.sub(r'[\w-]+="[^"]*"', "", text)  # attributes of an included tag part
        words = re.findall(r"[^\W\d_]{2,}", text)
        if words:
            found[path.name] = words
    assert found == {}
