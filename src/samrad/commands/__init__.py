"""Subcommands of `samrad`. Each module: help() -> str, add_arguments(parser), run(args) -> int."""
