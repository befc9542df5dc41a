"""Clova Home: Home Assistant as a Clova Home extension for NAVER/LINE CLOVA."""

from __future__ import annotations

import logging
from typing import Any

from homeassistant.const import EVENT_CORE_CONFIG_UPDATE, Platform
from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryError
from homeassistant.helpers import config_validation as cv, entity_registry as er
from homeassistant.helpers.typing import ConfigType

from .config_flow import ClovaHomeConfigFlow, migrate_options_1_2
from .const import DOMAIN
from .exposure import async_track_exposure_inputs
from .http import ClovaHomeView
from .issues import async_check_external_url, async_check_setup, async_remove_issues
from .renames import renamed_options
from .runtime import ClovaConfigEntry, async_build_runtime
from .services import async_setup_services

_LOGGER = logging.getLogger(__name__)

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)
# The status sensors of the integration's own device (sensor.py).
PLATFORMS = [Platform.SENSOR]


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the endpoint and actions once; they work only while an entry is loaded."""
    hass.http.register_view(ClovaHomeView())
    async_setup_services(hass)
    return True


async def async_setup_entry(hass: HomeAssistant, entry: ClovaConfigEntry) -> bool:
    """Build the runtime from the entry's options."""
    try:
        entry.runtime_data = await async_build_runtime(hass, entry)
    except ValueError as err:
        raise ConfigEntryError(
            translation_domain=DOMAIN,
            translation_key="invalid_configuration",
            translation_placeholders={"error": str(err)},
        ) from err
    entry.async_on_unload(entry.add_update_listener(_async_options_updated))

    entry.async_on_unload(async_track_exposure_inputs(hass, entry.runtime_data.exposure))

    @callback
    def _entity_renamed(event: Event[Any]) -> None:
        if old := event.data.get("old_entity_id"):
            options = renamed_options(entry.options, old, event.data["entity_id"])
            if options is not None:  # the update listener reloads with the new name
                hass.config_entries.async_update_entry(entry, options=options)

    entry.async_on_unload(hass.bus.async_listen(er.EVENT_ENTITY_REGISTRY_UPDATED, _entity_renamed))

    async_check_setup(hass, entry)

    @callback
    def _core_config_updated(_event: Event[Any]) -> None:
        async_check_external_url(hass, entry.runtime_data.region.key)

    entry.async_on_unload(hass.bus.async_listen(EVENT_CORE_CONFIG_UPDATE, _core_config_updated))
    await hass.config_entries.async_forward_entry_setups(entry, PLATFORMS)
    return True


async def async_unload_entry(hass: HomeAssistant, entry: ClovaConfigEntry) -> bool:
    """The view stops answering when no entry is loaded; the setup issues go with it."""
    if not await hass.config_entries.async_unload_platforms(entry, PLATFORMS):
        return False
    async_remove_issues(hass, setup_only=True)
    return True


async def async_migrate_entry(hass: HomeAssistant, entry: ClovaConfigEntry) -> bool:
    """Bring an entry stored by an older version up to date; refuse a newer version's."""
    if entry.version > ClovaHomeConfigFlow.VERSION:
        # A downgrade: this version cannot tell what a newer one stored.
        _LOGGER.error(
            "This Clova Home entry was stored by a newer version of the integration "
            "(entry version %s.%s); update the integration or restore a backup",
            entry.version,
            entry.minor_version,
        )
        return False
    if entry.minor_version < 2:
        hass.config_entries.async_update_entry(
            entry, options=migrate_options_1_2(entry.options), minor_version=2
        )
    return True


async def async_remove_entry(hass: HomeAssistant, entry: ClovaConfigEntry) -> None:
    """Withdraw the repair issues along with the entry."""
    async_remove_issues(hass)


async def _async_options_updated(hass: HomeAssistant, entry: ClovaConfigEntry) -> None:
    await hass.config_entries.async_reload(entry.entry_id)
