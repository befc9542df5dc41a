"""Raise / Lower (and Stop) for covers the user declares a SMARTBED; doors stay guarded.

Only SMARTBED permits Raise and Lower; no cover device class is a bed, so blinds, shades,
awnings and curtains stay SMARTCURTAINs (Open, Close, Stop). Raise opens a cover to its
end, Lower closes it; Stop is the cover's stop, whatever its type.
"""

from __future__ import annotations

from collections.abc import Iterator
import copy
from typing import Any
from unittest.mock import patch

from homeassistant.auth.models import User
from homeassistant.components.cover import CoverEntityFeature, CoverState
from homeassistant.const import ATTR_ENTITY_ID, Platform
from homeassistant.core import Context, HomeAssistant, ServiceCall
import pytest
from pytest_homeassistant_custom_component.common import (
    async_mock_service,
)

from custom_components.clova_home import const
from custom_components.clova_home.appliance import Appliance, ApplianceSettings
from custom_components.clova_home.capabilities import CAPABILITIES, Command
from custom_components.clova_home.capabilities.open_close import OpenClose
from custom_components.clova_home.capabilities.raise_lower import RaiseLower
from custom_components.clova_home.const import CONF_APPLIANCE_TYPES, CONF_UNLOCK_ENTITIES, DOMAIN
from custom_components.clova_home.exposure import ApplianceSpec
from custom_components.clova_home.logbook import describe
from custom_components.clova_home.protocol.catalog import APPLIANCE_TYPES, LOWER, RAISE
from custom_components.clova_home.protocol.errors import UnsupportedOperationError
from custom_components.clova_home.rate_limit import SENSITIVE_BURST, SensitiveActionLimiter

from .assertions import (
    assert_request_calls_service,
    assert_request_fails,
    async_setup_demo,
    record_service_calls,
    state_of,
)
from .conftest import SetupClova
from .helpers import CLOVA_CLIENT_ID, ClovaClient, answer_name
from .test_conformance import CORPUS, shape
from .toolkit import appliance_id, assert_answered_without_calls, discovered, tick

BED = "cover.bed_head"
MOVES = CoverEntityFeature.OPEN | CoverEntityFeature.CLOSE | CoverEntityFeature.STOP
POSITION = CoverEntityFeature.SET_POSITION
TILTS = CoverEntityFeature.OPEN_TILT | CoverEntityFeature.CLOSE_TILT | CoverEntityFeature.STOP_TILT
COVER_ACTIONS = {"Open", "Close", "Stop", "Raise", "Lower"}
SMARTBED = {CONF_APPLIANCE_TYPES: {BED: "smartbed"}}


@pytest.fixture(autouse=True)
def quick_settle() -> Iterator[None]:
    """Mocked services never move the cover: do not wait for it to."""
    with patch.object(const, "COMMAND_SETTLE", 0):
        yield


async def moves(clova: ClovaClient, target: str) -> set[str]:
    """The cover actions discovery lists for an appliance."""
    return set((await discovered(clova, target))["actions"]) & COVER_ACTIONS


async def bed(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    features: int,
    *,
    device_class: str | None = None,
    state: str = CoverState.CLOSED,
    opted_in: bool = False,
) -> ClovaClient:
    """A hand-made cover declared a SMARTBED, exposed alone."""
    attributes: dict[str, Any] = {"supported_features": features}
    if device_class is not None:
        attributes["device_class"] = device_class
    hass.states.async_set(BED, state, attributes)
    return await setup_clova(exposed=[BED], unlock=[BED] if opted_in else [], options=SMARTBED)


def test_only_smartbed_permits_raise_and_lower() -> None:
    """What the README says: the one type for Raise and Lower is SMARTBED."""
    assert [name for name, permitted in APPLIANCE_TYPES.items() if "Raise" in permitted] == [
        "SMARTBED"
    ]
    assert [name for name, permitted in APPLIANCE_TYPES.items() if "Lower" in permitted] == [
        "SMARTBED"
    ]


def test_raise_lower_does_not_compete_for_stop() -> None:
    """Stop stays OpenClose's on every cover: RaiseLower offers only Raise and Lower."""
    assert RaiseLower.actions == {RAISE, LOWER}
    assert not RaiseLower.actions & OpenClose.actions
    assert RaiseLower in CAPABILITIES


