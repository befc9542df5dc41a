"""A real Home Assistant for the end-to-end test: the demo home on a free port, in a temp folder.

It is started once for the session as a child process (127.0.0.1 only), onboarded and
configured exactly as ``scripts/develop`` does it, and always stopped afterwards, whether
the tests pass, fail, time out or the run is terminated.

By default it is this venv's Home Assistant (``scripts/e2e``). ``scripts/e2e --newest`` sets
``CLOVA_E2E_HASS`` to a launcher of the newest release (in a chroot) instead. Either way the
run ends with the Home Assistant version it tested and what that release reported as
deprecated in Clova Home (Python's DeprecationWarnings are turned on for it).
"""

from __future__ import annotations

import atexit
from collections.abc import Callable, Iterator
from dataclasses import dataclass
import json
import os
from pathlib import Path
import re
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

# What starts Home Assistant: a launcher given by scripts/e2e --newest, or this venv's.
HASS_COMMAND = os.environ.get("CLOVA_E2E_HASS")
HASS_LABEL = os.environ.get("CLOVA_E2E_HASS_LABEL", HASS_COMMAND or "this venv")
# Deprecations reach Home Assistant's log: its own reports ("... will stop working in ...")
# and, with this, Python's DeprecationWarnings (Home Assistant logs warnings as py.warnings).
HASS_ENV = {"PYTHONWARNINGS": "default::DeprecationWarning,default::PendingDeprecationWarning"}

# Filled in while the session runs, printed at its end (pytest_terminal_summary).
REPORT: dict[str, Any] = {"version": None, "deprecations": None, "all_deprecations": None}


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
    version: str

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
    if HASS_COMMAND is None:
        ensure_frontend()  # the launcher's Home Assistant brings its own
    key = keys.ensure_key_pair(settings.keys_dir)
    hass = HassProcess(
        settings, command=[HASS_COMMAND] if HASS_COMMAND else None, extra_env=HASS_ENV
    )
    atexit.register(hass.stop)  # a last resort if the run is torn down unusually
    try:
        started = time.monotonic()
        token, _ = provision.start_onboarded(
            hass, STARTUP_TIMEOUT, OWNER_USERNAME, OWNER_PASSWORD, OWNER_NAME
        )
        api = provision.RestApi(settings.base_url, token)
        _, exposed = provision.configure(api, config_dir, keys.public_pem(key))
        version = str(api.get("/api/config")["version"])
        REPORT["version"] = version
        print(
            f"\nHome Assistant {version} ({HASS_LABEL}): demo home up and configured in "
            f"{time.monotonic() - started:.1f} s: {config_dir}"
        )
        yield DemoHome(settings, api, hass, exposed, version)
    finally:
        code = hass.stop()
        print(f"\nHome Assistant stopped (exit code {code}); its log: {settings.log_file}")


# --- what Home Assistant reported as deprecated ---------------------------------------------

# A log record starts with a time stamp; a warning Python printed itself (before Home Assistant
# set up logging) with "path:line: SomeWarning: message".
RECORD_START = re.compile(r"^(\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}|\S+:\d+: \w*Warning: )")
DEPRECATION = re.compile(
    r"deprecat|will stop working|no longer (be )?supported|will be removed", re.IGNORECASE
)


def log_records(*paths: Path) -> list[str]:
    """The records of Home Assistant's log files: a record's first line and the lines after."""
    records: list[str] = []
    for path in paths:
        try:
            lines = path.read_text(errors="replace").splitlines()
        except FileNotFoundError:
            continue
        first = len(records)  # a file's first lines never continue another file's record
        for line in lines:
            if RECORD_START.match(line) or len(records) == first:
                records.append(line)
            else:
                records[-1] += "\n" + line
    return records


def deprecations(*paths: Path) -> list[str]:
    """Records about a deprecation, from anywhere (a record logged twice at once listed once)."""
    return list(dict.fromkeys(r for r in log_records(*paths) if DEPRECATION.search(r)))


def clova_home_deprecations(*paths: Path) -> list[str]:
    """Records about a deprecation that name Clova Home (its domain or its files)."""
    return [record for record in deprecations(*paths) if "clova_home" in record]


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Which Home Assistant was tested, and what it reported as deprecated in Clova Home."""
    if REPORT["version"] is None:
        return
    terminalreporter.section(f"Home Assistant {REPORT['version']} ({HASS_LABEL})")
    ours = REPORT["deprecations"]
    if ours is None:
        terminalreporter.write_line("deprecations: not checked (the check did not run)")
        return
    terminalreporter.write_line(
        f"deprecation notices in Home Assistant's log: {REPORT['all_deprecations']} in all, "
        f"{len(ours) or 'none'} for clova_home"
    )
    for record in ours:
        terminalreporter.write_line(record)
