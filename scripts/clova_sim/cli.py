"""scripts/clova: play CLOVA (CEK) against the demo Home Assistant.

Link an account exactly as the CLOVA app and CEK do (OAuth authorization code with Clova's
client ID), then send signed Clova Home messages. Appliances are named by their Clova name
("Ceiling Lights"), their entity_id or their applianceId.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
import json
from pathlib import Path
import sys
import time
from typing import Any
import uuid

from clova_sim import oauth, show, web
from clova_sim.client import AmbiguousTargetError, Exchange, NotLinkedError, Simulator
from clova_sim.keys import PRIVATE_KEY_FILE, load_private_key
from clova_sim.messages import NAMESPACE, PAYLOAD_VERSION
from clova_sim.settings import OWNER_PASSWORD, OWNER_USERNAME, DemoSettings

# Exit codes: an answer that is a Clova error (or not HTTP 200), and a local problem
# (not linked, Home Assistant unreachable, linking refused).
EXIT_ERROR_ANSWER = 1
EXIT_PROBLEM = 3

EPILOG = """examples:
  scripts/clova link
  scripts/clova discover
  scripts/clova turn-on "Ceiling Lights"
  scripts/clova set-temperature climate.hvac 24
  scripts/clova get Hvac TargetTemperature
  scripts/clova send SetFanSpeed "Living Room Fan" '{"fanSpeed": {"value": 2}}'
  scripts/clova raw '{"header": {"name": "HealthCheckRequest"}, "payload": {}}'
  scripts/clova --json discover

The state file (tokens, last discovery) is demo/.clova-sim.json unless --state says
otherwise; CLOVA_DEMO_DIR, CLOVA_DEMO_PORT and CLOVA_SIM_URL change the defaults."""


def build_parser() -> argparse.ArgumentParser:
    """The command line."""
    parser = argparse.ArgumentParser(
        prog="scripts/clova",
        description=__doc__,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--json", action="store_true", help="print JSON instead of text")
    parser.add_argument(
        "--url", help="Home Assistant's URL (default: the state file's, else http://127.0.0.1:8123)"
    )
    parser.add_argument("--state", type=Path, help="the state file (tokens, last discovery)")
    parser.add_argument("--key", type=Path, help="the private key that signs the messages")
    parser.add_argument("--token", help="send this access token (no refreshing)")
    parser.add_argument(
        "--no-refresh", action="store_true", help="do not refresh an expired access token"
    )
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds per HTTP request")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    link = commands.add_parser("link", help="link an account (OAuth, as CEK does)")
    link.add_argument("--username", default=OWNER_USERNAME)
    link.add_argument("--password", default=OWNER_PASSWORD)
    unlink = commands.add_parser("unlink", help="revoke the refresh token and forget it")
    unlink.add_argument("--no-revoke", action="store_true", help="only forget the tokens")
    commands.add_parser("refresh", help="get a new access token with the refresh token")
    commands.add_parser("status", help="what is linked, and until when")
    commands.add_parser("discover", help="DiscoverAppliancesRequest")

    def targeted(name: str, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text)
        sub.add_argument("target", help="Clova name, entity_id or applianceId")
        return sub

    targeted("turn-on", "TurnOnRequest")
    targeted("turn-off", "TurnOffRequest")
    targeted("set-temperature", "SetTargetTemperatureRequest").add_argument(
        "value", type=float, help="°C"
    )
    targeted("set-brightness", "SetBrightnessRequest").add_argument(
        "value", type=float, help="0-100 %%"
    )
    targeted("lock", "SetLockStateRequest (LOCKED)")
    targeted("unlock", "SetLockStateRequest (UNLOCKED)")
    targeted("open", "OpenRequest")
    targeted("close", "CloseRequest")
    targeted("health", "HealthCheckRequest")
    targeted("get", "a query: Get<WHAT>Request").add_argument(
        "what", help="e.g. TargetTemperature, LockState, DeviceState"
    )
    send = commands.add_parser("send", help="any <NAME>Request for one appliance")
    send.add_argument("name", help="e.g. SetFanSpeed (the Request suffix is optional)")
    send.add_argument("target", help="Clova name, entity_id or applianceId")
    send.add_argument("payload", nargs="?", default="{}", help="extra payload fields (JSON)")
    raw = commands.add_parser("raw", help="a message from JSON text, @FILE, a file or - (stdin)")
    raw.add_argument("message")
    raw.add_argument(
        "--exact",
        action="store_true",
        help="send the bytes as given (no header defaults, no accessToken added)",
    )
    raw.add_argument("--unsigned", action="store_true", help="leave out the SignatureCEK header")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit code."""
    args = build_parser().parse_args(argv)
    out = Output(as_json=args.json)
    try:
        sim = _simulator(args)
        return COMMANDS[args.command](sim, args, out)
    except (
        NotLinkedError,
        oauth.LinkError,
        web.UnreachableError,
        AmbiguousTargetError,
        ValueError,
    ) as err:
        out.problem(str(err))
        return EXIT_PROBLEM


