"""Every module of the package imports in a fresh interpreter, and none takes names from portal/__init__.py."""

import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from config import BASE_DIR

PACKAGE = BASE_DIR / "portal"


def module_name(path: Path) -> str:
    """The dotted name of a module file of the package."""
    parts = path.relative_to(BASE_DIR).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def package_modules() -> list[str]:
    """Every module of the package, sorted by name."""
    return sorted(module_name(path) for path in PACKAGE.rglob("*.py"))


def is_submodule(name: str) -> bool:
    """Whether `from portal import name` names a module of the package (fine) rather than a root name."""
    return (PACKAGE / f"{name}.py").exists() or (PACKAGE / name / "__init__.py").exists()


def imported_from(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    """The absolute name of the module a `from ... import` statement reads."""
    if not node.level:
        return node.module or ""
    parts = module.split(".")
    base = parts[: len(parts) - node.level + (1 if is_package else 0)]
    return ".".join([*base, node.module] if node.module else base)


def names_taken_from_the_root(source: str, module: str, is_package: bool = False) -> list[str]:
    """The names a module's source imports from portal/__init__.py itself, submodules aside."""
    return [
        alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and imported_from(node, module, is_package) == "portal"
        for alias in node.names
        if not is_submodule(alias.name)
    ]


@pytest.mark.parametrize("order", ["sorted", "reversed"])
def test_every_module_imports_in_a_fresh_interpreter(order):
    names = package_modules() if order == "sorted" else package_modules()[::-1]
    code = "import importlib, sys\nfor name in sys.argv[1:]:\n    importlib.import_module(name)\n"
    clean = {k: v for k, v in os.environ.items() if not k.startswith("PORTAL_")}
    result = subprocess.run(
        [sys.executable, "-c", code, *names], cwd=BASE_DIR, env=clean, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_no_module_imports_names_from_the_package_root():
    offenders = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        if names := names_taken_from_the_root(source, module_name(path), path.name == "__init__.py"):
            offenders[module_name(path)] = names
    assert offenders == {}


def test_the_root_check_tells_root_names_from_submodules():
    assert names_taken_from_the_root("from portal import SUPPORTED_LOCALES, clock", "portal.i18n") == [
        "SUPPORTED_LOCALES"
    ]
    assert names_taken_from_the_root("from . import create_app", "portal.i18n") == ["create_app"]
    assert names_taken_from_the_root("from .. import create_app", "portal.cache.middleware") == ["create_app"]
    assert names_taken_from_the_root("from . import register", "portal.cache", is_package=True) == []
    assert names_taken_from_the_root("from portal import models\nimport portal.clock", "portal.cli") == []
