"""The layers of ARCHITECTURE.md hold: imports point inward, and only the edges exit or read
the environment. Imports inside `if TYPE_CHECKING:` blocks are for type hints only and are
left out: what matters is what a module loads when it runs."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "src" / "movecoach"
STDLIB = set(sys.stdlib_module_names) | {"__future__"}
PACKAGES = {"movecoach", "movecoach.core", "movecoach.store", "movecoach.ui", "movecoach.commands"}


def modules(folder: str) -> list[Path]:
    return sorted((PACKAGE / folder).glob("*.py")) if folder else sorted(PACKAGE.glob("*.py"))


def _is_type_checking(node: ast.If) -> bool:
    return isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING"


def runtime_imports(path: Path) -> set[str]:
    """Every module `path` imports when it runs (function-level imports included)."""
    tree = ast.parse(path.read_text("utf-8"))
    skipped: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and _is_type_checking(node):
            skipped.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            if node.module in PACKAGES:  # `from movecoach.core import days`: core.days
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
            else:
                found.add(node.module)
    return found


def outside(imports: set[str], allowed: tuple[str, ...]) -> list[str]:
    """Imports that are neither the standard library nor under one of `allowed`."""
    return sorted(
        name
        for name in imports
        if name.split(".")[0] not in STDLIB
        and name != "movecoach"
        and not any(name == a or name.startswith(a + ".") for a in allowed)
    )


@pytest.mark.parametrize("path", modules("core"), ids=lambda p: p.name)
def test_the_core_uses_only_the_standard_library_and_itself(path: Path) -> None:
    assert outside(runtime_imports(path), ("movecoach.core", "movecoach.errors")) == []


@pytest.mark.parametrize("path", modules("store"), ids=lambda p: p.name)
def test_the_store_knows_the_models_and_day_rules_but_not_the_statistics(path: Path) -> None:
    allowed = ["movecoach.store", "movecoach.errors", "movecoach.core.models"]
    # per-day totals and the per-day facts the pacing rules read are kept beside the records
    allowed += ["movecoach.core.days", "movecoach.core.pace_days", "tomli_w"]
    if path.name == "paths.py":
        allowed.append("platformdirs")
    assert outside(runtime_imports(path), tuple(allowed)) == []


@pytest.mark.parametrize("path", modules("ui"), ids=lambda p: p.name)
def test_the_ui_renders_records_and_knows_no_files(path: Path) -> None:
    allowed = ("movecoach.ui", "movecoach.core", "movecoach.errors", "rich", "movecoach")
    assert outside(runtime_imports(path), allowed) == []


@pytest.mark.parametrize("name", ["actions.py", "completion.py", "remind.py"])
def test_actions_and_completion_use_neither_typer_nor_rich(name: str) -> None:
    allowed = ("movecoach.core", "movecoach.store", "movecoach.errors", "movecoach.desktop")
    assert outside(runtime_imports(PACKAGE / name), allowed) == []


def test_the_nudge_path_uses_the_shared_rules_and_nothing_heavy() -> None:
    allowed = ("movecoach.core.days", "movecoach.core.pain", "movecoach.core.reminders")
    allowed += ("movecoach.store",)
    allowed += ("movecoach.errors", "movecoach.desktop")
    assert outside(runtime_imports(PACKAGE / "nudge.py"), allowed) == []


def test_the_desktop_uses_the_standard_library_only() -> None:
    assert outside(runtime_imports(PACKAGE / "desktop.py"), ("movecoach.errors",)) == []


def _calls(path: Path) -> set[str]:
    """Dotted names of everything `path` calls or raises, e.g. `sys.exit`, `typer.Exit`."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        target = node.func if isinstance(node, ast.Call) else None
        if isinstance(node, ast.Raise) and node.exc is not None:
            target = node.exc.func if isinstance(node.exc, ast.Call) else node.exc
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name):
            names.add(f"{target.value.id}.{target.attr}")
        elif isinstance(target, ast.Name):
            names.add(target.id)
    return names


EDGES = {PACKAGE / "cli.py", PACKAGE / "entry.py", *modules("commands")}


@pytest.mark.parametrize(
    "path", sorted(set(PACKAGE.rglob("*.py")) - EDGES), ids=lambda p: str(p.relative_to(PACKAGE))
)
def test_only_the_edges_exit(path: Path) -> None:
    assert {"sys.exit", "typer.Exit", "SystemExit", "exit"} & _calls(path) == set()


@pytest.mark.parametrize(
    "path",
    sorted(set(PACKAGE.rglob("*.py")) - {PACKAGE / "store" / "paths.py"}),
    ids=lambda p: str(p.relative_to(PACKAGE)),
)
def test_only_paths_reads_the_environment(path: Path) -> None:
    text = path.read_text("utf-8")
    assert "os.environ" not in text
    assert "getenv" not in text


@pytest.mark.parametrize("path", modules("core"), ids=lambda p: p.name)
def test_the_core_never_reads_the_clock(path: Path) -> None:
    clock = {"date.today", "datetime.now", "datetime.today", "time.time", "time.localtime"}
    assert clock & _calls(path) == set()
    assert "dt.date.today" not in path.read_text("utf-8")


TESTS = Path(__file__).resolve().parent
SOURCES = sorted(p for p in PACKAGE.rglob("*.py") if p.name not in ("__init__.py", "__main__.py"))


def module_tests(path: Path) -> str:
    """The test module of a source module: `tests/test_<stem>.py`. Stems are unique across
    the package, but for one case: a command module (`commands/desk.py`, the `break`
    command) may share its stem with one module outside `commands/` (`core/desk.py`, the
    rules); then the rules keep `test_<stem>.py` and the command's tests are
    `test_<stem>_command.py`."""
    shared = [p for p in SOURCES if p.stem == path.stem]
    if len(shared) > 1 and path.parent.name == "commands":
        return f"test_{path.stem}_command.py"
    return f"test_{path.stem}.py"


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_every_source_module_has_a_test_module(path: Path) -> None:
    name = module_tests(path)
    assert (TESTS / name).is_file(), f"no tests/{name} for {path.relative_to(PACKAGE)}"


def test_source_module_stems_are_unique_but_for_a_command_and_its_rules() -> None:
    """Two modules share a stem only when one is a command module and the other is not, so
    every module has a test module of its own."""
    by_stem: dict[str, list[Path]] = {}
    for path in SOURCES:
        by_stem.setdefault(path.stem, []).append(path)
    for stem, paths in by_stem.items():
        if len(paths) > 1:
            commands = [p for p in paths if p.parent.name == "commands"]
            assert (len(paths), len(commands)) == (2, 1), (stem, paths)
    names = [module_tests(path) for path in SOURCES]
    assert len(names) == len(set(names))
    assert not {f"{p.stem}_command" for p in SOURCES} & {p.stem for p in SOURCES}
