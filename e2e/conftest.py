"""A real Home Assistant for the end-to-end test: the demo home on a free port, in a temp folder.

It is started once for the session as a child process (127.0.0.1 only), onboarded and
configured exactly as ``scripts/develop`` does it, and always stopped afterwards, whether
the tests pass, fail, time out or the run is terminated.
"""

from __future__ import annotations

import atexit
from collections.abc import Callable, Iterator
from dataclasses import dataclass
import json
import os
from pathlib import Path
import shutil
import signal
import subprocess
import sys
import time
from types import FrameType
from typing import Any

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "scripts"))

from clova_sim import keys, provision  # noqa: E402
from clova_sim.hass import HassProcess, ensure_frontend, free_port  # noqa: E402
from clova_sim.settings import (  # noqa: E402
    OWNER_NAME,
    OWNER_PASSWORD,
    OWNER_USERNAME,
    DemoSettings,
)

STARTUP_TIMEOUT = 180.0  # seconds for Home Assistant to answer, and again to finish starting
CLI_TIMEOUT = 60.0  # seconds for one scripts/clova run (its HTTP requests have 15 s each)


def _terminate(signum: int, frame: FrameType | None) -> None:
    # `timeout` in scripts/e2e sends SIGTERM: unwind so that the fixture stops Home Assistant.
    raise KeyboardInterrupt


signal.signal(signal.SIGTERM, _terminate)


@dataclass(frozen=True)
class CliResult:
    """One ``scripts/clova --json`` run."""

    code: int
    data: dict[str, Any]
    stderr: str

    @property
    def name(self) -> str:
        """The Clova answer's header name."""
        return str(self.data["answer"]["header"]["name"])

    @property
    def payload(self) -> dict[str, Any]:
        """The Clova answer's payload."""
        return dict(self.data["answer"]["payload"])


@dataclass(frozen=True)
class DemoHome:
    """The running demo home, its owner's REST API and the simulator's command line."""

    settings: DemoSettings
    api: provision.RestApi
    hass: HassProcess
    exposed: tuple[str, ...]

    def clova(self, *args: str, state: Path | None = None) -> CliResult:
        """Run ``scripts/clova --json ARGS`` against this home."""
        extra = ["--state", str(state)] if state is not None else []
        env = {
            **os.environ,
            "CLOVA_DEMO_DIR": str(self.settings.config_dir),
            "CLOVA_DEMO_PORT": str(self.settings.port),
        }
        done = subprocess.run(
            [str(REPO / "scripts" / "clova"), "--json", *extra, *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=CLI_TIMEOUT,
            check=False,
        )
        try:
            data = json.loads(done.stdout)
        except ValueError:
            pytest.fail(f"scripts/clova {args} printed no JSON:\n{done.stdout}\n{done.stderr}")
        return CliResult(done.returncode, data, done.stderr)

    def state(self, entity_id: str) -> dict[str, Any]:
        """An entity's state, read through Home Assistant's REST API as the owner."""
        return dict(self.api.get(f"/api/states/{entity_id}"))

    def wait_state(
        self, entity_id: str, check: Callable[[dict[str, Any]], bool], timeout: float = 10
    ) -> dict[str, Any]:
        """Poll the entity until ``check`` passes (demo devices take a moment to move)."""
        deadline = time.monotonic() + timeout
        state = self.state(entity_id)
        while not check(state) and time.monotonic() < deadline:
            time.sleep(0.2)
            state = self.state(entity_id)
        return state

    def wait_for(self, entity_id: str, wanted: str) -> str:
        """Poll until the entity's state is ``wanted``; return the last state seen."""
        return str(self.wait_state(entity_id, lambda state: state["state"] == wanted)["state"])


@pytest.fixture(scope="session")
def demo_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[DemoHome]:
    """Start, onboard and configure the demo home; stop it at the end, always."""
    config_dir = tmp_path_factory.mktemp("demo-home")
    shutil.copy(REPO / "demo" / "configuration.yaml", config_dir / "configuration.yaml")
    (config_dir / "custom_components").symlink_to(REPO / "custom_components")
    port = free_port()
    settings = DemoSettings(config_dir, port, f"http://127.0.0.1:{port}")
    ensure_frontend()
    key = keys.ensure_key_pair(settings.keys_dir)
    hass = HassProcess(settings)
    atexit.register(hass.stop)  # a last resort if the run is torn down unusually
    try:
        started = time.monotonic()
        token, _ = provision.start_onboarded(
            hass, STARTUP_TIMEOUT, OWNER_USERNAME, OWNER_PASSWORD, OWNER_NAME
        )
        api = provision.RestApi(settings.base_url, token)
        _, exposed = provision.configure(api, config_dir, keys.public_pem(key))
        print(f"\ndemo home up and configured in {time.monotonic() - started:.1f} s: {config_dir}")
        yield DemoHome(settings, api, hass, exposed)
    finally:
        code = hass.stop()
        print(f"\nHome Assistant stopped (exit code {code}); its log: {settings.log_file}")