def _simulator(args: argparse.Namespace) -> Simulator:
    settings = DemoSettings.from_env()
    state_path: Path = args.state or settings.state_file
    key_path: Path = args.key or settings.keys_dir / PRIVATE_KEY_FILE
    key = load_private_key(key_path) if key_path.exists() else None
    sim = Simulator(
        settings.base_url,
        key,
        state_path,
        timeout=args.timeout,
        token=args.token,
        auto_refresh=not args.no_refresh,
    )
    # The URL in the state file (where it linked, or where scripts/develop runs) by default.
    url = args.url or sim.state.base_url
    if url:
        sim.base_url = url.rstrip("/")
    return sim


class Output:
    """Text for people, JSON for programs."""

    def __init__(self, *, as_json: bool) -> None:
        self.as_json = as_json

    def data(self, data: dict[str, Any], text: str) -> None:
        """Print one result."""
        print(json.dumps(data, ensure_ascii=False, indent=2) if self.as_json else text)

    def exchange(self, result: Exchange) -> int:
        """Print an exchange; the exit code follows the answer."""
        self.data(
            {
                "request": result.request,
                "status": result.status,
                "answer": result.answer,
                "refreshed": result.refreshed,
                "note": result.note,
            },
            show.exchange(result),
        )
        return EXIT_ERROR_ANSWER if result.failed else 0

    def problem(self, message: str) -> None:
        """A local problem, on stderr (and as JSON on stdout with --json)."""
        if self.as_json:
            print(json.dumps({"problem": message}))
        print(f"scripts/clova: {message}", file=sys.stderr)


def _until(expires_at: float) -> str:
    left = expires_at - time.time()
    return f"expires in {left / 60:.0f} min" if left > 0 else "expired"


def cmd_link(sim: Simulator, args: argparse.Namespace, out: Output) -> int:
    """Account linking."""
    linked = sim.link(args.username, args.password)
    out.data(
        {
            "linked": True,
            "url": sim.base_url,
            "username": args.username,
            "client_id": oauth.CLOVA_CLIENT_ID,
            "expires_at": linked.tokens.expires_at,
            "redirect": linked.redirect,
        },
        f"✓ linked {args.username!r} on {sim.base_url} for {oauth.CLOVA_CLIENT_ID}\n"
        f"    the login page sent CLOVA to {linked.redirect}\n"
        f"    access token {_until(linked.tokens.expires_at)}; stored in {sim.state_path}",
    )
    return 0


def cmd_unlink(sim: Simulator, args: argparse.Namespace, out: Output) -> int:
    """Revoke and forget."""
    sim.unlink(revoke=not args.no_revoke)
    verb = "forgot" if args.no_revoke else "revoked and forgot"
    out.data({"linked": False}, f"✓ {verb} the tokens")
    return 0


def cmd_refresh(sim: Simulator, args: argparse.Namespace, out: Output) -> int:
    """Refresh now."""
    tokens = sim.refresh()
    out.data(
        {"refreshed": True, "expires_at": tokens.expires_at},
        f"✓ new access token, {_until(tokens.expires_at)}",
    )
    return 0


