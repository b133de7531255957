"""The synthesis engine: free text in, themes, points and quotes out. Pure Python, no Django.

    from samrad.synthesis import Record, Params, synthesise
    result = synthesise([Record(id="1", text="Mer pengar till biblioteken", area="Bibliotek")], Params())
    result.to_dict()  # the JSON document described in SCHEMA.md
"""

__version__ = "0.1.0"

from .model import LLMConfig, Params, Record, Result  # noqa: E402
from .pipeline import synthesise  # noqa: E402

__all__ = ["LLMConfig", "Params", "Record", "Result", "synthesise", "__version__"]
