"""samrad: run a public consultation from invitation to published result and follow-up."""

__version__ = "0.1.0"
