"""Run every benchmark module in ``bench/``, or the named ones, and print one table.

A module plugs into the table by exposing ``rows() -> list[bench._table.Row]``; older
modules expose ``main() -> None`` and print their own figures. Any failed audit row
(lost, duplicated or dead-lettered work) makes the run exit 1.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path

from bench._table import Row, failed_audit, render


def main(names: list[str]) -> int:
    """Run the named benchmarks, or all of them."""
    here = Path(__file__).parent
    available = sorted(
        m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_")
    )
    rows: list[Row] = []
    for name in names or available:
        if name not in available:
            print(f"bench: no benchmark {name!r}; have {', '.join(available)}", file=sys.stderr)
            return 2
        print(f"== {name} ==", flush=True)
        module = importlib.import_module(f"bench.{name}")
        if hasattr(module, "rows"):
            rows.extend(module.rows())
        else:
            module.main()
    if rows:
        print(render(rows))
    return 1 if failed_audit(rows) else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
