"""A real Home Assistant for the browser test: a child process on 127.0.0.1, onboarded.

The config directory is temporary: ``configuration.yaml`` beside this file (with the port
filled in) and the repository's ``custom_components/clova_home`` linked into it. Starting,
waiting for and stopping the process, and onboarding the owner, are the live demo's
(``scripts/clova_sim``), so every harness starts Home Assistant the same way.
"""

from __future__ import annotations

import os
from pathlib import Path
import shutil
import tempfile
from types import TracebackType
from typing import Any, Self

from clova_sim.hass import HassProcess, free_port
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


class HomeAssistant:
    """``python -m homeassistant --config <temp dir>`` for the length of a ``with`` block."""

    def __init__(self, startup_timeout: float = 180) -> None:
        self.startup_timeout = startup_timeout
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.config_dir = Path(tempfile.mkdtemp(prefix="clova-browser-hass-"))
        self.token = ""
        self._process = HassProcess(DemoSettings(self.config_dir, self.port, self.url))

    # -- process ---------------------------------------------------------------------------

    def start(self) -> None:
        """Write the config, start Home Assistant, wait for it and onboard the owner."""
        template = (HERE / "configuration.yaml").read_text()
        (self.config_dir / "configuration.yaml").write_text(
            template.replace("@PORT@", str(self.port)).replace("@EXTERNAL_URL@", EXTERNAL_URL)
        )
        (self.config_dir / "custom_components").mkdir()
        (self.config_dir / "custom_components" / "clova_home").symlink_to(INTEGRATION)
        self.token, _ = start_onboarded(
            self._process, self.startup_timeout, USERNAME, PASSWORD, OWNER_NAME
        )

    def stop(self) -> None:
        """Stop Home Assistant (SIGTERM, then SIGKILL); remove the config directory."""
        try:
            self._process.stop()
        finally:
            if os.environ.get("BROWSER_TEST_KEEP_CONFIG"):
                print(f"Home Assistant's config and log kept in {self.config_dir}")
            else:
                shutil.rmtree(self.config_dir, ignore_errors=True)

    def __enter__(self) -> Self:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    def tail(self, lines: int = 30) -> str:
        """The end of Home Assistant's output, for error messages."""
        return self._process.tail(lines)

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
            {
                "message": {
                    "header": {
                        "messageId": "browser-test",
                        "namespace": "ClovaHome",
                        "name": "DiscoverAppliancesRequest",
                        "payloadVersion": "1.0",
                    },
                    "payload": {},
                }
            },
        )
        return list(answer["service_response"]["payload"]["discoveredAppliances"])


def _check(response: requests.Response, what: str) -> None:
    if not response.ok:
        raise HassError(f"{what}: HTTP {response.status_code} {response.text[:500]}")
