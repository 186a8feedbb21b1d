"""The package's shape: subpackages by job, layered, with no import cycles.

The imports are read with :mod:`ast` from the source, so the test sees every
``import`` a module can run: at module level and inside functions. Imports
under ``if TYPE_CHECKING:`` run only for type checkers; they may point
within a subpackage either way, but never up the layers.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parent.parent / "sphinx_blogarchive"

#: The subpackages, lowest first: each may import only from itself and those
#: before it (the package root holds ``setup`` and ``_version`` only).
LAYERS = ("model", "config", "pages", "feeds", "record", "ablog", "extension", "cli")

#: What the model may not import: Sphinx's build side.
BUILD_SIDE = (
    "sphinx.application",
    "sphinx.builders",
    "sphinx.directives",
    "sphinx.domains",
    "sphinx.environment",
    "sphinx.events",
    "sphinx.roles",
    "sphinx.transforms",
    "sphinx.util.docutils",
)

MAX_LINES = 500


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join(parts)


MODULES = {module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def imports_of(name: str) -> Iterator[tuple[str, int, bool]]:
    """``(imported module, line, type-only)`` for each import of module *name*."""
    path = MODULES[name]
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"))

    def walk(node: ast.AST, typing_only: bool) -> Iterator[tuple[str, int, bool]]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _type_checking(child):
                for item in child.body:
                    yield from walk_one(item, True)
                for item in child.orelse:
                    yield from walk_one(item, typing_only)
            else:
                yield from walk_one(child, typing_only)

    def walk_one(node: ast.AST, typing_only: bool) -> Iterator[tuple[str, int, bool]]:
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno, typing_only
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                if not is_package:
                    base = base[:-1]
                base = base[: len(base) - node.level + 1]
                module = ".".join([*base, node.module] if node.module else base)
            else:
                module = node.module or ""
            for alias in node.names:
                candidate = f"{module}.{alias.name}"
                yield (candidate if candidate in MODULES else module), node.lineno, typing_only
        else:
            yield from walk(node, typing_only)

    yield from walk(tree, False)


def own_imports(name: str, *, runtime_only: bool) -> set[str]:
    return {
        target
        for target, _line, typing_only in imports_of(name)
        if target in MODULES and target != name and not (runtime_only and typing_only)
    }


def layer_of(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_module_is_in_a_subpackage() -> None:
    loose = [
        n
        for n in MODULES
        if layer_of(n) is None
        and n
        not in {"sphinx_blogarchive", "sphinx_blogarchive.__main__", "sphinx_blogarchive._version"}
    ]
    assert not loose, f"modules outside the subpackages {LAYERS}: {loose}"


def test_no_import_cycles() -> None:
    graph = {name: own_imports(name, runtime_only=True) for name in MODULES}
    # The package root imports its subpackages (Python imports a package
    # before its modules, so root -> module edges are not cycles; root ->
    # module is the only direction allowed).
    cycles = []
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for target in sorted(graph[node]):
            if state.get(target) == 1:
                cycles.append([*stack[stack.index(target) :], target])
            elif target not in state:
                visit(target)
        stack.pop()
        state[node] = 2

    for name in sorted(graph):
        if name not in state:
            visit(name)
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)


def test_subpackages_import_only_downwards() -> None:
    wrong = []
    for name in MODULES:
        layer = layer_of(name)
        if layer is None:
            continue
        for target, line, _typing in imports_of(name):
            if target.startswith("sphinx_blogarchive.") and target not in MODULES:
                wrong.append(f"{name}:{line} imports {target}, which does not exist")
                continue
            other = layer_of(target)
            if target == "sphinx_blogarchive":
                wrong.append(f"{name}:{line} imports the package root")
            elif other is not None and LAYERS.index(other) > LAYERS.index(layer):
                wrong.append(f"{name}:{line} ({layer}) imports {target} ({other})")
    assert not wrong, "\n".join(wrong)


def test_the_model_imports_nothing_of_sphinx_build_side() -> None:
    wrong = [
        f"{name}:{line} imports {target}"
        for name in MODULES
        if layer_of(name) == "model"
        for target, line, _typing in imports_of(name)
        if target.startswith(BUILD_SIDE)
    ]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_module_is_over_500_lines(name: str) -> None:
    lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_LINES, f"{name} has {lines} lines"


@pytest.mark.parametrize("layer", LAYERS)
def test_each_subpackage_says_what_it_owns_and_may_import(layer: str) -> None:
    doc = ast.get_docstring(ast.parse((PACKAGE / layer / "__init__.py").read_text()))
    assert doc is not None
    allowed = ", ".join(f"``{lower}``" for lower in LAYERS[: LAYERS.index(layer)]) or "nothing"
    assert f"May import: {allowed}." in " ".join(doc.split()), doc


def test_the_checks_see_a_cycle_and_an_upward_import(tmp_path: Path) -> None:
    """The walker finds imports inside functions, and tells type-only ones apart."""
    found = list(imports_of("sphinx_blogarchive"))
    assert any(t == "sphinx_blogarchive.extension.domain" for t, _l, _ty in found)
    typing_only = {t for t, _l, ty in imports_of("sphinx_blogarchive") if ty}
    assert "sphinx.application" in typing_only
