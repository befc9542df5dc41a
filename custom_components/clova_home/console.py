"""The values the user copies into the Clova developer console, and what is wrong with them.

Shown by the setup and reconfigure steps, and checked again by the repair issue about
the external URL: one place decides both, so they can never disagree.
"""

from __future__ import annotations

from homeassistant.core import HomeAssistant
from homeassistant.helpers.network import NoURLAvailableError, get_url
from yarl import URL

from .const import AUTHORIZE_PATH, ENDPOINT_PATH, REGIONS, TOKEN_PATH

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
