"""Set up the demo home without a person: owner, Clova Home entry and its options.

Everything goes through Home Assistant's own REST API, as the frontend would do it:
onboarding creates the owner, the config-flow API adds Clova Home (region, then the
console screen), and the options-flow API chooses what Clova sees, trusts the demo signing
key and opts the front door and the garage door in. When a flow's steps or fields differ
from what this module expects, it stops with a message naming the step and the fields.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from clova_sim import oauth, web

if TYPE_CHECKING:
    from clova_sim.hass import HassProcess

DOMAIN = "clova_home"
REGION = "kr"

# What the demo exposes: one or more of every kind of device Clova knows.
EXPOSED = (
    "light.ceiling_lights",
    "light.kitchen_lights",
    "light.bed_light",
    "light.living_room_rgbww_lights",
    "light.office_rgbw_lights",
    "climate.hvac",
    "climate.heatpump",
    "climate.ecobee",
    "cover.garage_door",
    "cover.kitchen_window",
    "cover.living_room_window",
    "fan.living_room_fan",
    "fan.ceiling_fan",
    "lock.front_door",
    "lock.kitchen_door",
    "lock.poorly_installed_door",
    "media_player.living_room",
    "media_player.lounge_room",
    "vacuum.0_ground_floor",
    "vacuum.demo_vacuum_0_ground_floor",  # the same vacuum in Home Assistant 2026.x
    "switch.decorative_lights",
    "switch.ac",
    "humidifier.humidifier",
    "sensor.outside_temperature",
    "sensor.outside_humidity",
    "sensor.carbon_dioxide",
)

# Per-entity settings: rooms, and the sensitive-action opt-ins (unlock, open the garage).
ENTITY_SETTINGS: Mapping[str, Mapping[str, Any]] = {
    "light.ceiling_lights": {"location": "LIVING_ROOM"},
    "light.kitchen_lights": {"location": "KITCHEN"},
    "light.bed_light": {"location": "BED_ROOM"},
    "climate.hvac": {"location": "LIVING_ROOM"},
    "lock.front_door": {"location": "ENTRANCE", "sensitive": True},
    "cover.garage_door": {"sensitive": True},
}

MARKER_FILE = ".clova-demo.json"  # which entry and key the options were written for


class SetupError(Exception):
    """The demo could not be set up; the message says where."""


@dataclass(frozen=True, slots=True)
class Step:
    """One step a flow is expected to show, and the answer to give.

    A menu is answered with ``choose``; a form with ``data``, whose keys must all be fields
    of the form (a changed form then fails loudly instead of being half-filled).
    """

    step_id: str
    data: Mapping[str, Any] = field(default_factory=dict)
    choose: str | None = None


class RestApi:
    """Authenticated calls to Home Assistant's REST API as the owner."""

    def __init__(self, base_url: str, token: str, timeout: float = web.DEFAULT_TIMEOUT) -> None:
        self.base_url = base_url
        self.token = token
        self.timeout = timeout

    def get(self, path: str) -> Any:
        """GET ``path`` as JSON; :class:`SetupError` unless 2xx."""
        return _checked(
            web.call("GET", self.base_url + path, token=self.token, timeout=self.timeout), path
        )

    def post(self, path: str, body: Any) -> Any:
        """POST JSON to ``path``; :class:`SetupError` unless 2xx."""
        resp = web.call(
            "POST", self.base_url + path, json_body=body, token=self.token, timeout=self.timeout
        )
        return _checked(resp, path)


def _checked(resp: web.Response, path: str) -> Any:
    if not resp.ok:
        raise SetupError(f"{path}: HTTP {resp.status} {resp.text()[:300]}")
    return resp.json() if resp.body else None


# Onboarding ---------------------------------------------------------------------------------


