"""The reference tables of the docs site, generated from sphinx-blogarchive's code.

A docs-only Sphinx extension (``docs/conf.py`` loads it from ``docs/_ext``).
Each directive renders one table from the descriptions kept in the code:

``blogarchive-config``
    every ``blogarchive_*`` value: name, type, default, meaning (the
    metadata of the :class:`~sphinx_blogarchive.config._config.BlogConfig` fields);
``blogarchive-options NAME``
    the options of the directive registered as NAME (``postlist``,
    ``blog:index``, ABlog's ``post``): option, value, default, effect (its
    ``option_docs``); options with equal docs share a row. ``:header:``
    names the columns, comma-separated;
``blogarchive-roles``
    the ``blog`` domain's roles: role, target, links to, default text
    (``BlogDomain.role_docs``);
``blogarchive-warnings``
    the warning subtypes: subtype, meaning, fallback, fix and the
    ``suppress_warnings`` entry (``sphinx_blogarchive.model._warnings.DOCS``);
``blogarchive-ablog-settings``
    ABlog's settings that are read, and what each becomes (``ABLOG_SETTINGS``).

Cells are MyST Markdown, parsed as the page's own text (the reference pages
are Markdown). A name without a description is an error here, and
``tests/test_reference_docs.py`` fails on it first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

from sphinx_blogarchive.ablog._project import ABLOG_SETTINGS
from sphinx_blogarchive.config._reference import option_rows, reference_rows, undocumented_options
from sphinx_blogarchive.extension.domain import BlogDomain
from sphinx_blogarchive.model._warnings import Subtype

if TYPE_CHECKING:
    from sphinx.application import Sphinx


class _TableDirective(SphinxDirective):
    """Common part: a table of MyST cells, its first column literal names with ids."""

    #: Prefix of the ids given to the rows, so links can point at one.
    id_prefix = ""

    def table(self, headers: list[str], rows: list[tuple[list[str], list[str]]]) -> nodes.table:
        """A table: *headers*, then per row its names (literal, first cell) and other cells."""
        # colwidths-auto: no fixed column widths (as MyST's own tables), the browser lays out.
        table = nodes.table(classes=["blogarchive-reference", "colwidths-auto"])
        group = nodes.tgroup(cols=len(headers))
        table += group
        # Column widths in characters, for the builders that lay tables out
        # themselves (text, LaTeX): the longest entry, between 10 and 50
        # (a width of 1 makes Sphinx 7.4's text writer wrap each cell a
        # character a line, which takes minutes).
        columns = [[h] for h in headers]
        for names, cells in rows:
            for column, text in zip(columns, [", ".join(names), *cells], strict=False):
                column.append(text)
        group.extend(
            nodes.colspec(colwidth=min(50, max(10, max(len(t) for t in column))))
            for column in columns
        )
        head = nodes.thead()
        group += head
        head += self._row([self._parse(h) for h in headers])
        body = nodes.tbody()
        group += body
        for names, cells in rows:
            first: list[nodes.Node] = []
            for name in names:
                if first:
                    first.append(nodes.Text(", "))
                first.append(nodes.literal(name, name))
            row = self._row([first, *(self._parse(cell) for cell in cells)])
            row["ids"] = [nodes.make_id(f"{self.id_prefix}-{name}") for name in names]
            body += row
        return table

    def _parse(self, text: str) -> list[nodes.Node]:
        parsed, messages = self.parse_inline(text, lineno=self.lineno)
        return [*parsed, *messages]

    @staticmethod
    def _row(cells: list[Any]) -> nodes.row:
        row = nodes.row()
        for cell in cells:
            entry = nodes.entry()
            paragraph = nodes.paragraph()
            paragraph.extend(cell if isinstance(cell, list) else [cell])
            entry += paragraph
            row += entry
        return row


class ConfigTable(_TableDirective):
    """``blogarchive-config``: every configuration value."""

    id_prefix = "confval"

    def run(self) -> list[nodes.Node]:
        """The table of the ``BlogConfig`` fields."""
        rows = [([name], [kind, default, doc]) for name, kind, default, doc in reference_rows()]
        return [self.table(["Name", "Type", "Default", "Meaning"], rows)]


class OptionsTable(_TableDirective):
    """``blogarchive-options NAME``: the options of one directive."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {"header": directives.unchanged}

    def run(self) -> list[nodes.Node]:
        """The table of the directive's ``option_docs``."""
        name = self.arguments[0]
        cls = self._directive(name)
        missing = undocumented_options(cls)
        if missing:
            raise ExtensionError(f"{name}: options without a description: {missing}")
        rows = option_rows(cls)
        full = any(doc.value or doc.default for _, doc in rows)
        default_header = "Option, Value, Default, Effect" if full else "Option, Effect"
        headers = [h.strip() for h in self.options.get("header", default_header).split(",")]
        self.id_prefix = f"option-{name}"
        cells = [
            (
                [f":{o}:" for o in names],
                [doc.value, doc.default, doc.effect] if full else [doc.effect],
            )
            for names, doc in rows
        ]
        return [self.table(headers, cells)]

    def _directive(self, name: str) -> type[Any]:
        """The class registered as *name* (``postlist``) or as a domain's (``blog:index``)."""
        if ":" in name:
            domain, _, local = name.partition(":")
            found = self.env.get_domain(domain).directive(local)
        else:
            found, _ = directives.directive(name, None, self.state.document)
        if found is None:
            raise ExtensionError(f"no directive {name!r}")
        # A domain's directive is a subclass of the registered one: it inherits the docs.
        return found


class RolesTable(_TableDirective):
    """``blogarchive-roles``: the ``blog`` domain's roles."""

    id_prefix = "role"

    def run(self) -> list[nodes.Node]:
        """The table of ``BlogDomain.role_docs``."""
        rows = []
        for name in BlogDomain.roles:
            doc = BlogDomain.role_docs[name]
            rows.append(([f"blog:{name}"], [doc.target, doc.links_to, doc.text]))
        return [self.table(["Role", "Target", "Links to", "Default text"], rows)]


class WarningsTable(_TableDirective):
    """``blogarchive-warnings``: every warning subtype."""

    id_prefix = "warning"

    def run(self) -> list[nodes.Node]:
        """The table of the subtypes' docs."""
        rows = [
            (
                [subtype.value],
                [
                    subtype.doc.means,
                    subtype.doc.fallback,
                    subtype.doc.fix,
                    f'`"{subtype.qualified}"`',
                ],
            )
            for subtype in Subtype
        ]
        headers = ["Subtype", "Means", "Fallback", "Fix", "`suppress_warnings` entry"]
        return [self.table(headers, rows)]


class AblogSettingsTable(_TableDirective):
    """``blogarchive-ablog-settings``: ABlog's settings that are read."""

    id_prefix = "ablog"

    def run(self) -> list[nodes.Node]:
        """The table of ``ABLOG_SETTINGS``."""
        rows = [([name], [text]) for name, text in ABLOG_SETTINGS.items()]
        return [self.table(["ABlog", "sphinx-blogarchive"], rows)]


def setup(app: Sphinx) -> dict[str, Any]:
    """Register the table directives."""
    app.add_directive("blogarchive-config", ConfigTable)
    app.add_directive("blogarchive-options", OptionsTable)
    app.add_directive("blogarchive-roles", RolesTable)
    app.add_directive("blogarchive-warnings", WarningsTable)
    app.add_directive("blogarchive-ablog-settings", AblogSettingsTable)
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True}
