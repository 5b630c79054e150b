"""The layout's import rules, read from the source with ``ast`` (lazy imports inside functions count).

- ``newsmon.extract`` imports only the shared records and itself, and no I/O library;
- ``newsmon.clean`` the same, with trafilatura;
- ``newsmon.collect`` never imports store, extract, clean or pyarrow, nor the settings;
- ``newsmon.store`` never imports collect, extract, clean or httpx;
- the shared records import nothing of newsmon but each other;
- only ``dags/`` imports airflow.
"""
from __future__ import annotations

import ast
import importlib
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "include" / "newsmon"
SHARED_RECORDS = frozenset({"newsmon.models", "newsmon.errors"})
AIRFLOW = frozenset({"airflow"})


@dataclass(frozen=True)
class Layer:
    allowed: frozenset[str]      # newsmon modules (and packages, with their submodules) it may import
    forbidden: frozenset[str]    # third-party top-level packages it must not import


LAYERS = {
    "newsmon.extract": Layer(SHARED_RECORDS | {"newsmon.extract"},
                             frozenset({"pyarrow", "httpx", "trafilatura", "feedparser", "lxml", "duckdb"}) | AIRFLOW),
    "newsmon.clean": Layer(SHARED_RECORDS | {"newsmon.clean"},
                           frozenset({"pyarrow", "httpx", "feedparser", "duckdb"}) | AIRFLOW),
    "newsmon.collect": Layer(SHARED_RECORDS | {"newsmon.collect"},
                             frozenset({"pyarrow", "trafilatura", "duckdb"}) | AIRFLOW),
    "newsmon.store": Layer(SHARED_RECORDS | {"newsmon.store", "newsmon.failpoints"},
                           frozenset({"httpx", "trafilatura", "feedparser"}) | AIRFLOW),
    "newsmon.models": Layer(SHARED_RECORDS, AIRFLOW),
    "newsmon.errors": Layer(SHARED_RECORDS, AIRFLOW),
    "newsmon.ids": Layer(SHARED_RECORDS, AIRFLOW),
    "newsmon.failpoints": Layer(SHARED_RECORDS, AIRFLOW),
}
TOP = Layer(frozenset({"newsmon"}), AIRFLOW)   # composition may import any layer, but not airflow


def imported_modules(source: str, module: str) -> set[str]:
    """Absolute names of every module ``source`` imports (``from newsmon import x`` -> ``newsmon.x``)."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:                       # relative: resolve against the module's package
                parent = module.split(".")[: -node.level]
                base = ".".join([*parent, base] if base else parent)
            if base == "newsmon":
                names.update(f"newsmon.{alias.name}" for alias in node.names if alias.name != "__version__")
            else:
                names.add(base)
    return names


def layer_of(module: str) -> tuple[str, Layer]:
    for name in sorted(LAYERS, key=len, reverse=True):
        if module == name or module.startswith(name + "."):
            return name, LAYERS[name]
    return "newsmon", TOP


def _within(module: str, allowed: frozenset[str]) -> bool:
    return any(module == name or module.startswith(name + ".") for name in allowed)


def violations(module: str, source: str) -> list[str]:
    """Every import of ``module`` (whose code is ``source``) that its layer's rule forbids."""
    name, layer = layer_of(module)
    found = []
    for target in sorted(imported_modules(source, module)):
        if target.split(".")[0] == "newsmon":
            if target != "newsmon" and not _within(target, layer.allowed):
                found.append(f"{module} imports {target} (layer {name} may import {sorted(layer.allowed)})")
        elif target.split(".")[0] in layer.forbidden:
            found.append(f"{module} imports {target} (forbidden in layer {name})")
    return found


def _library_modules() -> list[tuple[str, Path]]:
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        found.append((".".join(parts[:-1] if parts[-1] == "__init__" else parts), path))
    return found


def test_every_library_module_keeps_its_layers_rule() -> None:
    modules = _library_modules()
    assert len(modules) > 40
    problems = [v for module, path in modules for v in violations(module, path.read_text(encoding="utf-8"))]
    assert problems == []