def prepare_config(config_dir: Path) -> None:
    """Before the first start: mark onboarding's "core_config" step done.

    That step (location and units, already in configuration.yaml) would also start the
    config flows of weather, radio and text-to-speech integrations that reach the internet;
    the other three steps go through the REST API in :func:`onboard`.
    """
    storage = config_dir / ".storage"
    onboarding = storage / "onboarding"
    if onboarding.exists() or (storage / "auth").exists():
        return
    storage.mkdir(parents=True, exist_ok=True)
    onboarding.write_text(
        json.dumps(
            {
                "version": 4,
                "minor_version": 1,
                "key": "onboarding",
                "data": {"done": ["core_config"]},
            }
        )
    )


def start_onboarded(
    hass: HassProcess, timeout: float, username: str, password: str, name: str
) -> tuple[str, bool]:
    """Start ``hass`` onboarded and wait until it runs; an owner token and whether it was new.

    Every harness (the demo, the e2e, load, bench and browser tests) starts Home Assistant
    this way: the location step pre-answered (:func:`prepare_config`), the owner created or
    logged in (:func:`onboard`), then Home Assistant's own "running" state awaited.
    """
    prepare_config(hass.settings.config_dir)
    hass.start()
    hass.wait_http(timeout)
    token, created = onboard(hass.settings.base_url, username, password, name)
    hass.wait_running(token, timeout)
    return token, created


def owner_client(base_url: str) -> tuple[str, str]:
    """The client ID and redirect URI Home Assistant's own frontend logs in with."""
    return f"{base_url}/", f"{base_url}/?auth_callback=1"


def onboard(base_url: str, username: str, password: str, name: str) -> tuple[str, bool]:
    """Create the owner when Home Assistant is new; return an owner token and whether it was."""
    client_id, redirect_uri = owner_client(base_url)
    resp = web.call("GET", f"{base_url}/api/onboarding")
    pending = set()
    if resp.ok:
        pending = {step["step"] for step in resp.json() if not step["done"]}
    created = "user" in pending
    if created:
        answer = _checked(
            web.call(
                "POST",
                f"{base_url}/api/onboarding/users",
                json_body={
                    "client_id": client_id,
                    "name": name,
                    "username": username,
                    "password": password,
                    "language": "en",
                },
            ),
            "/api/onboarding/users",
        )
        token = _exchange_code(base_url, client_id, answer["auth_code"])
    else:
        try:
            token = oauth.link(
                base_url, username, password, client_id=client_id, redirect_uri=redirect_uri
            ).tokens.access_token
        except oauth.LinkError as err:
            raise SetupError(
                f"cannot log in as the demo owner {username!r} ({err}); "
                "`scripts/develop --reset` starts the demo home afresh"
            ) from None
    api = RestApi(base_url, token)
    if "analytics" in pending:
        api.post("/api/onboarding/analytics", {})
    if "integration" in pending:
        api.post(
            "/api/onboarding/integration", {"client_id": client_id, "redirect_uri": redirect_uri}
        )
    return token, created


def _exchange_code(base_url: str, client_id: str, code: str) -> str:
    answer = _checked(
        web.call(
            "POST",
            f"{base_url}/auth/token",
            form={"grant_type": "authorization_code", "code": code, "client_id": client_id},
        ),
        "/auth/token",
    )
    return str(answer["access_token"])


# Flows --------------------------------------------------------------------------------------


