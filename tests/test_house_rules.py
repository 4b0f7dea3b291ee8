"""Rules the code keeps, checked on every run: they are easy to break without noticing."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "trainer"
TESTS = ROOT / "tests"
#: modules stay small enough to read in one sitting
MAX_LINES = 300


def modules(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*.py") if "__pycache__" not in path.parts)


def view_modules() -> list[Path]:
    return [path for path in modules(APP) if path.stem == "views" or path.stem.endswith("_views")]


def test_views_save_only_through_change():
    """A view that committed by itself would skip Change: a broken rule would be a 500."""
    committing = [
        str(path.relative_to(ROOT)) for path in view_modules() if "commit(" in path.read_text()
    ]
    assert committing == [], "save through `with Change(...)` (trainer/changes.py)"


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
    return found


def test_test_modules_do_not_import_each_other():
    """Shared helpers live in factories and helper modules, never in another test module."""
    offenders = []
    for path in modules(TESTS):
        if not path.name.startswith("test_"):
            continue
        for name in imported_modules(path):
            last = name.rsplit(".", 1)[-1]
            if name.startswith("tests.") and (last.startswith("test_") or last == "conftest"):
                offenders.append(f"{path.relative_to(ROOT)} imports {name}")
    assert offenders == []


def test_no_module_is_longer_than_it_can_be_read():
    long = {
        str(path.relative_to(ROOT)): lines
        for path in modules(APP)
        if (lines := len(path.read_text().splitlines())) > MAX_LINES
    }
    assert long == {}, f"split these modules (at most {MAX_LINES} lines each)"
