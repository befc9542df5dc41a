"""Constants of the Clova Home integration."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from .protocol.locations import JP_LOCATIONS, KR_LOCATIONS

DOMAIN: Final = "clova_home"

ENDPOINT_PATH: Final = "/api/clova_home"
AUTHORIZE_PATH: Final = "/auth/authorize"
TOKEN_PATH: Final = "/auth/token"  # noqa: S105 - a URL path, not a secret

# Fired for every answered request (see pipeline.py); the logbook describes it.
EVENT_CLOVA_HOME_REQUEST: Final = "clova_home_request"
# How a command confirmed before it had finished ended (outcome.py; shown in the logbook).
EVENT_CLOVA_HOME_OUTCOME: Final = "clova_home_command_outcome"
SERVICE_PROCESS_REQUEST: Final = "process_request"
SERVICE_SEND_NOTIFICATION: Final = "send_notification"

# Requests larger than this are refused before being read whole.
MAX_BODY_BYTES: Final = 64 * 1024

# How long a control request waits for the service call; past it the command is
# considered handed on (it keeps running) and is confirmed.
SERVICE_CALL_TIMEOUT: Final = 3.0
# How long, within that bound, an entity is given to write the state its finished call
# produced before a command whose outcome is checked is confirmed as handed on (outcome.py).
COMMAND_SETTLE: Final = 0.2

CONF_REGION: Final = "region"
CONF_EXPOSURE_SOURCE: Final = "exposure_source"
SOURCE_ENTITIES: Final = "entities"  # the entities the user picked
SOURCE_ASSIST: Final = "assist"  # Home Assistant's Assist exposure list
CONF_EXPOSED_ENTITIES: Final = "exposed_entities"
CONF_INCLUDE_AREAS: Final = "include_areas"
CONF_INCLUDE_LABELS: Final = "include_labels"
CONF_EXCLUDE_AREAS: Final = "exclude_areas"
CONF_EXCLUDE_LABELS: Final = "exclude_labels"
CONF_NAMES: Final = "names"  # entity_id -> the name Clova uses
CONF_LOCATIONS: Final = "locations"  # entity_id -> Clova location code
CONF_UNLOCK_ENTITIES: Final = "unlock_entities"
CONF_APPLIANCE_TYPES: Final = "appliance_types"
CONF_SECURITY: Final = "security"
CONF_EXTRA_PUBLIC_KEY: Final = "extra_public_key"
CONF_EXTRA_CLIENT_IDS: Final = "extra_client_ids"
CONF_ALLOW_LONG_LIVED_TOKENS: Final = "allow_long_lived_tokens"
CONF_VERIFY_SIGNATURE: Final = "verify_signature"
# CLOVA Push (push.py): the extension's ID and its push API key (a secret), under CONF_PUSH.
CONF_PUSH: Final = "push"
CONF_PUSH_EXTENSION_ID: Final = "extension_id"
CONF_PUSH_API_KEY: Final = "api_key"


@dataclass(frozen=True, slots=True)
class Region:
    """What differs between the Korean and the Japanese Clova platform."""

    key: str
    title: str  # the config entry's title
    client_ids: tuple[str, ...]
    redirect_uri: str
    key_file: str
    key_url: str
    locations: frozenset[str]  # the room codes this region's Clova knows

    @property
    def client_id(self) -> str:
        """The client ID to enter in the developer console."""
        return self.client_ids[0]


REGION_KR: Final = "kr"
REGION_JP: Final = "jp"

REGIONS: Final[dict[str, Region]] = {
    REGION_KR: Region(
        key=REGION_KR,
        title="Clova Home (Korea)",
        client_ids=("https://prod-ni-cic.clova.ai/",),
        redirect_uri="https://prod-ni-cic.clova.ai/v1/al/token/",
        key_file="kr.pem",
        key_url="https://clova.ai/.well-known/signature-public-key.pem",
        locations=KR_LOCATIONS,
    ),
    REGION_JP: Region(
        key=REGION_JP,
        title="Clova Home (Japan)",
        # The Japanese docs name LINE's host; the Japan-targeted English build of 2018
        # named the Korean one, so both are accepted there.
        client_ids=(
            "https://clova-cic.line-apps.com/",
            "https://prod-ni-cic.clova.ai/",
        ),
        redirect_uri="https://clova-cic.line-apps.com/v1/al/token/",
        key_file="jp.pem",
        key_url="https://clova-cek-requests.line.me/.well-known/signature-public-key.pem",
        locations=JP_LOCATIONS,
    ),
}
