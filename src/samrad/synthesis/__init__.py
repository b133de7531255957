"""The synthesis engine: free text in, themes, points and quotes out. Pure Python, no Django.

from samrad.synthesis import Record, Params, synthesise
result = synthesise([Record(id="1", text="Mer pengar till biblioteken", area="Bibliotek")], Params())
result.to_dict()  # the JSON document described in SCHEMA.md
"""

__version__ = "0.1.0"

from .model import (
    SCHEMA_VERSION,
    LLMConfig,
    Params,
    Quote,
    Record,
    Result,
    ResultWarning,
    Section,
    Statement,
    Theme,
)
from .pipeline import Pipeline, synthesise
from .validate import validate

__all__ = [
    "SCHEMA_VERSION",
    "LLMConfig",
    "Params",
    "Pipeline",
    "Quote",
    "Record",
    "Result",
    "ResultWarning",
    "Section",
    "Statement",
    "Theme",
    "__version__",
    "synthesise",
    "validate",
]
