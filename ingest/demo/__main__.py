"""`python -m ingest.demo OUT_DIR [--seed N] [--experts N]` writes the Lai Châu demo CSVs."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from ingest.demo.generate import generate_demo

DEFAULT_SHARED_DATA = Path(__file__).resolve().parents[2].parent / "shared" / "data"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.demo", description=__doc__)
    parser.add_argument("out_dir", type=Path, help="directory for the CSV files")
    parser.add_argument("--seed", type=int, default=45)
    parser.add_argument("--experts", type=int, default=1500, help="number of experts")
    parser.add_argument("--shared-data", type=Path, default=DEFAULT_SHARED_DATA)
    args = parser.parse_args(argv)
    totals = generate_demo(args.out_dir, args.shared_data, seed=args.seed, n_experts=args.experts)
    summary = {k: v for k, v in asdict(totals).items() if isinstance(v, int)}
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
