"""Clova Home: Home Assistant as a Clova Home extension for NAVER/LINE CLOVA."""

from __future__ import annotations

from typing import Any

from homeassistant.core import Event, HomeAssistant, callback
from homeassistant.exceptions import ConfigEntryError
from homeassistant.helpers import config_validation as cv, entity_registry as er
from homeassistant.helpers.typing import ConfigType

from .const import DOMAIN
from .exposure import async_track_exposure_inputs
from .http import ClovaHomeView
from .renames import renamed_options
from .runtime import ClovaConfigEntry, async_build_runtime

CONFIG_SCHEMA = cv.config_entry_only_config_schema(DOMAIN)


async def async_setup(hass: HomeAssistant, config: ConfigType) -> bool:
    """Register the endpoint once; it answers only while an entry is loaded."""
    hass.http.register_view(ClovaHomeView())
    return True


async def async_setup_entry(hass: HomeAssistant, entry: ClovaConfigEntry) -> bool:
    """Build the runtime from the entry's options."""
    try:
        entry.runtime_data = await async_build_runtime(hass, entry)
    except ValueError as err:
        raise ConfigEntryError(f"Invalid Clova Home configuration: {err}") from err
    entry.async_on_unload(entry.add_update_listener(_async_options_updated))

    entry.async_on_unload(async_track_exposure_inputs(hass, entry.runtime_data.exposure))

    @callback
    def _entity_renamed(event: Event[Any]) -> None:
        if old := event.data.get("old_entity_id"):
            options = renamed_options(entry.options, old, event.data["entity_id"])
            if options is not None:  # the update listener reloads with the new name
                hass.config_entries.async_update_entry(entry, options=options)

    entry.async_on_unload(hass.bus.async_listen(er.EVENT_ENTITY_REGISTRY_UPDATED, _entity_renamed))
    return True


async def async_unload_entry(hass: HomeAssistant, entry: ClovaConfigEntry) -> bool:
    """Nothing to tear down: the view stops answering when no entry is loaded."""
    return True


async def _async_options_updated(hass: HomeAssistant, entry: ClovaConfigEntry) -> None:
    await hass.config_entries.async_reload(entry.entry_id)
