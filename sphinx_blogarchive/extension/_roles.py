"""The ``blog`` domain's roles: what each links to, and their reference (for the docs).

:data:`ROLE_DOCS` is what the reference tables of the documentation show
(``docs/guide/directives-and-roles.md``); a test keeps both in step.
"""

from __future__ import annotations

from sphinx_blogarchive.config._reference import RoleDoc

#: Roles of the domain: what each one links to.
ROLE_KINDS = ("post", "tag", "category", "author", "year", "page", "series")

#: Each role in the reference (docs/guide/directives-and-roles.md).
ROLE_DOCS: dict[str, RoleDoc] = {
    "post": RoleDoc(
        target="a post's document name, absolute (`posts/2024/hello`, `/posts/2024/hello`) "
        "or relative to the current document's folder (`hello`, `../2023/older`); or its slug",
        links_to="the post",
        text="the post's title",
    ),
    "tag": RoleDoc(
        target="a tag, in any spelling, or its slug",
        links_to="the tag's page",
        text="the tag's display name",
    ),
    "category": RoleDoc(
        target="a category, in any spelling, or its slug",
        links_to="the category's page",
        text="its display name",
    ),
    "author": RoleDoc(
        target="an author, in any spelling, or the slug",
        links_to="the author's page",
        text="their display name",
    ),
    "year": RoleDoc(target="a year: `2024`", links_to="the year's page", text="the year"),
    "page": RoleDoc(
        target="`archive`, `tags`, `categories`, `authors` or `years`",
        links_to="the archive or that index (your document, if one holds the directive)",
        text="the archive's title ([`blogarchive_title`](configuration.md)), "
        '"Tags", "Categories", "Authors" or "Years"',
    ),
    "series": RoleDoc(
        target="a series' name (the posts' `series` field), in any spelling, or its slug",
        links_to="the series' page",
        text="the series' name",
    ),
}
