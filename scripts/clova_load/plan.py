"""What the clients send: a weighted mix of Clova Home requests, each with its expected answer.

The mix is what a household's speaker would plausibly send, plus the refusals a real user
meets (an unlock that was not opted in, an appliance that is gone, a value out of range).
Every planned request carries the answer names that count as right for it; anything else,
including an HTTP status other than 200, is an error of the run.

Locks are special: the integration lets each lock take 5 commands a minute and answers
``ActionTemporarilyBlockedError`` past that, so both answers are right for a lock command,
and :func:`clova_load.checks.lock_limits` checks their counts afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
import json
import random
from typing import Any
import uuid

from clova_sim.messages import request, sign
from cryptography.hazmat.primitives.asymmetric import rsa

CONFIRMED_LOCK = "SetLockStateConfirmation"
BLOCKED = "ActionTemporarilyBlockedError"

# Entities the mix needs; all are in the demo home that scripts/develop configures.
SWITCHABLE = (
    "light.ceiling_lights",
    "light.kitchen_lights",
    "light.bed_light",
    "switch.decorative_lights",
    "switch.ac",
)
DIMMABLE = ("light.ceiling_lights", "light.kitchen_lights", "light.office_rgbw_lights")
THERMOSTATS = ("climate.hvac", "climate.heatpump")
LOCKS = ("lock.front_door", "lock.kitchen_door")
NOT_OPTED_IN_LOCK = "lock.kitchen_door"  # unlocking it is refused (only the front door may)
REQUIRED = frozenset((*SWITCHABLE, *DIMMABLE, *THERMOSTATS, *LOCKS))


@dataclass(frozen=True, slots=True)
class Targets:
    """Appliance ids from a discovery, by entity id."""

    ids: Mapping[str, str]  # entity_id -> applianceId
    health: tuple[str, ...]  # appliance ids that answer HealthCheck
    discovered: int  # how many appliances the discovery lists

    def of(self, entity_id: str) -> str:
        """The appliance id of ``entity_id``."""
        return self.ids[entity_id]

    @classmethod
    def from_discovery(cls, answer: Mapping[str, Any]) -> Targets:
        """Read the ids from a ``DiscoverAppliancesResponse`` (entity ids are in the text)."""
        appliances = answer["payload"]["discoveredAppliances"]
        ids: dict[str, str] = {}
        health = []
        for app in appliances:
            text = str(app.get("friendlyDescription", ""))
            for entity_id in REQUIRED:
                if f"({entity_id})" in text:
                    ids[entity_id] = str(app["applianceId"])
            if "HealthCheck" in app.get("actions", []):
                health.append(str(app["applianceId"]))
        if missing := sorted(REQUIRED - set(ids)):
            raise LookupError(f"the discovery lacks {', '.join(missing)}")
        return cls(ids, tuple(health), len(appliances))


@dataclass(frozen=True, slots=True)
class Planned:
    """One request ready to send: its kind, signed bytes and the answers that are right."""

    kind: str
    body: bytes
    signature: str
    expected: frozenset[str]
    appliance_id: str | None


Builder = Callable[[Targets, random.Random], tuple[dict[str, Any], frozenset[str]]]


def _one(name: str) -> frozenset[str]:
    return frozenset({name})


def _discover(targets: Targets, rng: random.Random) -> tuple[dict[str, Any], frozenset[str]]:
    return request("DiscoverAppliances"), _one("DiscoverAppliancesResponse")


def _health(targets: Targets, rng: random.Random) -> tuple[dict[str, Any], frozenset[str]]:
    return request("HealthCheck", rng.choice(targets.health)), _one("HealthCheckResponse")


def _query(targets: Targets, rng: random.Random) -> tuple[dict[str, Any], frozenset[str]]:
    name, entity_id = rng.choice(
        [
            ("GetLockState", rng.choice(LOCKS)),
            ("GetTargetTemperature", rng.choice(THERMOSTATS)),
            ("GetCurrentTemperature", rng.choice(THERMOSTATS)),
        ]
    )
    return request(name, targets.of(entity_id)), _one(f"{name}Response")


def _turn(on: bool) -> Builder:
    name = "TurnOn" if on else "TurnOff"

    def build(targets: Targets, rng: random.Random) -> tuple[dict[str, Any], frozenset[str]]:
        target = targets.of(rng.choice(SWITCHABLE))
        return request(name, target), _one(f"{name}Confirmation")

    return build


def _brightness(targets: Targets, rng: random.Random) -> tuple[dict[str, Any], frozenset[str]]:
    target = targets.of(rng.choice(DIMMABLE))
    value = {"value": rng.randrange(10, 101, 10)}
    return request("SetBrightness", target, brightness=value), _one("SetBrightnessConfirmation")


def _temperature(targets: Targets, rng: random.Random) -> tuple[dict[str, Any], frozenset[str]]:
    target = targets.of(rng.choice(THERMOSTATS))
    value = {"value": rng.randint(18, 26)}
    return (
        request("SetTargetTemperature", target, targetTemperature=value),
        _one("SetTargetTemperatureConfirmation"),
    )


def _lock(targets: Targets, rng: random.Random) -> tuple[dict[str, Any], frozenset[str]]:
    target = targets.of(rng.choice(LOCKS))
    message = request("SetLockState", target, lockState="LOCKED")
    return message, frozenset({CONFIRMED_LOCK, BLOCKED})


def _unlock_refused(targets: Targets, rng: random.Random) -> tuple[dict[str, Any], frozenset[str]]:
    target = targets.of(NOT_OPTED_IN_LOCK)
    message = request("SetLockState", target, lockState="UNLOCKED")
    return message, _one("UnsupportedOperationError")


def _unknown(targets: Targets, rng: random.Random) -> tuple[dict[str, Any], frozenset[str]]:
    name = rng.choice(["TurnOn", "GetLockState", "HealthCheck"])
    return request(name, f"no-such-{uuid.uuid4()}"), _one("NoSuchTargetError")


def _out_of_range(targets: Targets, rng: random.Random) -> tuple[dict[str, Any], frozenset[str]]:
    if rng.random() < 0.5:
        target = targets.of(rng.choice(THERMOSTATS))
        message = request("SetTargetTemperature", target, targetTemperature={"value": 40})
    else:
        target = targets.of(rng.choice(DIMMABLE))
        message = request("SetBrightness", target, brightness={"value": 150})
    return message, _one("ValueOutOfRangeError")


# kind -> (weight in percent, builder)
MIX: Mapping[str, tuple[int, Builder]] = {
    "discover": (4, _discover),
    "health_check": (10, _health),
    "query_state": (20, _query),
    "turn_on": (10, _turn(on=True)),
    "turn_off": (10, _turn(on=False)),
    "set_brightness": (10, _brightness),
    "set_temperature": (10, _temperature),
    "lock": (6, _lock),
    "unlock_refused": (5, _unlock_refused),
    "unknown_appliance": (5, _unknown),
    "out_of_range": (10, _out_of_range),
}


def plan_client(
    targets: Targets, access_token: str, key: rsa.RSAPrivateKey, count: int, seed: int
) -> list[Planned]:
    """``count`` signed requests for one client, drawn from :data:`MIX` (reproducibly).

    Signing happens here, before the clock starts: the timings are Home Assistant's, not
    the load generator's RSA arithmetic competing with it for the same cores.
    """
    rng = random.Random(seed)
    kinds: Sequence[str] = list(MIX)
    weights = [MIX[kind][0] for kind in kinds]
    planned = []
    for kind in rng.choices(kinds, weights, k=count):
        message, expected = MIX[kind][1](targets, rng)
        message["payload"]["accessToken"] = access_token
        body = json.dumps(message).encode()
        appliance = message["payload"].get("appliance")
        planned.append(
            Planned(
                kind=kind,
                body=body,
                signature=sign(key, body),
                expected=expected,
                appliance_id=appliance["applianceId"] if appliance else None,
            )
        )
    return planned
