"""The benchmark's helper integration, loaded only in the bench's temporary Home Assistant.

It adds N identical no-op switches, the floor view (an authenticated view that does
nothing: what Home Assistant's HTTP stack costs a request), a view that makes every
switch write a changed state (discovery as it is after the home has changed) and a view
that switches a cProfile profiler on and off inside this process. Nothing here touches Clova Home or
Alexa: the bench reaches them only over HTTP, as CLOVA and Amazon would.
"""

from __future__ import annotations

import asyncio
import cProfile
from typing import Any

from aiohttp import web
from homeassistant.components.http import KEY_HASS, HomeAssistantView
from homeassistant.core import HomeAssistant
from homeassistant.helpers.discovery import async_load_platform
from homeassistant.helpers.typing import ConfigType

from .switch import SWITCHES, BenchSwitch

DOMAIN = "clova_bench"


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """The switches and the two views."""
    count = int(config[DOMAIN]["count"])
    hass.http.register_view(FloorView())
    hass.http.register_view(ChurnView())
    hass.http.register_view(ProfileView())
    hass.async_create_task(
        async_load_platform(hass, "switch", DOMAIN, {"count": count}, config),
        eager_start=True,
    )
    return True


class FloorView(HomeAssistantView):
    """Reads the body and answers ``{}``: the least any authenticated POST costs."""

    url = "/api/clova_bench/floor"
    name = "api:clova_bench:floor"

    async def post(self, request: web.Request) -> web.Response:
        """Read the body, as the contenders do, and answer an empty object."""
        await request.read()
        return self.json({})


class ChurnView(HomeAssistantView):
    """Every bench switch writes a new state with a changed attribute; answers the count.

    Called (untimed) before each "discovery after a change" so that no appliance's
    inputs are the objects a previous discovery saw, as in a home where every entity
    changed since the last discovery. Administrators only.
    """

    url = "/api/clova_bench/churn"
    name = "api:clova_bench:churn"
    requires_auth = True

    def __init__(self) -> None:
        self._generation = 0

    async def post(self, request: web.Request) -> web.Response:
        """Rewrite all switches' states, then let the state listeners run."""
        if not request["hass_user"].is_admin:
            return self.json_message("administrators only", 403)
        await request.read()
        hass = request.app[KEY_HASS]
        self._generation += 1
        switches: list[BenchSwitch] = hass.data[SWITCHES]
        for switch in switches:
            switch.churn(self._generation)
        await asyncio.sleep(0)  # the state_changed listeners called soon
        return self.json({"changed": len(switches)})


class ProfileView(HomeAssistantView):
    """``{"action": "start"}`` / ``{"action": "stop", "path": ...}``: cProfile this process.

    The profiler sees what the event loop runs, which is the request being measured
    while the bench sends one request at a time. Administrators only.
    """

    url = "/api/clova_bench/profile"
    name = "api:clova_bench:profile"
    requires_auth = True

    def __init__(self) -> None:
        self._profiler: cProfile.Profile | None = None

    async def post(self, request: web.Request) -> web.Response:
        """Start, or stop and write the stats to ``path`` (a pstats file)."""
        if not request["hass_user"].is_admin:
            return self.json_message("administrators only", 403)
        body: dict[str, Any] = await request.json()
        if body.get("action") == "start":
            if self._profiler is None:
                self._profiler = cProfile.Profile()
                self._profiler.enable()
            return self.json({"profiling": True})
        if self._profiler is None:
            return self.json_message("not profiling", 409)
        profiler, self._profiler = self._profiler, None
        profiler.disable()
        hass = request.app[KEY_HASS]
        await hass.async_add_executor_job(profiler.dump_stats, str(body["path"]))
        return self.json({"profiling": False})
