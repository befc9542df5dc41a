"""A real Home Assistant for the browser test: a child process on 127.0.0.1, onboarded.

The config directory is temporary: ``configuration.yaml`` beside this file (with the port
filled in) and the repository's ``custom_components/clova_home`` linked into it. Starting,
waiting for and stopping the process, and onboarding the owner, are the live demo's
(``scripts/clova_sim``: :class:`HassProcess` and :func:`start_onboarded`), so every harness
starts and stops Home Assistant the same way; what is left here is the config and the REST
calls the test makes.
"""

from __future__ import annotations

from collections.abc import Iterator
import contextlib
from dataclasses import dataclass
import os
from pathlib import Path
import shutil
import tempfile
from typing import Any

from clova_sim.hass import HassProcess, free_port
from clova_sim.messages import request
from clova_sim.provision import start_onboarded
from clova_sim.settings import DemoSettings
import requests

HERE = Path(__file__).resolve().parent
INTEGRATION = HERE.parent / "custom_components" / "clova_home"

# The external URL Home Assistant is told it has, so the console values show no warning.
EXTERNAL_URL = "https://my-home.example.com"
OWNER_NAME = "Browser Test"
USERNAME = "owner"
PASSWORD = "correct horse battery staple"  # a throwaway account of a throwaway instance


class HassError(Exception):
    """Home Assistant did not answer as expected; holds what it said."""


@dataclass(frozen=True)
class HomeAssistant:
    """The running Home Assistant (see :func:`running_home`) and its owner's token."""

    process: HassProcess
    token: str

    @property
    def url(self) -> str:
        """Where it listens (127.0.0.1, a free port)."""
        return self.process.settings.base_url

    def tail(self, lines: int = 30) -> str:
        """The end of Home Assistant's output, for error messages."""
        return self.process.tail(lines)

    # -- REST ---------------------------------------------------------------------------------

    def api(self, method: str, path: str, body: Any = None) -> Any:
        """Call the REST API as the owner; the decoded JSON answer."""
        response = requests.request(
            method,
            self.url + path,
            json=body,
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=30,
        )
        _check(response, f"{method} {path}")
        return response.json() if response.content else None

    def config_entries(self, domain: str) -> list[dict[str, Any]]:
        """The config entries of ``domain``."""
        return list(self.api("GET", f"/api/config/config_entries/entry?domain={domain}"))

    def remove_config_entries(self, domain: str) -> None:
        """Delete every config entry of ``domain``."""
        for entry in self.config_entries(domain):
            self.api("DELETE", f"/api/config/config_entries/entry/{entry['entry_id']}")

    def diagnostics(self, entry_id: str) -> dict[str, Any]:
        """The config entry's diagnostics (what the integration reports about itself)."""
        answer = self.api("GET", f"/api/diagnostics/config_entry/{entry_id}")
        return dict(answer["data"])

    def clova_discovery(self) -> list[dict[str, Any]]:
        """The appliances a Clova discovery lists, through ``clova_home.process_request``."""
        answer = self.api(
            "POST",
            "/api/services/clova_home/process_request?return_response",
            {"message": request("DiscoverAppliances")},
        )
        return list(answer["service_response"]["payload"]["discoveredAppliances"])


@contextlib.contextmanager
def running_home(startup_timeout: float = 180) -> Iterator[HomeAssistant]:
    """``python -m homeassistant --config <temp dir>``, onboarded, for a ``with`` block.

    Home Assistant is stopped on the way out whatever happened (SIGTERM, then SIGKILL), and
    the config directory removed unless ``BROWSER_TEST_KEEP_CONFIG`` is set.
    """
    port = free_port()
    config_dir = Path(tempfile.mkdtemp(prefix="clova-browser-hass-"))
    try:
        template = (HERE / "configuration.yaml").read_text()
        (config_dir / "configuration.yaml").write_text(
            template.replace("@PORT@", str(port)).replace("@EXTERNAL_URL@", EXTERNAL_URL)
        )
        (config_dir / "custom_components").mkdir()
        (config_dir / "custom_components" / "clova_home").symlink_to(INTEGRATION)
        settings = DemoSettings(config_dir, port, f"http://127.0.0.1:{port}")
        with HassProcess(settings) as process:
            token, _ = start_onboarded(process, startup_timeout, USERNAME, PASSWORD, OWNER_NAME)
            yield HomeAssistant(process, token)
    finally:
        if os.environ.get("BROWSER_TEST_KEEP_CONFIG"):
            print(f"Home Assistant's config and log kept in {config_dir}")
        else:
            shutil.rmtree(config_dir, ignore_errors=True)


def _check(response: requests.Response, what: str) -> None:
    if not response.ok:
        raise HassError(f"{what}: HTTP {response.status_code} {response.text[:500]}")
