"""Load a consultation file (TOML) into the database: all or nothing, with messages that name the line.

from samrad.consultations.loader import load_file
consultation, report = load_file(path)      # raises LoadError listing every problem found
"""

from .errors import LoadError, Problem
from .load import load_file, load_text
from .registry import register_section

__all__ = ["LoadError", "Problem", "load_file", "load_text", "register_section"]
