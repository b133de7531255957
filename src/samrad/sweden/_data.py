"""Read the shipped data files once per process."""

import json
from functools import cache
from importlib import resources


@cache
def load(name: str) -> dict:
    return json.loads(resources.files("samrad.sweden").joinpath("data", name).read_text(encoding="utf-8"))
