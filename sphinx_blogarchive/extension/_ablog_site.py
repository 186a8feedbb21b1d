"""ABlog's site conventions: a label per post, the placeholder page of the archive.

* In ABlog's URL layout (``blogarchive_url_layout = "ablog"``) each ABlog
  post is labelled with its file name, as ABlog labels it, so ``{ref}`` to
  it keeps working (:class:`PostLabels`).
* ABlog's ``blog.rst``/``blog.md`` placeholder ("This will be replaced by
  ablog") at the archive's name becomes the archive: its sentence is
  replaced by the archive listing, as if the page held ``blog:archive``
  (:func:`replace_placeholder`).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.util.matching import Matcher

from sphinx_blogarchive.ablog._project import ablog_post, is_ablog_project, marked_post
from sphinx_blogarchive.extension.domain import get_domain
from sphinx_blogarchive.model._listing import ListingSpec
from sphinx_blogarchive.pages._nodes import listing_placeholder

if TYPE_CHECKING:
    from sphinx.application import Sphinx
    from sphinx.environment import BuildEnvironment

#: The sentence of ABlog's placeholder page (``ablog start`` writes it).
_PLACEHOLDER = re.compile(r"^\s*this will be replaced by ablog\W*$", re.IGNORECASE)


def post_label(docname: str) -> str:
    """ABlog's label of the post *docname*: its file name, or its folder's for an ``index``."""
    folder, _, name = docname.rpartition("/")
    if name == "index" and folder:
        name = folder.rpartition("/")[2]
    return name


class PostLabels(SphinxTransform):
    """In ABlog's URL layout, label each ABlog post as ABlog does, for ``{ref}``.

    ABlog makes its post's file name (its folder's name for an ``index``) a
    label of the post, so ``:ref:`first-post``` links to it with its title.
    The same name is put on the post's first section as an explicit target,
    before Sphinx's standard domain collects labels (priority 850): no edit
    of another domain's data. A name the document already uses is left as
    it is.
    """

    default_priority = 845

    def apply(self, **kwargs: Any) -> None:
        """Add the label to the post's first section."""
        if self.config.blogarchive_url_layout != "ablog":
            return
        doc = self.document
        pattern = self.config.blogarchive_post_pattern
        patterns = [pattern] if isinstance(pattern, str) else list(pattern)
        if not (
            any(True for _ in doc.findall(ablog_post))
            or marked_post(doc)
            or (is_ablog_project(self.config) and Matcher(patterns)(self.env.docname))
        ):
            return
        section = next((c for c in doc.children if isinstance(c, nodes.section)), None)
        label = nodes.fully_normalize_name(post_label(self.env.docname))
        if section is None or not section["ids"] or not label or label in doc.nameids:
            return
        # As docutils' note_explicit_target records a new explicit name, but
        # without its pass over the section's other names (which would mark
        # the title's own implicit name a duplicate).
        section["names"].append(label)
        doc.nameids[label] = section["ids"][0]
        doc.nametypes[label] = True


def replace_placeholder(env: BuildEnvironment, docname: str, doctree: nodes.document) -> bool:
    """Make ABlog's placeholder page the archive; True when *docname* was one.

    In ABlog's layout, a document at the archive's name (``blog_path``,
    ``blog`` by default) whose text is a title and ABlog's sentence "This
    will be replaced by ablog" gets the archive listing in place of the
    sentence (ABlog wrote its archive over that page). Any other page at
    that name is the user's, and keeps it.
    """
    config = get_domain(env).config
    if config.url_layout != "ablog" or docname != config.paths["archive"]:
        return False
    paragraphs = [
        p
        for p in doctree.findall(nodes.paragraph)
        if not any(isinstance(a, nodes.docinfo) for a in _parents(p))
    ]
    if len(paragraphs) != 1 or not _PLACEHOLDER.match(paragraphs[0].astext()):
        return False
    spec = ListingSpec(kind="archive", group_by="year")
    index = get_domain(env).note_listing(docname, spec)
    node = listing_placeholder("", index=index, docname=docname)
    node.source, node.line = paragraphs[0].source, paragraphs[0].line
    paragraphs[0].replace_self(node)
    return True


def _parents(node: nodes.Node) -> list[nodes.Node]:
    found = []
    while node.parent is not None:
        node = node.parent
        found.append(node)
    return found


def on_builder_inited(app: Sphinx) -> None:
    """In ABlog's layout, the html builder writes ``blog.html`` beside a user's ``blog/index``.

    (dirhtml writes both names to ``blog/index.html``: there they collide.)
    """
    domain = get_domain(app.env)
    domain.build.folder_aliases = not (
        domain.config.url_layout == "ablog" and app.builder.name == "html"
    )


def setup_ablog_site(app: Sphinx) -> None:
    """Register the label transform and the builder's naming."""
    app.add_transform(PostLabels)
    app.connect("builder-inited", on_builder_inited)
