"""The embedded AWS: moto's server on loopback plus our own Lambda runtime.

Nothing in this package imports Textual or Rich; the UI sits on top of it.
"""

from __future__ import annotations
