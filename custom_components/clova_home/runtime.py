"""What a loaded config entry needs to answer Clova: keys, clients, exposure."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from homeassistant.config_entries import ConfigEntry
from homeassistant.core import HomeAssistant

from .const import (
    CONF_APPLIANCE_TYPES,
    CONF_EXPOSED_ENTITIES,
    CONF_EXTRA_PUBLIC_KEY,
    CONF_REGION,
    CONF_SECURITY,
    CONF_UNLOCK_ENTITIES,
    REGIONS,
    Region,
)
from .exposure import Exposure
from .protocol.catalog import APPLIANCE_TYPES
from .protocol.signature import SignatureVerifier, load_public_key

KEYS_DIR = Path(__file__).parent / "protocol" / "keys"


@dataclass(frozen=True, slots=True)
class ClovaRuntime:
    """Everything a request needs, built once per (re)load of the entry."""

    region: Region
    verifier: SignatureVerifier
    allowed_client_ids: frozenset[str]
    exposure: Exposure
    unlock_entities: frozenset[str]
    appliance_types: Mapping[str, str]  # entity_id -> Clova type chosen by the user


type ClovaConfigEntry = ConfigEntry[ClovaRuntime]


async def async_build_runtime(hass: HomeAssistant, entry: ClovaConfigEntry) -> ClovaRuntime:
    """Read the entry's data and options into a :class:`ClovaRuntime`."""
    region = REGIONS[entry.data[CONF_REGION]]
    bundled_pem = await hass.async_add_executor_job((KEYS_DIR / region.key_file).read_bytes)
    keys = [load_public_key(bundled_pem)]
    extra_pem = (entry.options.get(CONF_SECURITY) or {}).get(CONF_EXTRA_PUBLIC_KEY)
    if extra_pem:
        keys.append(load_public_key(extra_pem))
    return ClovaRuntime(
        region=region,
        verifier=SignatureVerifier(keys),
        allowed_client_ids=frozenset(region.client_ids),
        exposure=Exposure(hass, entry.options.get(CONF_EXPOSED_ENTITIES, ())),
        unlock_entities=frozenset(entry.options.get(CONF_UNLOCK_ENTITIES, ())),
        appliance_types={
            entity_id: appliance_type
            for entity_id, appliance_type in (entry.options.get(CONF_APPLIANCE_TYPES) or {}).items()
            if appliance_type in APPLIANCE_TYPES
        },
    )
