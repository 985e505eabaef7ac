"""One council as a CP-SAT model: who sits in which seat, solved exactly and deterministically.

Hard constraints: the seat counts, every proposal field covered, minimum shares from outside the host
organization and outside the province, and no conflict between two members. Each hard group is tied
to an assumption literal, so when the model is infeasible CP-SAT names the groups that cannot all hold
(`sufficient_assumptions_for_infeasibility`). Soft targets (women, ethnic-minority members) cost a
penalty per missing member. The objective, in integer points: affinity x 1,000 x seat weight, a
bonus for a chair with a doctorate or title, minus a little per council the expert already sits on in
the period, minus the soft-target penalties. One worker and a fixed seed make it deterministic;
candidates enter sorted by id.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from ortools.sat.python import cp_model

from graph.errors import Infeasible

SEAT_WEIGHTS = {"chair": 1.2, "reviewer": 1.5, "secretary": 0.8, "member": 1.0}
CHAIR_BONUS = 150  # points for a chair with TS/TSKH or GS/PGS
LOAD_PENALTY = 20  # points per council already served on in the period
SOFT_PENALTY = 400  # points per missing woman or ethnic-minority member below the target
TIME_LIMIT_S = 20.0


@dataclass(frozen=True)
class Candidate:
    id: str
    affinity: float
    women: bool
    minority: bool
    outside_host: bool
    outside_province: bool
    senior: bool  # doctorate or academic title: may chair
    load: int  # councils already served on in the period
    covers: frozenset[str]  # proposal field codes the expert holds


@dataclass(frozen=True)
class Requirements:
    seats: dict[str, int]  # role -> count
    fields: tuple[str, ...]
    min_outside_host: int
    min_outside_province: int
    women_target: int
    minority_target: int


def requirements(
    *,
    size: int,
    reviewers: int,
    fields: Sequence[str],
    outside_host_share: float,
    outside_province_share: float,
    women_target: int,
    minority_target: int,
) -> Requirements:
    members = size - 2 - reviewers
    if members < 0:
        raise Infeasible(
            "size", f"a council of {size} cannot hold a chair, a secretary and {reviewers} reviewers"
        )
    return Requirements(
        seats={"chair": 1, "reviewer": reviewers, "secretary": 1, "member": members},
        fields=tuple(sorted(set(fields))),
        min_outside_host=math.ceil(outside_host_share * size - 1e-9),
        min_outside_province=math.ceil(outside_province_share * size - 1e-9),
        women_target=women_target,
        minority_target=minority_target,
    )


@dataclass(frozen=True)
class Composition:
    seats: list[tuple[str, str]]  # (role, expert id), in seat order
    objective: int
    optimal: bool


def _seat_points(c: Candidate, role: str) -> int:
    points = round(c.affinity * 1000 * SEAT_WEIGHTS[role]) - LOAD_PENALTY * c.load
    if role == "chair" and c.senior:
        points += CHAIR_BONUS
    return points


def solve(candidates: Sequence[Candidate], req: Requirements, conflicts: set[frozenset[str]]) -> Composition:
    """The best council; raises Infeasible naming the constraint group(s) that cannot all hold."""
    size = sum(req.seats.values())
    pool = sorted(candidates, key=lambda c: c.id)
    if len(pool) < size:
        raise Infeasible(
            "size", f"only {len(pool)} candidates are free of conflict and eligible; the council needs {size}"
        )
    for code in req.fields:
        if not any(code in c.covers for c in pool):
            raise Infeasible(f"field_coverage:{code}", f"no eligible candidate holds field {code}")
    model = cp_model.CpModel()
    roles = [r for r, n in req.seats.items() if n > 0]
    y = {(c.id, r): model.new_bool_var(f"y_{c.id}_{r}") for c in pool for r in roles}
    seated = {c.id: sum(y[c.id, r] for r in roles) for c in pool}
    for c in pool:
        model.add(seated[c.id] <= 1)
    for r in roles:
        model.add(sum(y[c.id, r] for c in pool) == req.seats[r])
    groups: dict[str, cp_model.IntVar] = {}

    def group(name: str) -> cp_model.IntVar:
        groups[name] = model.new_bool_var(name)
        return groups[name]

    for code in req.fields:
        lit = group(f"field_coverage:{code}")
        model.add(sum(seated[c.id] for c in pool if code in c.covers) >= 1).only_enforce_if(lit)
    if req.min_outside_host:
        lit = group("outside_host_share")
        model.add(sum(seated[c.id] for c in pool if c.outside_host) >= req.min_outside_host).only_enforce_if(
            lit
        )
    if req.min_outside_province:
        lit = group("outside_province_share")
        model.add(
            sum(seated[c.id] for c in pool if c.outside_province) >= req.min_outside_province
        ).only_enforce_if(lit)
    pairs = sorted(tuple(sorted(p)) for p in conflicts if len(p) == 2 and p <= seated.keys())
    if pairs:
        lit = group("no_conflict_between_members")
        for a, b in pairs:
            model.add(seated[a] + seated[b] <= 1).only_enforce_if(lit)
    model.add_assumptions(list(groups.values()))
    women_short = model.new_int_var(0, max(req.women_target, 0), "women_short")
    model.add(women_short >= req.women_target - sum(seated[c.id] for c in pool if c.women))
    minority_short = model.new_int_var(0, max(req.minority_target, 0), "minority_short")
    model.add(minority_short >= req.minority_target - sum(seated[c.id] for c in pool if c.minority))
    model.maximize(
        sum(_seat_points(c, r) * y[c.id, r] for c in pool for r in roles)
        - SOFT_PENALTY * (women_short + minority_short)
    )
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 6
    solver.parameters.max_time_in_seconds = TIME_LIMIT_S
    status = solver.solve(model)
    if status == cp_model.INFEASIBLE:
        core = solver.sufficient_assumptions_for_infeasibility()
        names = sorted(name for name, lit in groups.items() if lit.index in core) or sorted(groups)
        raise Infeasible(
            ", ".join(names),
            "these requirements cannot all be met by the candidates free of conflict; relax one of them",
        )
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise Infeasible("time_limit", f"no council found within {TIME_LIMIT_S:.0f} s")
    order = {r: i for i, r in enumerate(("chair", "reviewer", "secretary", "member"))}
    seats = sorted(
        ((r, c.id) for c in pool for r in roles if solver.value(y[c.id, r])),
        key=lambda s: (order[s[0]], s[1]),
    )
    return Composition(seats, int(solver.objective_value), status == cp_model.OPTIMAL)


def holds(members: Sequence[Candidate], req: Requirements, conflicts: set[frozenset[str]]) -> bool:
    """Whether a set of members meets every hard constraint (used to vet alternates)."""
    ids = {c.id for c in members}
    if any(not any(code in c.covers for c in members) for code in req.fields):
        return False
    if sum(c.outside_host for c in members) < req.min_outside_host:
        return False
    if sum(c.outside_province for c in members) < req.min_outside_province:
        return False
    return not any(p <= ids for p in conflicts if len(p) == 2)
