"""``serve --class``: textual-serve behind a join page and a session cookie.

Nothing but ``/join`` and the static files is served without a valid session token (the
cookie, or ``?session=`` once, which sets it). Joining with the class code and a name, or a
roster learner's personal ``/join?invite=…`` link, makes the learner's account (first time
only) and a session; tokens are kept hashed in the class folder, so a reload or a server
restart keeps the learner in the same account. Each websocket starts the app as that learner.
"""

from __future__ import annotations

import asyncio
import hmac
import html
import logging
import shlex
import sys
from typing import Any

from aiohttp import web
from textual_serve.app_service import AppService
from textual_serve.server import Server, to_int

from courseware.cloud.accounts import create_account
from courseware.cloud.endpoint import Endpoint
from courseware.course.classroom import ClassError, ClassRoom, Learner

COOKIE = "courseware_session"
OPEN_PATHS = ("/join", "/static/")
log = logging.getLogger(__name__)

_FORM = """<!doctype html><html><head><meta charset="utf-8"><title>Join {cls}</title></head>
<body style="font-family:sans-serif;max-width:28em;margin:4em auto">
<h1>Join class {cls}</h1><p style="color:#b00">{error}</p>
<form method="post" action="/join">
<p><label>Class code<br><input name="code" value="{code}" required autocomplete="off"></label></p>
<p><label>Your name<br><input name="name" required maxlength="60"></label></p>
<p><button type="submit">Join</button></p></form></body></html>"""


class ClassServer(Server):
    """A textual-serve server where every app process belongs to one session's learner."""

    def __init__(self, room: ClassRoom, endpoint: Endpoint, **kwargs: Any) -> None:
        super().__init__(f"{shlex.quote(sys.executable)} -m courseware", **kwargs)
        self.room = room
        self.endpoint = endpoint
        self._joining = asyncio.Lock()

    def command_for(self, who: str) -> str:
        """The app command for a session of ``who`` (a learner id or the instructor)."""
        module = "courseware.commands._class_app"
        return f"{shlex.quote(sys.executable)} -m {module} {shlex.quote(self.room.name)} {shlex.quote(who)}"

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self._guard)
        app.router.add_get("/join", self.handle_join_page)
        app.router.add_post("/join", self.handle_join)
        app.router.add_get("/whoami", self.handle_whoami)
        return app

    def who(self, request: web.Request) -> str | None:
        """The learner id (or instructor) of the request's session, None without a valid one."""
        return self.room.session(
            request.cookies.get(COOKIE, "") or request.query.get("session", "")
        )

    @web.middleware
    async def _guard(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path.startswith(OPEN_PATHS):
            response: web.StreamResponse = await handler(request)
            return response
        token = request.query.get("session", "")
        if token and self.room.session(token) is not None:
            raise self._signed_in(token)  # the token leaves the address bar at once
        if self.who(request) is None:
            if request.path == "/" and request.method == "GET":
                raise web.HTTPSeeOther("/join")
            raise web.HTTPUnauthorized(text="no valid session: join the class first at /join\n")
        response = await handler(request)
        return response

    def _signed_in(self, token: str) -> web.HTTPSeeOther:
        response = web.HTTPSeeOther("/")
        secure = self.public_url.startswith("https")
        response.set_cookie(
            COOKIE, token, max_age=60 * 60 * 24 * 60, httponly=True, samesite="Lax", secure=secure
        )
        return response

    async def handle_join_page(self, request: web.Request) -> web.StreamResponse:
        """The join form; an invite link signs its learner in at once."""
        invite = request.query.get("invite", "")
        if invite:
            learner_id = self.room.redeem(invite)
            if learner_id is None:
                return self._form("This invite link is not valid for this class.", status=403)
            return await self._join(self.room.learner(learner_id))
        return self._form("", code=request.query.get("code", ""))

    async def handle_join(self, request: web.Request) -> web.StreamResponse:
        """Join with the class code and a name."""
        form = await request.post()
        code, name = str(form.get("code", "")).strip().upper(), str(form.get("name", ""))
        if not hmac.compare_digest(code.encode(), self.room.code.encode()):
            return self._form("That class code is not right.", status=403)
        try:
            learner = self.room.add_learner(name)
        except ClassError as exc:
            return self._form(str(exc), code=code, status=400)
        return await self._join(learner)

    async def _join(self, learner: Learner) -> web.StreamResponse:
        async with self._joining:  # one account made at a time
            if learner.creds is None:
                creds = await asyncio.get_running_loop().run_in_executor(
                    None, create_account, self.endpoint, self.room.taken_accounts()
                )
                learner = self.room.set_account(learner.id, creds)
        raise self._signed_in(self.room.new_session(learner.id))

    async def handle_whoami(self, request: web.Request) -> web.StreamResponse:
        """The session's learner and account (the page's own check; no secrets)."""
        who = self.who(request) or ""
        if who.startswith("@"):
            return web.json_response({"learner": who, "account": ""})
        learner = self.room.learner(who)
        account = learner.creds.account_id if learner.creds else ""
        return web.json_response({"learner": learner.id, "name": learner.name, "account": account})

    def _form(self, error: str, code: str = "", status: int = 200) -> web.Response:
        page = _FORM.format(
            cls=html.escape(self.room.name), error=html.escape(error), code=html.escape(code)
        )
        return web.Response(text=page, content_type="text/html", status=status)

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """textual-serve's websocket handler, starting the app as the session's learner."""
        who = self.who(request)
        if who is None:
            raise web.HTTPUnauthorized(text="no valid session\n")
        websocket = web.WebSocketResponse(heartbeat=15)
        width = to_int(request.query.get("width", "80"), 80)
        height = to_int(request.query.get("height", "24"), 24)
        app_service: AppService | None = None
        try:
            await websocket.prepare(request)
            app_service = AppService(
                self.command_for(who),
                write_bytes=websocket.send_bytes,
                write_str=websocket.send_str,
                close=websocket.close,  # type: ignore[arg-type]  # as textual-serve passes it
                download_manager=self.download_manager,
                debug=self.debug,
            )
            await app_service.start(width, height)
            await self._process_messages(websocket, app_service)
        except asyncio.CancelledError:
            await websocket.close()
        except Exception as error:
            log.exception(error)
        finally:
            if app_service is not None:
                await app_service.stop()
        return websocket
