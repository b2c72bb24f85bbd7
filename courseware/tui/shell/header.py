"""The app's header: Textual's, minus a crash when a screen closes during a title change.

Textual's ``Header`` watches the app's and screen's titles and updates its ``HeaderTitle``
child. When the title changes while the header's screen is being removed (the cloud's status
arrives as a dialog closes), the child is already gone and ``query_one`` raises ``NoMatches``,
which Textual does not catch (it only catches ``NoScreen``): the app dies. This header does the
same updates and ignores a header that is going away.
"""

from __future__ import annotations

from contextlib import suppress

from textual.css.query import NoMatches
from textual.events import Mount
from textual.widgets import Header as TextualHeader
from textual.widgets._header import HeaderTitle


class Header(TextualHeader):
    """Textual's header, safe against title changes while it is being removed."""

    def _on_mount(self, event: Mount) -> None:
        event.prevent_default()  # replaces TextualHeader._on_mount (same watchers, safe update)

        async def set_title() -> None:
            with suppress(NoMatches):  # the header is being removed with its screen
                self.query_one(HeaderTitle).update(self.format_title())

        self.watch(self.app, "title", set_title)
        self.watch(self.app, "sub_title", set_title)
        self.watch(self.screen, "title", set_title)
        self.watch(self.screen, "sub_title", set_title)