# --- curtains, blinds, shades and awnings stay SMARTCURTAINs --------------------------------


@pytest.mark.parametrize(
    "device_class", [None, "awning", "blind", "curtain", "shade", "shutter", "window"]
)
async def test_curtains_do_not_raise_or_lower(
    hass: HomeAssistant, setup_clova: SetupClova, device_class: str | None
) -> None:
    attributes: dict[str, Any] = {"supported_features": MOVES | POSITION}
    if device_class is not None:
        attributes["device_class"] = device_class
    hass.states.async_set("cover.blind", CoverState.OPEN, attributes)
    clova = await setup_clova(exposed=["cover.blind"])

    appliance = await discovered(clova, "cover.blind")
    assert appliance["applianceTypes"] == ["SMARTCURTAIN"]
    assert set(appliance["actions"]) & COVER_ACTIONS == {"Open", "Close", "Stop"}
    for action in ("Raise", "Lower"):
        await assert_answered_without_calls(
            clova, action, "cover.blind", "UnsupportedOperationError"
        )


# --- a cover declared a SMARTBED --------------------------------------------------------------


@pytest.mark.parametrize(
    ("action", "service"),
    [("Raise", "open_cover"), ("Lower", "close_cover"), ("Stop", "stop_cover")],
)
async def test_bed_raises_lowers_and_stops(
    hass: HomeAssistant, setup_clova: SetupClova, action: str, service: str
) -> None:
    clova = await bed(hass, setup_clova, MOVES | POSITION)
    appliance = await discovered(clova, BED)
    assert appliance["applianceTypes"] == ["SMARTBED"]
    assert set(appliance["actions"]) == {"GetDeviceState", "HealthCheck", "Lower", "Raise", "Stop"}

    answer = await assert_request_calls_service(
        clova, action, BED, "cover", service, {ATTR_ENTITY_ID: BED}
    )

    assert answer["payload"] == {}


@pytest.mark.parametrize(("action", "position"), [("Raise", 100), ("Lower", 0)])
async def test_bed_that_can_only_be_positioned_moves_to_its_end(
    hass: HomeAssistant, setup_clova: SetupClova, action: str, position: int
) -> None:
    clova = await bed(hass, setup_clova, POSITION | CoverEntityFeature.STOP)
    assert await moves(clova, BED) == {"Raise", "Lower", "Stop"}

    answer = await assert_request_calls_service(
        clova,
        action,
        BED,
        "cover",
        "set_cover_position",
        {ATTR_ENTITY_ID: BED, "position": position},
    )

    assert answer["payload"] == {}


@pytest.mark.parametrize(
    ("features", "expected"),
    [
        pytest.param(CoverEntityFeature.OPEN, {"Raise"}, id="open-only"),
        pytest.param(
            CoverEntityFeature.CLOSE | CoverEntityFeature.STOP, {"Lower", "Stop"}, id="close-stop"
        ),
        pytest.param(CoverEntityFeature.STOP, {"Stop"}, id="stop-only"),
        pytest.param(TILTS | CoverEntityFeature.SET_TILT_POSITION, {"Stop"}, id="tilt-only"),
        pytest.param(0, set(), id="nothing"),
    ],
)
async def test_bed_offers_what_the_cover_can_do(
    hass: HomeAssistant, setup_clova: SetupClova, features: int, expected: set[str]
) -> None:
    clova = await bed(hass, setup_clova, features)

    assert await moves(clova, BED) == expected
    for action in {"Raise", "Lower", "Stop"} - expected:
        await assert_answered_without_calls(clova, action, BED, "UnsupportedOperationError")


