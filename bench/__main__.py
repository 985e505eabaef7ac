"""`python -m bench`: list the benchmarks and how to run each (results go in bench/README.md)."""

from __future__ import annotations

import ast
from pathlib import Path


def main() -> None:
    here = Path(__file__).parent
    for path in sorted(here.glob("*.py")):
        if path.stem.startswith("_") or path.stem in ("browser", "scale_graph", "resolution_sets"):
            continue
        doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8"))) or ""
        first = doc.strip().splitlines()[0] if doc.strip() else ""
        print(f"python -m bench.{path.stem:<12} {first}")


if __name__ == "__main__":
    main()
