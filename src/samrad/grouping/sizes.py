"""Group sizes, fixed up front: fewest groups, sizes as even as possible.

Fewest groups because a group of 4 that loses a no-show still talks; a group of 2 does not. With the sizes
fixed, only *who* goes where is left to optimise, which keeps the models small and the bounds honest
(every bound the engine reports is "for these sizes").
"""

from __future__ import annotations


def splittable(n: int, min_size: int, max_size: int) -> bool:
    """Can n people be split into groups whose sizes all lie in [min_size, max_size]? (n = 0: yes.)"""
    if n == 0:
        return True
    k = -(-n // max_size)  # fewest groups; more groups only make the smallest group smaller
    return k * min_size <= n


def group_sizes(n: int, min_size: int, max_size: int) -> list[int]:
    """Sizes for n people, largest first, e.g. 10 in 2–4 -> [4, 3, 3]. Raises ValueError if impossible."""
    if not splittable(n, min_size, max_size):
        raise ValueError(f"{n} cannot be split into groups of {min_size}-{max_size}")
    if n == 0:
        return []
    k = -(-n // max_size)
    base, extra = divmod(n, k)
    return [base + 1] * extra + [base] * (k - extra)


def largest_splittable_below(n: int, min_size: int, max_size: int) -> int:
    """The largest m <= n that is splittable (0 always is): how many of n can stay in their own groups."""
    for m in range(n, -1, -1):
        if splittable(m, min_size, max_size):
            return m
    return 0
