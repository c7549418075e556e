"""The layers as a contract: models < content < web helpers < blueprints < factory, read from the
import statements of every module under portal/ (parsed with ast, nothing imported)."""

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parent.parent / "portal"

# Lowest first. A module may import its own layer and the layers below it, never one above.
LAYERS: list[tuple[str, tuple[str, ...]]] = [
    ("models", ("portal.models",)),
    ("foundations", ("portal.extensions", "portal.clock", "portal.ids")),
    ("content", ("portal.content",)),
    (
        "web helpers",
        (
            "portal.web",
            "portal.errors",
            "portal.templating",
            "portal.security",
            "portal.links",
            "portal.delivery",
            "portal.i18n",
            "portal.cache",
        ),
    ),
    (
        "blueprints",
        (
            "portal.auth",
            "portal.public",
            "portal.editor",
            "portal.categories",
            "portal.feeds",
            "portal.health",
            "portal.admin",
            "portal.legacy",
        ),
    ),
    ("factory and commands", ("portal", "portal.cli", "portal.demo", "portal.devserver")),
]
BLUEPRINT_PACKAGES = dict(LAYERS)["blueprints"]


def module_name(path: Path) -> str:
    """portal/content/slugs.py -> portal.content.slugs; portal/web/__init__.py -> portal.web."""
    parts = list(path.relative_to(PACKAGE_DIR.parent).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE_DIR.rglob("*.py"))}
PACKAGES = {module_name(path) for path in PACKAGE_DIR.rglob("__init__.py")}


def absolute(module: str, node: ast.ImportFrom) -> str:
    """The absolute name a `from ... import` reads from (relative imports resolved)."""
    if not node.level:
        return node.module or ""
    base = module if module in PACKAGES else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        base = base.rpartition(".")[0]
    return f"{base}.{node.module}" if node.module else base


def imports(module: str) -> Iterator[tuple[str, str | None, int]]:
    """(module imported, name taken from it or None, line) for every import, at any depth of the module."""
    tree = ast.parse(MODULES[module].read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, None, node.lineno
        elif isinstance(node, ast.ImportFrom):
            source = absolute(module, node)
            for alias in node.names:
                submodule = f"{source}.{alias.name}"
                if submodule in MODULES:
                    yield submodule, None, node.lineno
                else:
                    yield source, alias.name, node.lineno


def internal_edges() -> Iterator[tuple[str, str, str | None, int]]:
    """(importer, imported, name, line) for every import of one portal module by another."""
    for module in MODULES:
        for target, name, line in imports(module):
            if target in MODULES:
                yield module, target, name, line


def package_of(module: str, prefixes: tuple[str, ...]) -> str | None:
    """The longest prefix in prefixes that the module is or sits under."""
    found = [p for p in prefixes if module == p or module.startswith(p + ".")]
    return max(found, key=len, default=None)


def layer_of(module: str) -> int:
    """The index in LAYERS of the layer the module belongs to."""
    matches = [(len(package_of(module, prefixes) or ""), index) for index, (_, prefixes) in enumerate(LAYERS)]
    length, index = max(matches)
    assert length, f"{module} belongs to no layer: add it to LAYERS in tests/test_layers.py"
    return index


@pytest.mark.parametrize("module", sorted(MODULES))
def test_every_module_belongs_to_a_layer(module):
    layer_of(module)


def test_no_module_imports_a_higher_layer():
    upward = [
        f"{importer}:{line} ({LAYERS[layer_of(importer)][0]}) imports {target} ({LAYERS[layer_of(target)][0]})"
        for importer, target, _name, line in internal_edges()
        if layer_of(target) > layer_of(importer)
    ]
    assert upward == []


def test_nothing_imports_names_from_the_package_root():
    from_root = [
        f"{importer}:{line} imports {name!r} from portal/__init__.py"
        for importer, target, name, line in internal_edges()
        if target == "portal"
    ]
    assert from_root == []


def test_no_blueprint_imports_another_blueprints_views():
    crossing = []
    for importer, target, _name, line in internal_edges():
        own, theirs = package_of(importer, BLUEPRINT_PACKAGES), package_of(target, BLUEPRINT_PACKAGES)
        if own and theirs and own != theirs and target in {theirs, f"{theirs}.views"}:
            crossing.append(f"{importer}:{line} imports {target}")
    assert crossing == []


def test_content_reads_no_request_and_imports_no_blueprint():
    found = [
        f"{module}:{line} imports {target}{'.' + name if name else ''}"
        for module in MODULES
        if package_of(module, ("portal.content",))
        for target, name, line in imports(module)
        if (target, name) in {("flask", "request"), ("flask.globals", "request")}
        or package_of(target, BLUEPRINT_PACKAGES)
    ]
    assert found == []


def test_models_import_no_content():
    found = [
        f"{importer}:{line} imports {target}"
        for importer, target, _name, line in internal_edges()
        if package_of(importer, ("portal.models",)) and package_of(target, ("portal.content",))
    ]
    assert found == []


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle of the graph as a list of modules (the first repeated at the end), or None."""
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == 1:
                return path[path.index(nxt) :] + [nxt]
            if nxt not in state and (cycle := visit(nxt)):
                return cycle
        path.pop()
        state[node] = 2
        return None

    for start in sorted(graph):
        if start not in state and (cycle := visit(start)):
            return cycle
    return None


def test_find_cycle_finds_a_loop_and_only_a_loop():
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_no_import_cycles():
    graph: dict[str, set[str]] = {}
    for importer, target, _name, _line in internal_edges():
        if target != importer:
            graph.setdefault(importer, set()).add(target)
    assert find_cycle(graph) is None