def cmd_status(sim: Simulator, args: argparse.Namespace, out: Output) -> int:
    """Show the link."""
    tokens = sim.state.tokens
    data = {
        "url": sim.base_url,
        "linked": tokens is not None,
        "username": sim.state.username,
        "expires_at": tokens.expires_at if tokens else None,
        "appliances": len(sim.state.appliances),
        "signing_key": sim.key is not None,
    }
    if tokens is None:
        text = f"not linked ({sim.base_url}): run `scripts/clova link`"
    else:
        text = (
            f"linked {sim.state.username!r} on {sim.base_url}; access token "
            f"{_until(tokens.expires_at)}; {len(sim.state.appliances)} appliances known"
        )
    out.data(data, text)
    return 0


def cmd_discover(sim: Simulator, args: argparse.Namespace, out: Output) -> int:
    """Discovery."""
    return out.exchange(sim.discover())


def _action(name: str, **payload: Any) -> Callable[[Simulator, argparse.Namespace, Output], int]:
    def run(sim: Simulator, args: argparse.Namespace, out: Output) -> int:
        return out.exchange(sim.act(name, args.target, **payload))

    return run


def cmd_set_temperature(sim: Simulator, args: argparse.Namespace, out: Output) -> int:
    """SetTargetTemperature."""
    value = {"value": args.value}
    return out.exchange(sim.act("SetTargetTemperature", args.target, targetTemperature=value))


def cmd_set_brightness(sim: Simulator, args: argparse.Namespace, out: Output) -> int:
    """SetBrightness."""
    return out.exchange(sim.act("SetBrightness", args.target, brightness={"value": args.value}))


def cmd_get(sim: Simulator, args: argparse.Namespace, out: Output) -> int:
    """A Get query."""
    what = args.what if args.what.startswith("Get") else f"Get{args.what}"
    return out.exchange(sim.act(what, args.target))


def cmd_send(sim: Simulator, args: argparse.Namespace, out: Output) -> int:
    """Any request for one appliance."""
    payload = json.loads(args.payload)
    if not isinstance(payload, dict):
        raise ValueError("the payload must be a JSON object")
    return out.exchange(sim.act(args.name, args.target, **payload))


def cmd_raw(sim: Simulator, args: argparse.Namespace, out: Output) -> int:
    """A message as given (completed unless --exact)."""
    text = _read_message(args.message)
    if args.exact:
        status, answer = sim.post(text.encode(), signed=not args.unsigned)
        return out.exchange(Exchange(None, status, answer))
    message = json.loads(text)
    if not isinstance(message, dict):
        raise ValueError("a message is a JSON object")
    header = message.setdefault("header", {})
    header.setdefault("messageId", str(uuid.uuid4()))
    header.setdefault("namespace", NAMESPACE)
    header.setdefault("payloadVersion", PAYLOAD_VERSION)
    return out.exchange(sim.send(message, signed=not args.unsigned))


def _read_message(source: str) -> str:
    if source == "-":
        return sys.stdin.read()
    if source.startswith("@"):
        return Path(source[1:]).read_text()
    if not source.lstrip().startswith(("{", "[")) and Path(source).is_file():
        return Path(source).read_text()
    return source


COMMANDS: dict[str, Callable[[Simulator, argparse.Namespace, Output], int]] = {
    "link": cmd_link,
    "unlink": cmd_unlink,
    "refresh": cmd_refresh,
    "status": cmd_status,
    "discover": cmd_discover,
    "turn-on": _action("TurnOn"),
    "turn-off": _action("TurnOff"),
    "set-temperature": cmd_set_temperature,
    "set-brightness": cmd_set_brightness,
    "lock": _action("SetLockState", lockState="LOCKED"),
    "unlock": _action("SetLockState", lockState="UNLOCKED"),
    "open": _action("Open"),
    "close": _action("Close"),
    "health": _action("HealthCheck"),
    "get": cmd_get,
    "send": cmd_send,
    "raw": cmd_raw,
}