def drive_flow(api: RestApi, path: str, result: dict[str, Any], steps: Sequence[Step]) -> Any:
    """Answer ``steps`` in order, starting from ``result``; return the finished flow."""
    what = "options flow" if "/options/" in path else "config flow"
    for step in steps:
        kind = result.get("type")
        if kind == "abort":
            raise SetupError(f"{what}: aborted at {step.step_id!r}: {result.get('reason')}")
        if result.get("step_id") != step.step_id:
            raise SetupError(
                f"{what}: expected the step {step.step_id!r}, Home Assistant shows "
                f"{result.get('step_id')!r} ({kind}); config_flow.py changed, "
                "update scripts/clova_sim/provision.py"
            )
        if kind == "menu":
            options = list(result.get("menu_options") or [])  # a list, or a dict of labels
            if step.choose not in options:
                raise SetupError(
                    f"{what}: the menu {step.step_id!r} offers {options}, not {step.choose!r}"
                )
            body: dict[str, Any] = {"next_step_id": step.choose}
        else:
            fields = {item["name"] for item in result.get("data_schema") or []}
            unknown = sorted(set(step.data) - fields)
            if unknown:
                raise SetupError(
                    f"{what}: the step {step.step_id!r} has no field {unknown} "
                    f"(its fields: {sorted(fields)}); update scripts/clova_sim/provision.py"
                )
            body = dict(step.data)
        answered = api.post(f"{path}/{result['flow_id']}", body)
        if answered.get("type") == "form" and answered.get("step_id") == step.step_id:
            raise SetupError(f"{what}: {step.step_id!r} refused {body}: {answered.get('errors')}")
        result = answered
    if result.get("type") != "create_entry":
        raise SetupError(f"{what}: did not finish, it shows {result.get('step_id')!r}")
    return result


def create_entry(api: RestApi) -> str:
    """Add Clova Home (Korea) through the config flow; return the entry's id."""
    path = "/api/config/config_entries/flow"
    first = api.post(path, {"handler": DOMAIN, "show_advanced_options": False})
    done = drive_flow(api, path, first, [Step("user", {"region": REGION}), Step("console")])
    return str(done["result"]["entry_id"])


def set_options(api: RestApi, entry_id: str, steps: Sequence[Step]) -> None:
    """Run the options flow once through ``steps``."""
    path = "/api/config/config_entries/options/flow"
    first = api.post(path, {"handler": entry_id})
    drive_flow(api, path, first, steps)


def options_plan(public_pem: str, exposed: Sequence[str]) -> list[list[Step]]:
    """The options flows the demo runs: exposure, the trusted key, per-entity settings."""
    plans = [
        [
            Step("init", choose="exposure"),
            Step("exposure", {"exposure_source": "entities", "exposed_entities": list(exposed)}),
        ],
        [
            Step("init", choose="security"),
            Step("security", {"extra_public_key": public_pem, "advanced": {}}),
        ],
    ]
    plans.extend(
        [
            Step("init", choose="entity"),
            Step("entity", {"entity_id": entity_id}),
            Step("entity_settings", dict(settings)),
        ]
        for entity_id, settings in ENTITY_SETTINGS.items()
        if entity_id in exposed
    )
    return plans


def clova_entries(api: RestApi) -> list[dict[str, Any]]:
    """The Clova Home config entries."""
    return list(api.get(f"/api/config/config_entries/entry?domain={DOMAIN}"))


def configure(api: RestApi, config_dir: Path, public_pem: str) -> tuple[str, tuple[str, ...]]:
    """Make sure Clova Home is added and configured; return its entry id and what it exposes.

    The options are written when the entry, the key or this module's choices changed since
    the last run (a marker file remembers), so changes made in the UI meanwhile stay.
    """
    states = {state["entity_id"] for state in api.get("/api/states")}
    exposed = tuple(entity_id for entity_id in EXPOSED if entity_id in states)
    if missing := sorted(set(EXPOSED) - states):
        print(f"note: this Home Assistant's demo has no {', '.join(missing)}")
    entries = clova_entries(api)
    entry_id = str(entries[0]["entry_id"]) if entries else create_entry(api)
    marker_path = config_dir / MARKER_FILE
    wanted = {
        "entry_id": entry_id,
        "key_sha256": hashlib.sha256(public_pem.encode()).hexdigest(),
        "exposed": list(exposed),
        "settings": {key: dict(value) for key, value in ENTITY_SETTINGS.items()},
    }
    try:
        marker = json.loads(marker_path.read_text())
    except (FileNotFoundError, ValueError):
        marker = None
    if marker != wanted:
        for steps in options_plan(public_pem, exposed):
            set_options(api, entry_id, steps)
        marker_path.write_text(json.dumps(wanted, indent=2))
    return entry_id, exposed
