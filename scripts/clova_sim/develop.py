"""scripts/develop: a real Home Assistant with the demo home and Clova Home, ready to try.

It generates the demo signing key on first run, starts Home Assistant from ``demo/``
(listening on 127.0.0.1 only), creates the owner and configures Clova Home through the REST
API, prints what to do next and then shows Home Assistant's log until Ctrl-C.
"""

from __future__ import annotations

import argparse
from dataclasses import replace
from pathlib import Path
import shutil
import signal
import sys
import time
from types import FrameType

from clova_sim import keys, provision
from clova_sim.hass import HassProcess, HassStartError, ensure_frontend
from clova_sim.settings import (
    OWNER_NAME,
    OWNER_PASSWORD,
    OWNER_USERNAME,
    REPO,
    DemoSettings,
)
from clova_sim.state import SimState

STARTUP_TIMEOUT = 180.0
COMMITTED = {".gitignore", "configuration.yaml", "custom_components", "README.md"}


def main(argv: list[str] | None = None) -> int:
    """Run the demo until interrupted."""
    parser = argparse.ArgumentParser(prog="scripts/develop", description=__doc__)
    parser.add_argument("--port", type=int, help="port on 127.0.0.1 (default 8123)")
    parser.add_argument(
        "--reset",
        action="store_true",
        help="delete the demo's runtime files (owner, entries, keys, tokens) first",
    )
    parser.add_argument(
        "--quiet", action="store_true", help="do not show Home Assistant's log after startup"
    )
    args = parser.parse_args(argv)

    settings = DemoSettings.from_env()
    if args.port:
        settings = replace(settings, port=args.port, base_url=f"http://127.0.0.1:{args.port}")
    if args.reset:
        reset(settings.config_dir)
    # A plain `kill` should stop Home Assistant as Ctrl-C does.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return run(settings, follow=not args.quiet)
    except (HassStartError, provision.SetupError) as err:
        print(f"scripts/develop: {err}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 0


def _interrupt(signum: int, frame: FrameType | None) -> None:
    raise KeyboardInterrupt


def reset(config_dir: Path) -> None:
    """Remove everything in the demo folder that is not committed."""
    for path in config_dir.iterdir():
        if path.name in COMMITTED:
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        else:
            path.unlink()
    print(f"Reset {_show(config_dir)}.")


def run(settings: DemoSettings, *, follow: bool) -> int:
    """Start, set up, announce, then follow the log until Home Assistant stops."""
    ensure_frontend()
    key = keys.ensure_key_pair(settings.keys_dir)
    started = time.monotonic()
    print(f"Starting Home Assistant from {_show(settings.config_dir)} on {settings.base_url} ...")
    with HassProcess(settings) as hass:
        token, created = provision.start_onboarded(
            hass, STARTUP_TIMEOUT, OWNER_USERNAME, OWNER_PASSWORD, OWNER_NAME
        )
        api = provision.RestApi(settings.base_url, token)
        _, exposed = provision.configure(api, settings.config_dir, keys.public_pem(key))
        # Point scripts/clova at this port; tokens it holds stay valid (same .storage).
        state = SimState.load(settings.state_file)
        if state.base_url != settings.base_url:
            state.base_url = settings.base_url
            state.save(settings.state_file)
        print(banner(settings, exposed, created, time.monotonic() - started), flush=True)
        try:
            return _follow(hass, show=follow)
        except KeyboardInterrupt:
            print("\nStopping Home Assistant ...", flush=True)
            return 0


def banner(settings: DemoSettings, exposed: tuple[str, ...], created: bool, took: float) -> str:
    """What to do next."""
    owner = "created now" if created else "created earlier"
    return f"""
Home Assistant is running with the Clova Home demo ({took:.0f} s): {settings.base_url}
  Log in as {OWNER_USERNAME} / {OWNER_PASSWORD} (the owner, {owner}).
  Clova Home (Korea) sees {len(exposed)} demo entities; it trusts the demo signing key in
  {_show(settings.keys_dir)}/. Its log: {_show(settings.log_file)}

Play CLOVA from another terminal:
  scripts/clova link                        # account linking, as the CLOVA app does it
  scripts/clova discover
  scripts/clova turn-on "Ceiling Lights"
  scripts/clova set-temperature Hvac 24
  scripts/clova lock "Front Door"           # then: scripts/clova unlock "Front Door"
  scripts/clova raw '{{"header": {{"name": "HealthCheckRequest"}}, "payload": {{}}}}'
  scripts/clova --help

Ctrl-C stops Home Assistant.
"""


def _follow(hass: HassProcess, *, show: bool) -> int:
    """Print Home Assistant's new output until it exits."""
    process = hass.process
    assert process is not None
    with hass.console_log.open("rb") as log:
        log.seek(0, 2)
        while process.poll() is None:
            chunk = log.read()
            if chunk and show:
                sys.stdout.write(chunk.decode(errors="replace"))
                sys.stdout.flush()
            time.sleep(0.5)
    return process.returncode or 0


def _show(path: Path) -> str:
    """A path relative to the repository when it is inside it."""
    try:
        return str(path.relative_to(REPO))
    except ValueError:
        return str(path)


if __name__ == "__main__":
    raise SystemExit(main())
