"""Run every benchmark module in ``bench/`` (each exposes ``main() -> None``), or the named ones."""

from __future__ import annotations

import importlib
import pkgutil
import sys
from pathlib import Path


def main(names: list[str]) -> int:
    """Run the named benchmarks, or all of them."""
    here = Path(__file__).parent
    available = sorted(
        m.name for m in pkgutil.iter_modules([str(here)]) if not m.name.startswith("_")
    )
    for name in names or available:
        if name not in available:
            print(f"bench: no benchmark {name!r}; have {', '.join(available)}", file=sys.stderr)
            return 2
        print(f"== {name} ==", flush=True)
        importlib.import_module(f"bench.{name}").main()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
