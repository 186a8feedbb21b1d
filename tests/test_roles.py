"""The blog domain's roles: resolved, with explicit titles, dangling, drafts."""

from __future__ import annotations

import pytest
from helpers import ROOTS, Built, build_root, main_of, resolve_href, text_of

# label in index.md -> (link text, output file it links to)
RESOLVED = {
    "docname": ("Alpha post", "posts/2024/alpha.html"),
    "absolute": ("Alpha post", "posts/2024/alpha.html"),
    "slug": ("Beta post", "posts/2024/beta.html"),
    "explicit": ("Read this first", "posts/2024/alpha.html"),
    "explicit-slug": ("The B side", "posts/2024/beta.html"),
    "tag": ("Rust Lang", "blog/tag/rust-lang.html"),
    "tag-other-spelling": ("Rust Lang", "blog/tag/rust-lang.html"),
    "tag-explicit": ("rusty things", "blog/tag/rust-lang.html"),
    "category": ("Systems", "blog/category/systems.html"),
    "category-explicit": ("all systems", "blog/category/systems.html"),
    "author": ("Jane Roe", "blog/author/jane-roe.html"),
    "author-explicit": ("Jane", "blog/author/jane-roe.html"),
    "year": ("2024", "blog/year/2024.html"),
    "year-explicit": ("that year", "blog/year/2024.html"),
    "page-archive": ("Roles", "blog/index.html"),
    "page-archive-explicit": ("everything", "blog/index.html"),
    "page-tags": ("Tags", "blog/tag/index.html"),
    "page-categories": ("Categories", "blog/category/index.html"),
    "page-authors": ("Authors", "blog/author/index.html"),
    "page-years": ("Years", "blog/year/index.html"),
    "page-tags-explicit": ("All tags", "blog/tag/index.html"),
}

# label -> (text shown, warning message without location and type)
DANGLING = {
    "unknown-post": ("posts/nowhere", "{blog:post} target 'posts/nowhere' is not a post"),
    "unknown-post-explicit": ("Lost", "{blog:post} target 'posts/nowhere' is not a post"),
    "unknown-tag": ("no-such-tag", "{blog:tag} target 'no-such-tag' has no page"),
    "unknown-category": (
        "No such category",
        "{blog:category} target 'No such category' has no page",
    ),
    "unknown-author": ("Nobody", "{blog:author} target 'Nobody' has no page"),
    "unknown-year": ("1999", "{blog:year} target '1999' has no page"),
    "unknown-page": ("nothing", "{blog:page} target 'nothing' has no page"),
    "draft": (
        "posts/2024/hidden",
        "{blog:post} target 'posts/2024/hidden' is not published (draft); linked as text",
    ),
    "draft-explicit": (
        "Sneak peek",
        "{blog:post} target 'posts/2024/hidden' is not published (draft); linked as text",
    ),
}


def line_of(label: str) -> int:
    """1-based line of ``label: ...`` in the root's index.md."""
    lines = (ROOTS / "test-roles" / "index.md").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(f"{label}: "))


@pytest.fixture(scope="module")
def roles(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build_root("roles", tmp_path_factory.mktemp("roles"))


def paragraph(built: Built, label: str, docname: str = "index"):
    main = main_of(built.soup(docname))
    found = [p for p in main.find_all("p") if text_of(p).startswith(f"{label}: ")]
    assert len(found) == 1, label
    return found[0]


def test_warnings(roles: Built) -> None:
    expected = sorted(
        (f"index.md:{line_of(label)}: WARNING: {message} [blogarchive.ref]")
        for label, (_text, message) in DANGLING.items()
    )
    assert sorted(roles.warnings()) == expected


@pytest.mark.parametrize("label", list(RESOLVED))
def test_resolved(roles: Built, label: str) -> None:
    text, target = RESOLVED[label]
    links = paragraph(roles, label).find_all("a")
    assert len(links) == 1
    assert text_of(links[0]) == text
    assert resolve_href(roles.path("index"), links[0]["href"]) == roles.outdir / target


@pytest.mark.parametrize("label", list(DANGLING))
def test_dangling_is_text(roles: Built, label: str) -> None:
    para = paragraph(roles, label)
    assert para.find("a") is None
    assert text_of(para) == f"{label}: {DANGLING[label][0]}"


@pytest.mark.parametrize(
    ("docname", "label", "title", "target"),
    [
        # "alpha" from posts/2024/beta is the docname posts/2024/alpha
        ("posts/2024/beta", "Relative to this folder", "Alpha post", "posts/2024/alpha.html"),
        ("posts/2024/beta", "Up and across", "Gamma post", "posts/2023/gamma.html"),
        # "gamma" is posts/2023/gamma's file name (its slug is old-gamma)
        (
            "posts/2023/delta",
            "A sibling by its file name, not its slug",
            "Gamma post",
            "posts/2023/gamma.html",
        ),
    ],
)
def test_relative_docnames(roles: Built, docname: str, label: str, title: str, target: str) -> None:
    links = paragraph(roles, label, docname).find_all("a")
    assert [text_of(a) for a in links] == [title]
    assert resolve_href(roles.path(docname), links[0]["href"]) == roles.outdir / target