async def test_tilt_only_bed_stops_its_tilt(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    clova = await bed(hass, setup_clova, TILTS)

    await assert_request_calls_service(
        clova, "Stop", BED, "cover", "stop_cover_tilt", {ATTR_ENTITY_ID: BED}
    )


@pytest.mark.parametrize("action", ["Open", "Close"])
async def test_bed_does_not_open_or_close(
    hass: HomeAssistant, setup_clova: SetupClova, action: str
) -> None:
    """SMARTBED permits neither: the same cover as a curtain would."""
    clova = await bed(hass, setup_clova, MOVES)

    await assert_answered_without_calls(clova, action, BED, "UnsupportedOperationError")


# --- errors ----------------------------------------------------------------------------------


@pytest.mark.parametrize("action", ["Raise", "Lower"])
async def test_unavailable_bed(hass: HomeAssistant, setup_clova: SetupClova, action: str) -> None:
    clova = await bed(hass, setup_clova, MOVES, state="unavailable")

    await assert_request_fails(clova, action, BED, "TargetOfflineError")


@pytest.mark.parametrize("target", ["cover.unknown", "cover.not_exposed"])
async def test_unknown_or_unexposed_bed(
    hass: HomeAssistant, setup_clova: SetupClova, target: str
) -> None:
    hass.states.async_set("cover.not_exposed", CoverState.CLOSED, {"supported_features": MOVES})
    clova = await bed(hass, setup_clova, MOVES)

    await assert_request_fails(clova, "Raise", target, "NoSuchTargetError")


async def test_read_only_user_may_not_raise(
    hass: HomeAssistant, setup_clova: SetupClova, hass_read_only_user: User
) -> None:
    clova = await bed(hass, setup_clova, MOVES)
    refresh_token = await hass.auth.async_create_refresh_token(
        hass_read_only_user, client_id=CLOVA_CLIENT_ID
    )
    token = hass.auth.async_create_access_token(refresh_token)

    with record_service_calls(hass) as calls:
        answer = await clova.request("Raise", BED, token=token)

    assert answer_name(answer) == "NoSuchTargetError"
    assert calls == []


async def test_bed_whose_motor_reverses(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """Lowering ends in the state it is asked for, or it is a DeviceFailureError."""
    clova = await bed(hass, setup_clova, MOVES, state=CoverState.OPEN)

    async def reverse(call: ServiceCall) -> None:
        hass.states.async_set(BED, CoverState.OPENING, {"supported_features": MOVES})

    hass.services.async_register("cover", "close_cover", reverse)

    answer = await clova.request("Lower", BED)

    assert answer_name(answer) == "DeviceFailureError"


async def test_bed_that_goes_offline_while_raised(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await bed(hass, setup_clova, MOVES)

    async def vanish(call: ServiceCall) -> None:
        hass.states.async_set(BED, "unavailable")

    hass.services.async_register("cover", "open_cover", vanish)

    answer = await clova.request("Raise", BED)

    assert answer_name(answer) == "TargetOfflineError"


# --- garage doors, doors and gates stay guarded ---------------------------------------------


@pytest.mark.parametrize("device_class", ["garage", "door", "gate"])
async def test_door_declared_a_bed_does_not_raise_without_opt_in(
    hass: HomeAssistant, setup_clova: SetupClova, device_class: str
) -> None:
    clova = await bed(hass, setup_clova, MOVES | POSITION, device_class=device_class)

    assert await moves(clova, BED) == {"Lower", "Stop"}
    await assert_answered_without_calls(clova, "Raise", BED, "UnsupportedOperationError")
    await assert_request_calls_service(
        clova, "Lower", BED, "cover", "close_cover", {ATTR_ENTITY_ID: BED}
    )


async def test_positioned_door_declared_a_bed_moves_only_with_opt_in(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """Any set_cover_position is opening to the guard: without the opt-in, neither way."""
    clova = await bed(hass, setup_clova, POSITION | CoverEntityFeature.STOP, device_class="garage")

    assert await moves(clova, BED) == {"Stop"}
    for action in ("Raise", "Lower"):
        await assert_answered_without_calls(clova, action, BED, "UnsupportedOperationError")


@pytest.mark.parametrize(
    ("features", "action", "service", "data"),
    [
        (MOVES, "Raise", "open_cover", {}),
        (POSITION, "Raise", "set_cover_position", {"position": 100}),
        (POSITION, "Lower", "set_cover_position", {"position": 0}),
    ],
)
async def test_door_declared_a_bed_raises_with_opt_in(
    hass: HomeAssistant,
    setup_clova: SetupClova,
    *,
    features: int,
    action: str,
    service: str,
    data: dict[str, Any],
) -> None:
    clova = await bed(hass, setup_clova, features, device_class="garage", opted_in=True)

    assert "Raise" in await moves(clova, BED)
    await assert_request_calls_service(
        clova, action, BED, "cover", service, {ATTR_ENTITY_ID: BED, **data}
    )


@pytest.mark.parametrize(
    ("features", "action", "service"),
    [
        (MOVES, RAISE, "open_cover"),
        (POSITION, RAISE, "set_cover_position"),
        (POSITION, LOWER, "set_cover_position"),
    ],
)
@pytest.mark.parametrize("opted_in", [False, True])
async def test_the_guard_itself_refuses_to_raise_a_door(
    hass: HomeAssistant, features: int, action: Any, service: str, opted_in: bool
) -> None:
    """Even if Raise reached the capability, a garage door without the opt-in stays shut."""
    hass.states.async_set(
        "cover.garage",
        CoverState.CLOSED,
        {"supported_features": features, "device_class": "garage"},
    )
    calls = async_mock_service(hass, "cover", service)
    spec = ApplianceSpec("cover.garage", "cover.garage", ("cover.garage",))
    # The appliance says opted in (so it advertises Raise); the request's command decides.
    appliance = Appliance(hass, spec, ApplianceSettings(appliance_type="SMARTBED", opted_in=True))
    capability = RaiseLower(appliance, Command(Context(), opted_in, SensitiveActionLimiter()))

    if opted_in:
        assert await capability.async_handle(action, {}) == {}
        assert len(calls) == 1
    else:
        with pytest.raises(UnsupportedOperationError):
            await capability.async_handle(action, {})
        assert calls == []


async def test_raising_and_lowering_a_door_count_toward_the_burst_limit(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await bed(hass, setup_clova, MOVES, device_class="garage", opted_in=True)
    async_mock_service(hass, "cover", "open_cover")
    async_mock_service(hass, "cover", "close_cover")
    async_mock_service(hass, "cover", "stop_cover")

    for index in range(SENSITIVE_BURST):
        answer = await clova.request("Raise" if index % 2 == 0 else "Lower", BED)
        assert answer_name(answer).endswith("Confirmation"), answer

    for action in ("Raise", "Lower"):
        await assert_request_fails(clova, action, BED, "ActionTemporarilyBlockedError")
    # Stopping is never limited.
    assert answer_name(await clova.request("Stop", BED)) == "StopConfirmation"


# --- the logbook and the documented examples ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "outcome", "message"),
    [
        ("RaiseRequest", "RaiseConfirmation", "raised via Clova"),
        ("LowerRequest", "LowerConfirmation", "lowered via Clova"),
        (
            "RaiseRequest",
            "UnsupportedOperationError",
            "was not raised via Clova: the device cannot do this, or it is not allowed",
        ),
    ],
)
def test_logbook_wording(name: str, outcome: str, message: str) -> None:
    event = {
        "name": name,
        "appliance_id": BED,
        "entity_id": BED,
        "outcome": outcome,
        "success": outcome.endswith("Confirmation"),
    }
    assert describe(event, lambda _: "Bed")["message"] == message


async def test_documented_examples(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """The docs' Raise, Lower and Stop requests, sent to a bed, get the documented answers."""
    clova = await bed(hass, setup_clova, MOVES)
    for service in ("open_cover", "close_cover", "stop_cover"):
        async_mock_service(hass, "cover", service)
    examples = [
        example
        for example in CORPUS["examples"]
        if example["action"] in ("Raise", "Lower", "Stop") and not example.get("duplicate_of")
    ]
    documented = {
        example["name"]: shape(example["json"]["payload"])
        for example in examples
        if example["kind"] == "response"
    }
    requests = [example["json"] for example in examples if example["kind"] == "request"]
    assert {request["header"]["name"] for request in requests} == {
        "RaiseRequest",
        "LowerRequest",
        "StopRequest",
    }

    for request in requests:
        message = copy.deepcopy(request)
        message["payload"]["accessToken"] = clova.token
        message["payload"]["appliance"]["applianceId"] = BED
        answer = await clova.send(message)
        name = answer_name(answer)
        assert name == request["header"]["name"].replace("Request", "Confirmation"), answer
        assert shape(answer["payload"]) <= documented[name]


# --- Home Assistant's demo covers -------------------------------------------------------------


@pytest.fixture
async def demo_covers(hass: HomeAssistant) -> None:
    await async_setup_demo(hass, [Platform.COVER])


@pytest.mark.usefixtures("demo_covers")
async def test_demo_window_as_a_bed_raises_stops_and_lowers(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """The hall window (10 % open) declared a SMARTBED: up, stop where it is, down."""
    clova = await setup_clova(
        exposed=["cover.hall_window"],
        options={CONF_APPLIANCE_TYPES: {"cover.hall_window": "smartbed"}},
    )
    target = appliance_id(hass, "cover.hall_window")
    assert await moves(clova, target) == {"Raise", "Lower", "Stop"}

    answer = await clova.request("Raise", target)
    await hass.async_block_till_done()
    assert answer_name(answer) == "RaiseConfirmation"
    assert answer["payload"] == {}
    assert state_of(hass, "cover.hall_window").state == CoverState.OPENING
    await tick(hass, 2)
    assert state_of(hass, "cover.hall_window").attributes["current_position"] == 30

    answer = await clova.request("Stop", target)
    await hass.async_block_till_done()
    assert answer_name(answer) == "StopConfirmation"
    await tick(hass, 2)
    assert state_of(hass, "cover.hall_window").attributes["current_position"] == 30

    answer = await clova.request("Lower", target)
    await hass.async_block_till_done()
    assert answer_name(answer) == "LowerConfirmation"
    assert state_of(hass, "cover.hall_window").state == CoverState.CLOSING
    await tick(hass, 3)
    assert state_of(hass, "cover.hall_window").state == CoverState.CLOSED


@pytest.mark.usefixtures("demo_covers")
async def test_demo_kitchen_window_as_a_bed(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    """A cover without a position goes to its end at once."""
    clova = await setup_clova(
        exposed=["cover.kitchen_window"],
        options={CONF_APPLIANCE_TYPES: {"cover.kitchen_window": "smartbed"}},
    )
    target = appliance_id(hass, "cover.kitchen_window")

    answer = await clova.request("Raise", target)
    await hass.async_block_till_done()
    assert answer_name(answer) == "RaiseConfirmation"
    assert state_of(hass, "cover.kitchen_window").state == CoverState.OPEN

    answer = await clova.request("Lower", target)
    await hass.async_block_till_done()
    assert answer_name(answer) == "LowerConfirmation"
    assert state_of(hass, "cover.kitchen_window").state == CoverState.CLOSED


@pytest.mark.usefixtures("demo_covers")
async def test_demo_garage_door_as_a_bed_raises_only_when_opted_in(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    clova = await setup_clova(
        exposed=["cover.garage_door"],
        options={CONF_APPLIANCE_TYPES: {"cover.garage_door": "smartbed"}},
    )
    target = appliance_id(hass, "cover.garage_door")
    assert await moves(clova, target) == {"Lower"}

    refused = await clova.request("Raise", target)
    await hass.async_block_till_done()
    assert answer_name(refused) == "UnsupportedOperationError"
    assert state_of(hass, "cover.garage_door").state == CoverState.CLOSED

    (entry,) = hass.config_entries.async_entries(DOMAIN)
    hass.config_entries.async_update_entry(
        entry, options={**entry.options, CONF_UNLOCK_ENTITIES: ["cover.garage_door"]}
    )
    await hass.async_block_till_done()
    assert await moves(clova, target) == {"Raise", "Lower"}
    allowed = await clova.request("Raise", target)
    await hass.async_block_till_done()
    assert answer_name(allowed) == "RaiseConfirmation"
    assert state_of(hass, "cover.garage_door").state == CoverState.OPEN

    lowered = await clova.request("Lower", target)
    await hass.async_block_till_done()
    assert answer_name(lowered) == "LowerConfirmation"
    assert state_of(hass, "cover.garage_door").state == CoverState.CLOSED


@pytest.mark.usefixtures("demo_covers")
async def test_demo_pergola_roof_as_a_bed_only_stops(
    hass: HomeAssistant, setup_clova: SetupClova
) -> None:
    """The pergola roof only tilts: nothing to raise, but its louvres stop."""
    clova = await setup_clova(
        exposed=["cover.pergola_roof"],
        options={CONF_APPLIANCE_TYPES: {"cover.pergola_roof": "smartbed"}},
    )
    target = appliance_id(hass, "cover.pergola_roof")

    assert await moves(clova, target) == {"Stop"}
    answer = await assert_answered_without_calls(
        clova, "Raise", target, "UnsupportedOperationError"
    )
    assert answer["payload"] == {}
