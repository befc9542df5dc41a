"""What a loaded config entry needs to answer Clova: keys, clients, exposure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .appliance_cache import ApplianceCache
from .auth import AcceptedTokens
from .const import (
    CONF_ALLOW_LONG_LIVED_TOKENS,
    CONF_APPLIANCE_TYPES,
    CONF_EXTRA_CLIENT_IDS,
    CONF_EXTRA_PUBLIC_KEY,
    CONF_LOCATIONS,
    CONF_NAMES,
    CONF_REGION,
    CONF_SECURITY,
    CONF_UNLOCK_ENTITIES,
    CONF_VERIFY_SIGNATURE,
    DOMAIN,
    REGIONS,
    Region,
)
from .exposure import Exposure, ExposureRules
from .protocol.catalog import APPLIANCE_TYPES
from .protocol.signature import SignatureVerifier, load_public_key
from .push import PushHistory, PushSettings, push_settings
from .rate_limit import SensitiveActionLimiter
from .stats import RequestStats

KEYS_DIR = Path(__file__).parent / "protocol" / "keys"


@dataclass(frozen=True, slots=True)
class ClovaRuntime:
    """Everything a request needs, built once per (re)load of the entry."""

    region: Region
    verifier: SignatureVerifier
    verify_signature: bool  # False only when the user turned it off (a repair issue says so)
    allowed_client_ids: frozenset[str]
    allow_long_lived_tokens: bool
    exposure: Exposure
    unlock_entities: frozenset[str]
    appliance_types: Mapping[str, str]  # entity_id -> Clova type chosen by the user
    names: Mapping[str, str]  # entity_id -> the name chosen for Clova
    locations: Mapping[str, str]  # entity_id -> Clova location code chosen by the user
    # The CLOVA Push API's extension ID and key (push.py); None until the user sets them.
    push: PushSettings | None = None
    # Recent requests and counters for diagnostics and repair issues.
    stats: RequestStats = field(default_factory=RequestStats)
    # Recent sensitive commands per appliance (lock, valve, door): a burst limit.
    sensitive_limit: SensitiveActionLimiter = field(default_factory=SensitiveActionLimiter)
    # Plans and discovery objects, redone only for appliances whose states or registries changed.
    appliances: ApplianceCache = field(default_factory=ApplianceCache)
    # Access tokens Home Assistant accepted, reused while its verdict stands.
    accepted_tokens: AcceptedTokens = field(default_factory=AcceptedTokens)
    # The last CLOVA Push sends, for diagnostics.
    push_history: PushHistory = field(default_factory=PushHistory)


type ClovaConfigEntry = ConfigEntry[ClovaRuntime]


async def async_build_runtime(hass: HomeAssistant, entry: ClovaConfigEntry) -> ClovaRuntime:
    """Read the entry's data and options into a :class:`ClovaRuntime`."""
    region = REGIONS[entry.data[CONF_REGION]]
    bundled_pem = await hass.async_add_executor_job((KEYS_DIR / region.key_file).read_bytes)
    keys = [load_public_key(bundled_pem)]
    security = entry.options.get(CONF_SECURITY) or {}
    if extra_pem := security.get(CONF_EXTRA_PUBLIC_KEY):
        keys.append(load_public_key(extra_pem))
    return ClovaRuntime(
        region=region,
        verifier=SignatureVerifier(keys),
        verify_signature=bool(security.get(CONF_VERIFY_SIGNATURE, True)),
        allowed_client_ids=frozenset(
            (*region.client_ids, *security.get(CONF_EXTRA_CLIENT_IDS, ()))
        ),
        allow_long_lived_tokens=bool(security.get(CONF_ALLOW_LONG_LIVED_TOKENS, False)),
        exposure=Exposure(hass, ExposureRules.from_options(entry.options)),
        unlock_entities=frozenset(entry.options.get(CONF_UNLOCK_ENTITIES, ())),
        # Stored as the options form's keys (the code in lowercase, see config_flow.py);
        # the protocol code itself, as options older than 1.2 hold, is taken as well.
        appliance_types={
            entity_id: code
            for entity_id, stored in (entry.options.get(CONF_APPLIANCE_TYPES) or {}).items()
            if isinstance(stored, str) and (code := stored.upper()) in APPLIANCE_TYPES
        },
        names={
            entity_id: name.strip()
            for entity_id, name in (entry.options.get(CONF_NAMES) or {}).items()
            if isinstance(name, str) and name.strip()
        },
        locations={
            entity_id: code
            for entity_id, code in (entry.options.get(CONF_LOCATIONS) or {}).items()
            if code in region.locations
        },
        push=push_settings(entry.options),
    )


def loaded_entry(hass: HomeAssistant) -> ClovaConfigEntry | None:
    """The loaded config entry (there is at most one), or None."""
    entry: ClovaConfigEntry | None = next(
        iter(hass.config_entries.async_loaded_entries(DOMAIN)), None
    )
    return entry


def loaded_runtime(hass: HomeAssistant) -> ClovaRuntime | None:
    """The runtime of the loaded entry, or None."""
    entry = loaded_entry(hass)
    return entry.runtime_data if entry is not None else None
