"""Late changes, step 1: the final size of every group, deciding only how many people move where.

Only groups that fell below the minimum need a decision of their own; all healthy groups together are a
reservoir. See rebalance.py for the whole procedure.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence

from ortools.sat.python import cp_model

from .errors import GroupingError, Issue


def target_sizes(current: Sequence[int], incoming: int, lo: int, hi: int) -> tuple[list[int], list[int]]:
    """Final sizes of the existing groups, and sizes of new groups (see module docstring, step 1).

    Only groups that fell below the minimum need a decision of their own; all healthy groups together
    are a reservoir that can take in up to sum(hi - c) people without moves and give up to sum(c - lo)
    people at one move each. That keeps the model tiny for any number of groups. Evenness comes after:
    people taken in go to the smallest healthy groups first, people given up come from the largest.
    """
    total = sum(current) + incoming
    low = [g for g, c in enumerate(current) if 0 < c < lo]
    healthy = [g for g, c in enumerate(current) if c >= lo]
    can_take = sum(hi - current[g] for g in healthy)
    can_give = sum(current[g] - lo for g in healthy)
    stuck = sum(current[g] for g in low)
    max_new = -(-(incoming + stuck) // lo) + max(0, -(-total // hi) - len(healthy) - len(low)) + 1

    m = cp_model.CpModel()
    f = {g: m.new_int_var_from_domain(cp_model.Domain.from_values([0, *range(lo, hi + 1)]), f"f{g}") for g in low}
    kept = {g: m.new_bool_var(f"kept{g}") for g in low}
    out = {g: m.new_int_var(0, current[g], f"out{g}") for g in low}
    for g in low:
        m.add(f[g] >= lo).only_enforce_if(kept[g])
        m.add(f[g] == 0).only_enforce_if(~kept[g])
        m.add(out[g] >= current[g] - f[g])
    take = m.new_int_var(0, can_take, "take")
    give = m.new_int_var(0, can_give, "give")
    n_new = m.new_int_var(0, max_new, "n_new")
    in_new = m.new_int_var(0, max_new * hi, "in_new")
    m.add(in_new >= lo * n_new)
    m.add(in_new <= hi * n_new)
    m.add(sum(f.values()) + sum(current[g] for g in healthy) + take - give + in_new == total)
    moves = sum(out.values()) + give
    dissolved = sum(1 - kept[g] for g in low)
    w_new = 1
    w_dissolved = w_new * (max_new + 1)
    w_moves = w_dissolved * (len(low) + 1)
    m.minimize(w_moves * moves + w_dissolved * dissolved + w_new * n_new)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_time_in_seconds = 30.0
    if solver.solve(m) != cp_model.OPTIMAL:
        raise GroupingError([Issue("rebalance_impossible", {"count": total, "min": lo, "max": hi})])

    targets = list(current)
    for g in low:
        targets[g] = solver.value(f[g])
    k = solver.value(n_new)
    free = solver.value(take) + solver.value(in_new)  # people the healthy and new groups take in together
    # New groups as large as the others on average, within what the healthy groups can take.
    groups_after = len(healthy) + sum(1 for g in low if targets[g]) + k
    average = round(total / groups_after) if groups_after else lo
    in_new_groups = min(max(k * average, k * lo, free - can_take), k * hi, free) if k else 0
    taken = free - in_new_groups
    given = solver.value(give)
    heap = [(-current[g], g) for g in healthy]
    heapq.heapify(heap)
    for _ in range(given):  # from the largest
        size, g = heapq.heappop(heap)
        targets[g] -= 1
        heapq.heappush(heap, (size + 1, g))
    heap = [(targets[g], g) for g in healthy if targets[g] < hi]
    heapq.heapify(heap)
    for _ in range(taken):  # to the smallest
        size, g = heapq.heappop(heap)
        targets[g] += 1
        if size + 1 < hi:
            heapq.heappush(heap, (size + 1, g))
    base, extra = divmod(in_new_groups, k) if k else (0, 0)
    return targets, [base + 1] * extra + [base] * (k - extra)
