"""The Textual app, by feature: shell/ (the frame), reader/, lab/, quiz/, home/, consoles/<service>/."""

from __future__ import annotations
