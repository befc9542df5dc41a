"""A real Home Assistant for the browser test: a child process on 127.0.0.1, onboarded.

The config directory is temporary: ``configuration.yaml`` beside this file (with the port
filled in) and the repository's ``custom_components/clova_home`` linked into it.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
from pathlib import Path
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from types import TracebackType
from typing import IO, Any, Self

import requests

HERE = Path(__file__).resolve().parent
INTEGRATION = HERE.parent / "custom_components" / "clova_home"

# The external URL Home Assistant is told it has, so the console values show no warning.
EXTERNAL_URL = "https://my-home.example.com"
OWNER_NAME = "Browser Test"
USERNAME = "owner"
PASSWORD = "correct horse battery staple"  # a throwaway account of a throwaway instance


def _die_with_parent() -> None:
    """In the child: SIGTERM when the test process dies, even by SIGKILL (Linux only)."""
    # Not Linux: no prctl; stop() and the SIGTERM handler in conftest.py still stop it.
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class HassError(Exception):
    """Home Assistant did not start or did not answer as expected; holds its last output."""


def free_port() -> int:
    """A TCP port on 127.0.0.1 that is free right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class HomeAssistant:
    """``python -m homeassistant --config <temp dir>`` for the length of a ``with`` block."""

    def __init__(self, startup_timeout: float = 180) -> None:
        self.startup_timeout = startup_timeout
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.config_dir = Path(tempfile.mkdtemp(prefix="clova-browser-hass-"))
        self.log_path = self.config_dir / "hass-output.log"
        self.token = ""
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    # -- process ---------------------------------------------------------------------------

    def start(self) -> None:
        """Write the config, start Home Assistant, wait for it and onboard the owner."""
        template = (HERE / "configuration.yaml").read_text()
        (self.config_dir / "configuration.yaml").write_text(
            template.replace("@PORT@", str(self.port)).replace("@EXTERNAL_URL@", EXTERNAL_URL)
        )
        (self.config_dir / "custom_components").mkdir()
        (self.config_dir / "custom_components" / "clova_home").symlink_to(INTEGRATION)
        self._log = self.log_path.open("wb")
        self._process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "homeassistant",
                "--config",
                str(self.config_dir),
                "--skip-pip",  # everything it needs is installed; never reach for the network
                "--log-no-color",
            ],
            stdin=subprocess.DEVNULL,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # a process group of its own, so stop() reaches it all
            preexec_fn=_die_with_parent,  # noqa: PLW1509 - only a prctl, no locks taken
        )
        deadline = time.monotonic() + self.startup_timeout
        self._wait_for(lambda: self._answers("/api/onboarding"), deadline, "its HTTP server")
        self.token = self._onboard()
        self._wait_for(self._running, deadline, "state RUNNING")

    def stop(self) -> None:
        """SIGTERM, then SIGKILL after 30 s; remove the config directory."""
        process = self._process
        try:
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(10)
        finally:
            if self._log is not None:
                self._log.close()
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
        try:
            text = self.log_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def _wait_for(self, ready: Any, deadline: float, what: str) -> None:
        while time.monotonic() < deadline:
            if self._process is not None and self._process.poll() is not None:
                raise HassError(
                    f"Home Assistant exited ({self._process.returncode}):\n{self.tail()}"
                )
            if ready():
                return
            time.sleep(0.5)
        raise HassError(f"Home Assistant did not reach {what} in time:\n{self.tail()}")

    def _answers(self, path: str) -> bool:
        try:
            return bool(requests.get(self.url + path, timeout=5).ok)
        except requests.ConnectionError:
            return False

    def _running(self) -> bool:
        return bool(self.api("GET", "/api/config").get("state") == "RUNNING")

    # -- onboarding --------------------------------------------------------------------------

    def _onboard(self) -> str:
        """Create the owner and finish every onboarding step, as the onboarding pages would."""
        client_id = f"{self.url}/"
        created = requests.post(
            f"{self.url}/api/onboarding/users",
            json={
                "client_id": client_id,
                "name": OWNER_NAME,
                "username": USERNAME,
                "password": PASSWORD,
                "language": "en",
            },
            timeout=30,
        )
        _check(created, "onboarding: create the owner")
        tokens = requests.post(
            f"{self.url}/auth/token",
            data={
                "grant_type": "authorization_code",
                "code": created.json()["auth_code"],
                "client_id": client_id,
            },
            timeout=30,
        )
        _check(tokens, "onboarding: token for the owner")
        self.token = str(tokens.json()["access_token"])
        self.api("POST", "/api/onboarding/core_config")
        self.api("POST", "/api/onboarding/analytics")
        self.api(
            "POST",
            "/api/onboarding/integration",
            {"client_id": client_id, "redirect_uri": f"{self.url}/?auth_callback=1"},
        )
        return self.token

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