@pytest.mark.parametrize("folder", ["include", "plugins", "benchmarks"])
def test_only_dags_import_airflow(folder: str) -> None:
    offenders = [str(path.relative_to(ROOT)) for path in sorted((ROOT / folder).rglob("*.py"))
                 if any(name.split(".")[0] == "airflow"
                        for name in imported_modules(path.read_text(encoding="utf-8"), "x"))]
    assert offenders == []


@pytest.mark.parametrize(("module", "source"), [
    ("newsmon.collect.fetcher", "from newsmon.store import open_store"),
    ("newsmon.collect.fetcher", "from newsmon.config import Settings"),
    ("newsmon.collect.feeds", "import pyarrow.parquet as pq"),
    ("newsmon.extract.actions", "def f():\n    from newsmon.pipeline import run_day\n"),
    ("newsmon.extract.periods", "from newsmon import ids"),
    ("newsmon.store.readers", "import httpx"),
    ("newsmon.store.files", "from newsmon.extract import extract"),
    ("newsmon.clean.main_text", "from ..collect import http"),
    ("newsmon.models", "from newsmon.config import Settings"),
    ("newsmon.pipeline", "from airflow.sdk import dag"),
])
def test_a_forbidden_import_is_reported(module: str, source: str) -> None:
    assert len(violations(module, source)) == 1


@pytest.mark.parametrize(("module", "source"), [
    ("newsmon.collect.fetcher", "from newsmon.collect.http import fetch\nfrom newsmon.models import Source"),
    ("newsmon.extract.figures", "from . import numbers\nfrom newsmon.errors import NewsmonError"),
    ("newsmon.store.files", "from newsmon import failpoints\nimport pyarrow"),
    ("newsmon.pipeline", "from newsmon.store import open_store\nfrom newsmon.collect import Fetcher"),
])
def test_an_allowed_import_is_not_reported(module: str, source: str) -> None:
    assert violations(module, source) == []


@pytest.mark.parametrize("package", ["newsmon", "newsmon.extract", "newsmon.clean", "newsmon.collect",
                                     "newsmon.store"])
def test_each_package_names_its_api_and_every_name_resolves(package: str) -> None:
    module = importlib.import_module(package)
    assert len(module.__all__) >= 4
    missing = [name for name in module.__all__ if not hasattr(module, name)]
    assert missing == []


def test_importing_the_library_the_extractor_or_the_command_line_loads_no_io_library() -> None:
    code = ("import sys, newsmon, newsmon.extract, newsmon.models, newsmon.config, newsmon.cli; "
            "print(sorted(m for m in ('pyarrow', 'httpx', 'trafilatura', 'feedparser') if m in sys.modules))")
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           env={"PYTHONPATH": str(ROOT / "include")})
    assert shown.stdout.strip() == "[]"


def _calls_of(attribute: str) -> list[str]:
    """The library modules that call ``<something>.attribute(...)`` or ``attribute(...)``."""
    found = []
    for module, path in _library_modules():
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call):
                name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", None)
                if name == attribute:
                    found.append(module)
                    break
    return sorted(found)


def test_only_the_entry_points_read_the_settings_from_the_environment() -> None:
    assert _calls_of("from_env") == ["newsmon.cli", "newsmon.tasks"]


def test_only_the_composition_root_opens_the_store_or_reads_the_sources_file() -> None:
    # cli: the demo's summary after the Airflow run; readers: read_table/open_snapshot, given a root by users
    assert _calls_of("open_store") == ["newsmon.cli", "newsmon.runtime", "newsmon.store.readers"]
    assert _calls_of("load_sources") == ["newsmon.runtime"]


def test_the_dag_file_calls_the_library_only_through_its_task_functions() -> None:
    imported = set()
    for path in sorted((ROOT / "dags").glob("*.py")):
        imported |= {name for name in imported_modules(path.read_text(encoding="utf-8"), "dags")
                     if name.split(".")[0] == "newsmon"}
    # one call into newsmon.tasks per task; the credential lookup turns an Airflow connection into a Credential
    assert imported == {"newsmon.tasks", "newsmon.collect.secrets"}
