"""Setup and reconfigure (region, developer-console values) and options (what Clova sees)."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

from homeassistant.config_entries import ConfigFlow, ConfigFlowResult, OptionsFlow
from homeassistant.core import callback
from homeassistant.data_entry_flow import section
from homeassistant.helpers import entity_registry as er, issue_registry as ir
from homeassistant.helpers.selector import (
    AreaSelector,
    AreaSelectorConfig,
    BooleanSelector,
    EntitySelector,
    EntitySelectorConfig,
    LabelSelector,
    LabelSelectorConfig,
    SelectOptionDict,
    SelectSelector,
    SelectSelectorConfig,
    SelectSelectorMode,
    TextSelector,
    TextSelectorConfig,
    TextSelectorType,
)
from yarl import URL

from .appliance_types import SUPPORTED_DOMAINS
from .console import console_values
from .const import (
    CONF_ALLOW_LONG_LIVED_TOKENS,
    CONF_APPLIANCE_TYPES,
    CONF_EXCLUDE_AREAS,
    CONF_EXCLUDE_LABELS,
    CONF_EXPOSED_ENTITIES,
    CONF_EXPOSURE_SOURCE,
    CONF_EXTRA_CLIENT_IDS,
    CONF_EXTRA_PUBLIC_KEY,
    CONF_INCLUDE_AREAS,
    CONF_INCLUDE_LABELS,
    CONF_LOCATIONS,
    CONF_NAMES,
    CONF_PUSH,
    CONF_PUSH_API_KEY,
    CONF_PUSH_EXTENSION_ID,
    CONF_REGION,
    CONF_SECURITY,
    CONF_UNLOCK_ENTITIES,
    CONF_VERIFY_SIGNATURE,
    DOMAIN,
    REGION_KR,
    REGIONS,
    SOURCE_ASSIST,
    SOURCE_ENTITIES,
)
from .exposure import ApplianceSpec, Exposure, ExposureRules
from .issues import ISSUE_BAD_SIGNATURES, ISSUE_UNEXPECTED_CLIENT, async_push_accepted
from .protocol.catalog import APPLIANCE_TYPES
from .protocol.locations import location_label
from .protocol.schema_library import vol
from .protocol.signature import load_public_key
from .push import valid_header_value
from .registries import device_of
from .runtime import ClovaConfigEntry
from .sensitive import needs_opt_in


def appliance_type_key(code: str) -> str:
    """The selector key (and stored value) of a Clova type code: ``SMARTLOCK`` -> ``smartlock``.

    hassfest wants selector keys in ``[a-z0-9-_]``; the protocol's codes are uppercase, and
    the runtime turns the key back into the code (runtime.py).
    """
    return code.lower()


def migrate_options_1_2(options: Mapping[str, Any]) -> dict[str, Any]:
    """The options of a version 1.1 entry as 1.2 stores them.

    1.1 stored the chosen Clova types as the protocol's codes; 1.2 stores the selector's keys.
    """
    if not (types := options.get(CONF_APPLIANCE_TYPES)):
        return dict(options)
    return {
        **options,
        CONF_APPLIANCE_TYPES: {
            entity_id: appliance_type_key(str(code)) for entity_id, code in types.items()
        },
    }


def _region_schema(default: str) -> vol.Schema:
    return vol.Schema(
        {
            vol.Required(CONF_REGION, default=default): SelectSelector(
                SelectSelectorConfig(
                    options=list(REGIONS),
                    mode=SelectSelectorMode.LIST,
                    translation_key=CONF_REGION,
                )
            )
        }
    )


class ClovaHomeConfigFlow(ConfigFlow, domain=DOMAIN):
    """Choose the region, then copy the values into the Clova developer console."""

    VERSION = 1
    # 1.2: the chosen Clova types are stored as selector keys (migrate_options_1_2).
    MINOR_VERSION = 2

    def __init__(self) -> None:
        self._region = REGION_KR

    async def async_step_user(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Ask for the region."""
        if user_input is not None:
            self._region = user_input[CONF_REGION]
            return await self.async_step_console()
        return self.async_show_form(step_id="user", data_schema=_region_schema(REGION_KR))

    async def async_step_console(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the console values; confirming creates the entry."""
        if user_input is not None:
            return self.async_create_entry(
                title=REGIONS[self._region].title,
                data={CONF_REGION: self._region},
                options={CONF_EXPOSURE_SOURCE: SOURCE_ENTITIES, CONF_EXPOSED_ENTITIES: []},
            )
        return self._console_form("console")

    async def async_step_reconfigure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Change the region in place: what Clova sees, names and rooms are kept."""
        if user_input is not None:
            self._region = user_input[CONF_REGION]
            return await self.async_step_reconfigure_console()
        current = self._get_reconfigure_entry().data[CONF_REGION]
        return self.async_show_form(step_id="reconfigure", data_schema=_region_schema(current))

    async def async_step_reconfigure_console(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Show the new region's console values; confirming saves the region."""
        if user_input is None:
            return self._console_form("reconfigure_console")
        entry = self._get_reconfigure_entry()
        old = REGIONS[entry.data[CONF_REGION]]
        new = REGIONS[self._region]
        if new is not old:
            # Raised by the old region's requests, naming its key and client IDs; if the
            # cause remains, the new region's requests raise them again.
            for issue_id in (ISSUE_BAD_SIGNATURES, ISSUE_UNEXPECTED_CLIENT):
                ir.async_delete_issue(self.hass, DOMAIN, issue_id)
        # The entry's update listener reloads it when this changes it. Not
        # async_update_reload_and_abort: it would reload a second time, and next to an
        # update listener Home Assistant deprecates it (2026.6, an error from 2026.12).
        self.hass.config_entries.async_update_entry(
            entry,
            # A title the user gave the entry stays; the region's own title follows it.
            title=new.title if entry.title == old.title else entry.title,
            data={**entry.data, CONF_REGION: new.key},
        )
        return self.async_abort(reason="reconfigure_successful")

    def _console_form(self, step_id: str) -> ConfigFlowResult:
        """The developer-console values of the chosen region, with a warning about the URL."""
        placeholders, warning = console_values(self.hass, self._region)
        return self.async_show_form(
            step_id=step_id,
            data_schema=vol.Schema({}),
            description_placeholders=placeholders,
            errors={"base": warning} if warning else None,
        )

    @staticmethod
    @callback
    def async_get_options_flow(config_entry: ClovaConfigEntry) -> OptionsFlow:
        """The options flow."""
        return ClovaHomeOptionsFlow()


AUTO = "auto"  # "decide from the entity" in the per-entity selects

# Form fields of the per-entity step and of the security step.
FIELD_ENTITY = "entity_id"
FIELD_NAME = "name"
FIELD_APPLIANCE_TYPE = "appliance_type"
FIELD_LOCATION = "location"
FIELD_SENSITIVE = "sensitive"
SECTION_ADVANCED = "advanced"

_EXPOSURE_LISTS = (
    CONF_EXPOSED_ENTITIES,
    CONF_INCLUDE_AREAS,
    CONF_INCLUDE_LABELS,
    CONF_EXCLUDE_AREAS,
    CONF_EXCLUDE_LABELS,
)


def _exposure_schema() -> vol.Schema:
    areas = AreaSelector(AreaSelectorConfig(multiple=True))
    labels = LabelSelector(LabelSelectorConfig(multiple=True))
    return vol.Schema(
        {
            vol.Required(CONF_EXPOSURE_SOURCE, default=SOURCE_ENTITIES): SelectSelector(
                SelectSelectorConfig(
                    options=[SOURCE_ENTITIES, SOURCE_ASSIST],
                    mode=SelectSelectorMode.LIST,
                    translation_key=CONF_EXPOSURE_SOURCE,
                )
            ),
            vol.Optional(CONF_EXPOSED_ENTITIES, default=[]): EntitySelector(
                EntitySelectorConfig(domain=list(SUPPORTED_DOMAINS), multiple=True)
            ),
            vol.Optional(CONF_INCLUDE_AREAS, default=[]): areas,
            vol.Optional(CONF_INCLUDE_LABELS, default=[]): labels,
            vol.Optional(CONF_EXCLUDE_AREAS, default=[]): areas,
            vol.Optional(CONF_EXCLUDE_LABELS, default=[]): labels,
        }
    )


def _security_schema() -> vol.Schema:
    return vol.Schema(
        {
            vol.Optional(CONF_EXTRA_PUBLIC_KEY, default=""): TextSelector(
                TextSelectorConfig(multiline=True)
            ),
            vol.Required(SECTION_ADVANCED): section(
                vol.Schema(
                    {
                        vol.Optional(CONF_EXTRA_CLIENT_IDS, default=[]): TextSelector(
                            TextSelectorConfig(type=TextSelectorType.URL, multiple=True)
                        ),
                        vol.Optional(
                            CONF_ALLOW_LONG_LIVED_TOKENS, default=False
                        ): BooleanSelector(),
                        vol.Optional(CONF_VERIFY_SIGNATURE, default=True): BooleanSelector(),
                    }
                ),
                {"collapsed": True},
            ),
        }
    )


def _valid_client_id(client_id: str) -> bool:
    """Clova's client IDs are web addresses, as OAuth's IndieAuth clients must be."""
    url = URL(client_id)
    return url.scheme in ("http", "https") and bool(url.host)


def _pick(
    mapping: dict[str, str], entity_id: str, value: str | None, others: Collection[str] = ()
) -> dict[str, str]:
    """``mapping`` with ``entity_id`` set to ``value``, or removed when there is none.

    ``others``: the rest of the entity's appliance, whose settings of their own go.
    """
    updated = {key: item for key, item in mapping.items() if key != entity_id and key not in others}
    if value:
        updated[entity_id] = value
    return updated


class ClovaHomeOptionsFlow(OptionsFlow):
    """A menu: what Clova sees, how it sees one entity, and whom it trusts."""

    def __init__(self) -> None:
        self._entity_id = ""
        # The appliances listed in the entity step, by their main entity.
        self._appliances: dict[str, ApplianceSpec] = {}

    async def async_step_init(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Choose what to change."""
        return self.async_show_menu(
            step_id="init", menu_options=["exposure", "entity", "security", "push"]
        )

    async def async_step_exposure(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """The source of exposed entities, widened and narrowed by areas and labels."""
        if user_input is not None:
            chosen: dict[str, Any] = {key: list(user_input.get(key, [])) for key in _EXPOSURE_LISTS}
            chosen[CONF_EXPOSURE_SOURCE] = user_input[CONF_EXPOSURE_SOURCE]
            return self.async_create_entry(data={**self.config_entry.options, **chosen})
        return self.async_show_form(
            step_id="exposure",
            data_schema=self.add_suggested_values_to_schema(
                _exposure_schema(), self.config_entry.options
            ),
        )

    async def async_step_entity(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """Pick one of the appliances Clova sees (by its main entity).

        The sensors of one device are one appliance: listed once, by the entity whose
        settings are the appliance's (``exposure``), so that what is chosen here is the
        whole device's — a washer's type, a purifier's name.
        """
        if user_input is not None:
            self._entity_id = user_input[FIELD_ENTITY]
            return await self.async_step_entity_settings()
        rules = ExposureRules.from_options(self.config_entry.options)
        self._appliances = {spec.entity_id: spec for spec in Exposure(self.hass, rules).specs()}
        if not self._appliances:
            return self.async_abort(reason="nothing_exposed")
        choices = [
            SelectOptionDict(value=entity_id, label=self._appliance_label(entity_id))
            for entity_id in self._appliances
        ]
        schema = vol.Schema(
            {
                vol.Required(FIELD_ENTITY): SelectSelector(
                    SelectSelectorConfig(options=choices, mode=SelectSelectorMode.DROPDOWN)
                )
            }
        )
        return self.async_show_form(step_id="entity", data_schema=schema)

    def _entity_label(self, entity_id: str) -> str:
        state = self.hass.states.get(entity_id)
        return f"{state.name} ({entity_id})" if state is not None else entity_id

    def _appliance_label(self, entity_id: str) -> str:
        """An appliance as the picker shows it: its entity, or its device and every member."""
        spec = self._appliances[entity_id]
        if len(spec.members) == 1:
            return self._entity_label(entity_id)
        device = device_of(self.hass, er.async_get(self.hass).async_get(entity_id))
        state = self.hass.states.get(entity_id)
        if spec.sensors_only and device is not None:
            title = device.name_by_user or device.name or entity_id
        else:
            title = state.name if state is not None else entity_id
        return f"{title} ({', '.join(spec.members)})"

    async def async_step_entity_settings(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """Clova's name, type and room for the entity, and its sensitive-action opt-in.

        They are the appliance's: what its other members kept of their own goes.
        """
        options = self.config_entry.options
        entity_id = self._entity_id
        sensitive = self._needs_opt_in(entity_id)
        if user_input is not None:
            others = self._appliances[entity_id].members[1:]
            unlock = set(options.get(CONF_UNLOCK_ENTITIES) or ())
            if user_input.get(FIELD_SENSITIVE):
                unlock.add(entity_id)
            else:
                unlock.discard(entity_id)
            chosen_type = user_input[FIELD_APPLIANCE_TYPE]
            chosen_location = user_input[FIELD_LOCATION]
            return self.async_create_entry(
                data={
                    **options,
                    CONF_NAMES: _pick(
                        options.get(CONF_NAMES) or {},
                        entity_id,
                        user_input.get(FIELD_NAME, "").strip(),
                        others,
                    ),
                    CONF_APPLIANCE_TYPES: _pick(
                        options.get(CONF_APPLIANCE_TYPES) or {},
                        entity_id,
                        chosen_type if chosen_type != AUTO else None,
                        others,
                    ),
                    CONF_LOCATIONS: _pick(
                        options.get(CONF_LOCATIONS) or {},
                        entity_id,
                        chosen_location if chosen_location != AUTO else None,
                        others,
                    ),
                    CONF_UNLOCK_ENTITIES: sorted(unlock),
                }
            )
        region = REGIONS[self.config_entry.data[CONF_REGION]]
        fields: dict[vol.Marker, Any] = {
            vol.Optional(FIELD_NAME, default=""): TextSelector(),
            vol.Required(FIELD_APPLIANCE_TYPE, default=AUTO): SelectSelector(
                SelectSelectorConfig(
                    options=[AUTO, *sorted(map(appliance_type_key, APPLIANCE_TYPES))],
                    mode=SelectSelectorMode.DROPDOWN,
                    translation_key=FIELD_APPLIANCE_TYPE,
                )
            ),
            vol.Required(FIELD_LOCATION, default=AUTO): SelectSelector(
                SelectSelectorConfig(
                    options=[
                        SelectOptionDict(value=AUTO, label=AUTO),
                        *(
                            SelectOptionDict(value=code, label=location_label(code))
                            for code in sorted(region.locations, key=location_label)
                        ),
                    ],
                    mode=SelectSelectorMode.DROPDOWN,
                    translation_key=FIELD_LOCATION,
                )
            ),
        }
        if sensitive:
            fields[vol.Optional(FIELD_SENSITIVE, default=False)] = BooleanSelector()
        location = (options.get(CONF_LOCATIONS) or {}).get(entity_id, AUTO)
        current = {
            FIELD_NAME: (options.get(CONF_NAMES) or {}).get(entity_id, ""),
            FIELD_APPLIANCE_TYPE: appliance_type_key(
                (options.get(CONF_APPLIANCE_TYPES) or {}).get(entity_id, AUTO)
            ),
            # A room of the region before a reconfigure, which this region lacks, is ignored.
            FIELD_LOCATION: location if location in region.locations else AUTO,
            FIELD_SENSITIVE: entity_id in (options.get(CONF_UNLOCK_ENTITIES) or ()),
        }
        return self.async_show_form(
            step_id="entity_settings",
            data_schema=self.add_suggested_values_to_schema(vol.Schema(fields), current),
            description_placeholders={"entity": self._appliance_label(entity_id)},
        )

    def _needs_opt_in(self, entity_id: str) -> bool:
        domain = entity_id.partition(".")[0]
        state = self.hass.states.get(entity_id)
        device_class = state.attributes.get("device_class") if state is not None else None
        if device_class is None and (entry := er.async_get(self.hass).async_get(entity_id)):
            device_class = entry.device_class or entry.original_device_class
        return needs_opt_in(domain, device_class)

    async def async_step_security(
        self, user_input: dict[str, Any] | None = None
    ) -> ConfigFlowResult:
        """An extra trusted signing key, and the advanced switches."""
        errors: dict[str, str] = {}
        stored = self.config_entry.options.get(CONF_SECURITY) or {}
        if user_input is not None:
            pem = user_input.get(CONF_EXTRA_PUBLIC_KEY, "").strip()
            advanced = user_input.get(SECTION_ADVANCED, {})
            client_ids = [
                client_id.strip()
                for client_id in advanced.get(CONF_EXTRA_CLIENT_IDS, [])
                if client_id.strip()
            ]
            if pem:
                try:
                    load_public_key(pem)
                except ValueError:
                    errors[CONF_EXTRA_PUBLIC_KEY] = "invalid_public_key"
            if not all(_valid_client_id(client_id) for client_id in client_ids):
                errors["base"] = "invalid_client_id"
            if not errors:
                security = {
                    CONF_EXTRA_PUBLIC_KEY: pem,
                    CONF_EXTRA_CLIENT_IDS: client_ids,
                    CONF_ALLOW_LONG_LIVED_TOKENS: advanced.get(CONF_ALLOW_LONG_LIVED_TOKENS, False),
                    CONF_VERIFY_SIGNATURE: advanced.get(CONF_VERIFY_SIGNATURE, True),
                }
                return self.async_create_entry(
                    data={**self.config_entry.options, CONF_SECURITY: security}
                )
        current = user_input or {
            CONF_EXTRA_PUBLIC_KEY: stored.get(CONF_EXTRA_PUBLIC_KEY, ""),
            SECTION_ADVANCED: {
                CONF_EXTRA_CLIENT_IDS: stored.get(CONF_EXTRA_CLIENT_IDS, []),
                CONF_ALLOW_LONG_LIVED_TOKENS: stored.get(CONF_ALLOW_LONG_LIVED_TOKENS, False),
                CONF_VERIFY_SIGNATURE: stored.get(CONF_VERIFY_SIGNATURE, True),
            },
        }
        return self.async_show_form(
            step_id="security",
            data_schema=self.add_suggested_values_to_schema(_security_schema(), current),
            errors=errors,
        )

    async def async_step_push(self, user_input: dict[str, Any] | None = None) -> ConfigFlowResult:
        """CLOVA Push: the extension ID and the push API key (empty: keep the saved key)."""
        errors: dict[str, str] = {}
        options = self.config_entry.options
        stored = options.get(CONF_PUSH) or {}
        extension_id = str(stored.get(CONF_PUSH_EXTENSION_ID, ""))
        if user_input is not None:
            extension_id = user_input.get(CONF_PUSH_EXTENSION_ID, "").strip()
            typed_key = user_input.get(CONF_PUSH_API_KEY, "").strip()
            # The saved key is never shown: an empty field keeps it (while there is an ID).
            api_key = typed_key or (str(stored.get(CONF_PUSH_API_KEY, "")) if extension_id else "")
            if extension_id and not valid_header_value(extension_id):
                errors[CONF_PUSH_EXTENSION_ID] = "invalid_extension_id"
            if typed_key and not valid_header_value(typed_key):
                errors[CONF_PUSH_API_KEY] = "invalid_push_api_key"
            if not errors and bool(extension_id) != bool(api_key):
                errors["base"] = "push_incomplete"
            if not errors:
                push = {CONF_PUSH_EXTENSION_ID: extension_id, CONF_PUSH_API_KEY: api_key}
                if push != {key: stored.get(key, "") for key in push}:
                    # New settings: CLOVA's refusal of the old ones no longer holds.
                    async_push_accepted(self.hass)
                kept = {key: value for key, value in options.items() if key != CONF_PUSH}
                return self.async_create_entry(
                    data={**kept, CONF_PUSH: push} if extension_id else kept
                )
        schema = vol.Schema(
            {
                vol.Optional(CONF_PUSH_EXTENSION_ID, default=""): TextSelector(),
                vol.Optional(CONF_PUSH_API_KEY, default=""): TextSelector(
                    TextSelectorConfig(type=TextSelectorType.PASSWORD)
                ),
            }
        )
        return self.async_show_form(
            step_id="push",
            data_schema=self.add_suggested_values_to_schema(
                schema, {CONF_PUSH_EXTENSION_ID: extension_id}
            ),
            errors=errors,
        )
