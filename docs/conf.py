"""Sphinx configuration of the sphinx-blogarchive documentation and demo blog.

The site is both the extension's documentation (``guide/``) and a working
blog: the 42 Data Leverage posts in ``../posts``, reached through the
symbolic link ``docs/posts -> ../posts``.
"""

from __future__ import annotations

import sys
from pathlib import Path

from sphinx.errors import ConfigError

import sphinx_blogarchive

HERE = Path(__file__).resolve().parent
# _ext/blogarchive_reference.py: the reference tables, generated from the code.
sys.path.insert(0, str(HERE / "_ext"))

# The posts live in the repository's top-level posts/ folder and reach this
# source folder through a symbolic link. A checkout without symbolic links
# (git on Windows with core.symlinks=false) leaves a small text file there
# instead; stop with a plain sentence rather than build a blog without posts.
# ConfigError is shown by Sphinx as it is, without a traceback.
if not (HERE / "posts").is_dir():
    raise ConfigError(
        "docs/posts is not a folder: it should be a symbolic link to ../posts. "
        "Enable symbolic links in git (git config core.symlinks true) and check "
        "the repository out again, or copy the repository's posts/ folder to docs/posts."
    )

# -- Project -------------------------------------------------------------------

project = "sphinx-blogarchive"
author = "The sphinx-blogarchive developers"
copyright = "2026, The sphinx-blogarchive developers"
release = version = sphinx_blogarchive.__version__

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_blogarchive",
    "blogarchive_reference",
]

exclude_patterns = ["_build"]

# -- MyST ----------------------------------------------------------------------

myst_enable_extensions = ["colon_fence", "substitution"]
myst_heading_anchors = 3

# -- sphinx-blogarchive --------------------------------------------------------
# posts/** (the default post pattern) is right for this folder. Set here: the
# blog's name and description, the listings' page size and fields, the
# archive on one page, and (below) the base URL that turns the feeds on; every
# other value keeps its default. guide/configuration.md shows these settings
# ("This site's settings"), and tests/test_guides.py keeps the two equal.

blogarchive_title = "Data Leverage Blog"
# The archive stays on one page, as the Data Leverage archive does; tag,
# category and year pages show ten posts a page.
blogarchive_posts_per_page = 10
blogarchive_archive_on_one_page = True
blogarchive_description = "Archives of blog posts from the Data Leverage Substack."
# Tags as chips under each entry: a click filters the listing by that tag.
blogarchive_listing_fields = ["date", "subtitle", "tags"]

# Feeds (Atom, RSS, JSON Feed) for the whole blog and for each tag: on
# because html_baseurl is an absolute URL. The address is a placeholder until
# the site has a public home; feed ids and links are built from it.
html_baseurl = "https://sphinx-blogarchive.example.org/"

# blog/index.md holds the archive (see "Navigation bar" below): a document at
# the generated archive's own name, holding blog:archive, is the archive, so
# the generated page, which shows the description, is not made; the document
# shows the same sentence through this substitution.
myst_substitutions = {"blogarchive_description": blogarchive_description}

# -- HTML ----------------------------------------------------------------------

html_theme = "pydata_sphinx_theme"
html_title = "Data Leverage Blog"
html_show_sourcelink = False

# Navigation bar: pydata-sphinx-theme builds it from the root document's
# toctree (index.md), which lists Home, Archive, Tags, Documentation and the
# tag vocabulary. The Archive and Tags entries are real documents,
# blog/index.md (holding ``blog:archive``) and blog/tag/index.md (holding
# ``blog:index tags``), at the very names the generated pages would take: such
# a document is that page (no ``:replace:`` needed), so the URLs are the
# default ones and the extension makes no generated twin.
# The theme's "external_links" option was not used: it writes its URLs into
# every page as they are, so a relative link such as "blog/index.html" would
# break on every page in a subfolder (all the posts), and an absolute one
# needs a site address we do not have yet. A toctree may name only documents
# or absolute URLs, so the generated pages themselves cannot be entries.
html_theme_options = {
    "navbar_align": "left",
    "show_toc_level": 2,
    # The right-hand sidebar: the page's contents, and on the blog's pages the
    # sidebar widgets of sphinx-blogarchive (see guide/themes.md). Each page
    # matches one pattern: the theme warns when two wildcard patterns match.
    "secondary_sidebar_items": {
        "index": ["blogarchive/sidebar-tags.html", "blogarchive/sidebar-years.html"],
        "guide/**": ["page-toc"],
        "tag-vocabulary": ["page-toc"],
        "posts/**": [
            "page-toc",
            "blogarchive/sidebar-recent.html",
            "blogarchive/sidebar-tags.html",
        ],
        "blog/**": ["blogarchive/sidebar-years.html", "blogarchive/sidebar-tags.html"],
    },
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version", "theme-version"],
}
html_sidebars = {
    # Posts and the blog pages do not belong to the documentation's sidebar.
    "index": [],
    "blog/**": [],
    "posts/**": [],
    "tag-vocabulary": [],
}

# -- The book of the blog --------------------------------------------------------
# index.md holds the blog:book directive: on the builders that make one book
# (singlehtml, epub, latex, man, texinfo) the posts follow its introduction,
# oldest first, one chapter each; on the web no post enters the navigation.
# `sphinx-build -b latex docs out`, then `make -C out`, gives the PDF (see
# guide/builders.md). These settings only name the book and its files.

latex_documents = [("index", "data-leverage-blog.tex", "Data Leverage Blog", author, "manual")]
epub_title = "Data Leverage Blog"
epub_basename = "data-leverage-blog"
# The toctrees of index.md are hidden (the book's, and the navigation bar's);
# the EPUB's table of contents takes hidden ones only with this.
epub_tocscope = "includehidden"
man_pages = [("index", "data-leverage-blog", "Data Leverage Blog", [author], 7)]
