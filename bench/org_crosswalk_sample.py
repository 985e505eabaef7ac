"""Draw a labelling sample for `bench.org_crosswalk`, the way samples A, B and C were drawn.

The population is the OpenAlex institutions that share a distinctive word, an acronym or a short
name with some named CORDIS organization of their country (`CrossIndex.candidates`, the matcher's
blocking), less those already in a labelled sample. A seeded draw picks `--size` of them; for each,
every such CORDIS organization of its country is listed (name, short name, city, PIC) for a person
to judge which, if any, is the same body. Nothing here decides a label.

    .venv/bin/python -m bench.org_crosswalk_sample --seed 20261125 --size 50
"""

from __future__ import annotations

import argparse
import random

from bench.org_crosswalk import read_labels, read_sets
from graph.settings import get_settings
from ingest.org_crosswalk import CrossIndex, CrossOrg


def population(openalex: list[CrossOrg], index: CrossIndex) -> dict[str, list[CrossOrg]]:
    """{OpenAlex id: its candidates of the same country}, for institutions with at least one."""
    found = {}
    for org in openalex:
        same_country = [c for c in index.candidates(org) if c.country == org.country]
        if same_country:
            found[org.id] = same_country
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, required=True)
    parser.add_argument("--size", type=int, default=50)
    args = parser.parse_args()
    openalex, cordis = read_sets(get_settings().shared_data)
    index = CrossIndex(cordis)
    pool = population(openalex, index)
    labelled = {i for name, sample in read_labels().items() if name.startswith("sample-") for i in sample}
    eligible = sorted(set(pool) - labelled)
    print(f"population {len(pool)}, not yet in a sample {len(eligible)}")
    by_id = {o.id: o for o in openalex}
    for institution in random.Random(args.seed).sample(eligible, args.size):
        org = by_id[institution]
        print(f"\n{org.id} | {org.name} | {org.country}")
        for c in pool[institution]:
            print(f"    {c.id} | {c.name} | {c.short or ''} | {' '.join(sorted(c.city))}")


if __name__ == "__main__":
    main()
