"""A real Home Assistant as a child process: start it, wait for it, always stop it."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
import contextlib
import importlib.util
import json
import os
from pathlib import Path
import signal
import socket
import subprocess
import sys
import time
from types import TracebackType
from typing import IO, Self

from clova_sim import web
from clova_sim.settings import DemoSettings


class HassStartError(Exception):
    """Home Assistant did not come up (or died); the message holds its last output."""


def ensure_frontend() -> None:
    """Install the frontend Home Assistant pins, when this environment lacks it.

    The test requirements do not include it, but Home Assistant always sets up ``frontend``
    and falls back to recovery mode (no custom integrations) without it.
    """
    if importlib.util.find_spec("hass_frontend") is not None:
        return
    spec = importlib.util.find_spec("homeassistant")
    if spec is None or spec.origin is None:
        raise HassStartError("Home Assistant is not installed here: run scripts/setup")
    manifest = Path(spec.origin).parent / "components" / "frontend" / "manifest.json"
    requirements = json.loads(manifest.read_text())["requirements"]
    print(f"Installing Home Assistant's frontend ({', '.join(requirements)}) ...", flush=True)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--disable-pip-version-check",
            *requirements,
        ],
        check=True,
    )


def port_in_use(port: int) -> bool:
    """True when something already listens on 127.0.0.1:``port``."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.settimeout(1)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class HassProcess:
    """``hass --config <demo>`` in its own process group, its output in a file.

    Use it as a context manager: the process is stopped on the way out whatever happened.
    """

    def __init__(
        self,
        settings: DemoSettings,
        console_log: Path | None = None,
        *,
        command: Sequence[str] | None = None,
        extra_env: Mapping[str, str] | None = None,
    ) -> None:
        """``command`` starts Home Assistant (default: ``python -m homeassistant``, this Python).

        Its arguments (``--config`` ...) follow it; scripts/e2e-newest passes a launcher that
        runs the newest release in a chroot. ``extra_env`` is added to its environment.
        """
        self.settings = settings
        self.console_log = console_log or settings.config_dir / "hass-console.log"
        self.command = list(command or (sys.executable, "-m", "homeassistant"))
        self.extra_env = dict(extra_env or {})
        self.process: subprocess.Popen[bytes] | None = None
        self._output: IO[bytes] | None = None

    def start(self, extra_env: Mapping[str, str] | None = None) -> None:
        """Start Home Assistant (``--skip-pip``: the demo needs nothing from the internet)."""
        if port_in_use(self.settings.port):
            raise HassStartError(
                f"port {self.settings.port} on 127.0.0.1 is already in use "
                "(another scripts/develop?); stop it or set CLOVA_DEMO_PORT"
            )
        env = {**os.environ, **self.settings.environ(), **self.extra_env, **(extra_env or {})}
        self._output = self.console_log.open("wb")
        self.process = subprocess.Popen(
            [
                *self.command,
                "--config",
                str(self.settings.config_dir),
                "--skip-pip",
                "--log-no-color",
            ],
            stdin=subprocess.DEVNULL,
            stdout=self._output,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,  # its own group: stopping it reaches its children too
        )

    def wait_http(self, timeout: float) -> float:
        """Wait until the HTTP server answers; return the seconds it took."""
        started = time.monotonic()
        deadline = started + timeout
        while time.monotonic() < deadline:
            self.check_alive()
            try:
                web.call("GET", f"{self.settings.base_url}/auth/providers", timeout=2)
            except web.UnreachableError:
                time.sleep(0.25)
                continue
            return time.monotonic() - started
        raise HassStartError(f"Home Assistant did not answer within {timeout:.0f} s\n{self.tail()}")

    def wait_running(self, token: str, timeout: float) -> float:
        """Wait until Home Assistant reports it has finished starting."""
        started = time.monotonic()
        deadline = started + timeout
        state = "?"
        while time.monotonic() < deadline:
            self.check_alive()
            resp = web.call("GET", f"{self.settings.base_url}/api/config", token=token, timeout=5)
            if resp.ok:
                state = str(resp.json().get("state"))
                if state == "RUNNING":
                    return time.monotonic() - started
            time.sleep(0.25)
        raise HassStartError(f"Home Assistant stayed {state!r} for {timeout:.0f} s\n{self.tail()}")

    def check_alive(self) -> None:
        """Raise :class:`HassStartError` when the process has exited."""
        if self.process is not None and self.process.poll() is not None:
            raise HassStartError(
                f"Home Assistant exited with code {self.process.returncode}\n{self.tail()}"
            )

    def tail(self, lines: int = 40) -> str:
        """The last lines of its console output."""
        try:
            text = self.console_log.read_text(errors="replace")
        except FileNotFoundError:
            return ""
        return "\n".join(text.splitlines()[-lines:])

    def stop(self, timeout: float = 30) -> int | None:
        """Ask it to stop (SIGTERM), kill its group past ``timeout``; return its exit code."""
        process = self.process
        if process is None:
            return None
        try:
            if process.poll() is None:
                _signal_group(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout)
                except (subprocess.TimeoutExpired, KeyboardInterrupt):
                    _signal_group(process.pid, signal.SIGKILL)
                    process.wait(10)
            # Anything it started that outlived it goes too.
            _signal_group(process.pid, signal.SIGKILL)
        finally:
            if self._output is not None:
                self._output.close()
        return process.returncode

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


def _signal_group(pid: int, sig: signal.Signals) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, sig)
