"""Subcommands of ``courseware``: one module each, with ``register(subparsers)``."""

from __future__ import annotations
