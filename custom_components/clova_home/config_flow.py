"""Setup (region and the developer-console values) and options (what Clova sees)."""

from __future__ import annotations

from typing import Any

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult, OptionsFlow
from homeassistant.core import HomeAssistant, callback
from homeassistant.data_entry_flow import section
from homeassistant.helpers.network import NoURLAvailableError, get_url
from homeassistant.helpers.selector import (
    EntitySelector,
    EntitySelectorConfig,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
)
import voluptuous as vol
from yarl import URL

from .appliance_types import SUPPORTED_DOMAINS
from .const import (
    AUTHORIZE_PATH,
    CONF_APPLIANCE_TYPES,
    CONF_EXPOSED_ENTITIES,
    CONF_EXTRA_PUBLIC_KEY,
    CONF_REGION,
    CONF_SECURITY,
    CONF_UNLOCK_ENTITIES,
    DOMAIN,
    ENDPOINT_PATH,
    REGION_KR,
    REGIONS,
    TOKEN_PATH,
)
from .protocol.catalog import APPLIANCE_TYPES
from .protocol.signature import load_public_key
from .runtime import ClovaConfigEntry

PLACEHOLDER_BASE_URL = "https://<your-home-assistant>"


def _external_url(hass: HomeAssistant) -> str | None:
    try:
        return get_url(hass, allow_internal=False, allow_ip=True, prefer_external=True)
    except NoURLAvailableError:
        return None


def console_values(hass: HomeAssistant, region_key: str) -> tuple[dict[str, str], str | None]:
    """The developer-console values to show, and a warning key about the URL."""
    region = REGIONS[region_key]
    external = _external_url(hass)
    warning = None
    if external is None:
        warning = "no_external_url"
    elif URL(external).scheme != "https":
        warning = "external_url_not_https"
    base = (external or PLACEHOLDER_BASE_URL).rstrip("/")
    return (
        {
            "extension_url": f"{base}{ENDPOINT_PATH}",
            "authorize_url": f"{base}{AUTHORIZE_PATH}",
            "token_url": f"{base}{TOKEN_PATH}",
            "client_id": region.client_id,
            "redirect_uri": region.redirect_uri,
        },
        warning,
    )


class ClovaHomeConfigFlow(ConfigFlow, domain=DOMAIN):
    """Choose the region, then copy the values into the Clova developer console."""

    VERSION = 1

    def __init__(self) -> None:
        self._region = REGION_KR

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for the region."""
        if user_input is not None:
            self._region = user_input[CONF_REGION]
            return await self.async_step_console()
        schema = vol.Schema(
            {
                vol.Required(CONF_REGION, default=REGION_KR): SelectSelector(
                    SelectSelectorConfig(
                        options=list(REGIONS),
                        mode=SelectSelectorMode.LIST,
                        translation_key=CONF_REGION,
                    )
                )
            }
        )
        return self.async_show_form(step_id="user", data_schema=schema)

    async def async_step_console(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the console values; confirming creates the entry."""
        if user_input is not None:
            return self.async_create_entry(
                title=REGIONS[self._region].title,
                data={CONF_REGION: self._region},
                options={CONF_EXPOSED_ENTITIES: [], CONF_UNLOCK_ENTITIES: []},
            )
        placeholders, warning = console_values(self.hass, self._region)
        return self.async_show_form(
            step_id="console",
            data_schema=vol.Schema({}),
            description_placeholders=placeholders,
            errors={"base": warning} if warning else None,
        )

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ClovaConfigEntry) -> OptionsFlow:
        """The options flow."""
        return ClovaHomeOptionsFlow()


def _options_schema() -> vol.Schema:
    """The options form (fresh each time: suggested values are written into it)."""
    return vol.Schema(
        {
            vol.Optional(CONF_EXPOSED_ENTITIES, default=[]): EntitySelector(
                EntitySelectorConfig(domain=list(SUPPORTED_DOMAINS), multiple=True)
            ),
            vol.Optional(CONF_UNLOCK_ENTITIES, default=[]): EntitySelector(
                EntitySelectorConfig(domain=["lock", "cover"], multiple=True)
            ),
            vol.Required(CONF_SECURITY): section(
                vol.Schema(
                    {
                        vol.Optional(CONF_EXTRA_PUBLIC_KEY, default=""): TextSelector(
                            TextSelectorConfig(multiline=True)
                        )
                    }
                ),
                {"collapsed": True},
            ),
        }
    )


AUTO_TYPE = "auto"


class ClovaHomeOptionsFlow(OptionsFlow):
    """A menu: what Clova sees (and may unlock, and trusts), and appliance types."""

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Choose what to change."""
        return self.async_show_menu(step_id="init", menu_options=["exposure", "appliance_types"])

    async def async_step_exposure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Exposed entities, locks and doors Clova may open, an extra signing key."""
        errors: dict[str, str] = {}
        if user_input is not None:
            pem = user_input.get(CONF_SECURITY, {}).get(CONF_EXTRA_PUBLIC_KEY, "").strip()
            if pem:
                try:
                    load_public_key(pem)
                except ValueError:
                    errors["base"] = "invalid_public_key"
            if not errors:
                return self.async_create_entry(
                    data={
                        **self.config_entry.options,
                        CONF_EXPOSED_ENTITIES: user_input.get(CONF_EXPOSED_ENTITIES, []),
                        CONF_UNLOCK_ENTITIES: user_input.get(CONF_UNLOCK_ENTITIES, []),
                        CONF_SECURITY: {CONF_EXTRA_PUBLIC_KEY: pem},
                    }
                )
        return self.async_show_form(
            step_id="exposure",
            data_schema=self.add_suggested_values_to_schema(
                _options_schema(), user_input or self.config_entry.options
            ),
            errors=errors,
        )

    async def async_step_appliance_types(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """The Clova type of each exposed entity ("auto": chosen from the entity)."""
        options = self.config_entry.options
        exposed = sorted(options.get(CONF_EXPOSED_ENTITIES, []))
        if user_input is not None:
            chosen = {
                entity_id: appliance_type
                for entity_id, appliance_type in user_input.items()
                if entity_id in exposed and appliance_type in APPLIANCE_TYPES
            }
            return self.async_create_entry(data={**options, CONF_APPLIANCE_TYPES: chosen})
        current = options.get(CONF_APPLIANCE_TYPES) or {}
        selector = SelectSelector(
            SelectSelectorConfig(
                options=[AUTO_TYPE, *sorted(APPLIANCE_TYPES)],
                mode=SelectSelectorMode.DROPDOWN,
                translation_key="appliance_type",
            )
        )
        schema = vol.Schema(
            {
                vol.Required(entity_id, default=current.get(entity_id, AUTO_TYPE)): selector
                for entity_id in exposed
            }
        )
        return self.async_show_form(step_id="appliance_types", data_schema=schema)
