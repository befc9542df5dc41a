"""Diagnostics: what Clova sees, which keys and clients are trusted, what it asked lately.

Nothing here is a credential: access tokens never reach the runtime's history, the
extra signing key (public anyway) is shown as its fingerprint instead of its PEM, and the
CLOVA Push API key is redacted. Client IDs are public URLs (they name the OAuth client, they
do not authenticate it), and are kept because a wrong one is the usual reason account
linking fails; the push extension ID is kept for the same reason (it authenticates nothing
without the key).
"""

from __future__ import annotations

from typing import Any

from homeassistant.auth.models import User
from homeassistant.components.diagnostics import async_redact_data
from homeassistant.core import HomeAssistant
from homeassistant.helpers import issue_registry as ir

from .const import CONF_EXTRA_PUBLIC_KEY, CONF_PUSH_API_KEY, DOMAIN
from .pipeline import async_discovered
from .protocol.signature import fingerprint
from .runtime import ClovaConfigEntry, ClovaRuntime

TO_REDACT = {CONF_EXTRA_PUBLIC_KEY, CONF_PUSH_API_KEY}


async def async_get_config_entry_diagnostics(
    hass: HomeAssistant, entry: ClovaConfigEntry
) -> dict[str, Any]:
    """Diagnostics for the (single) Clova Home entry."""
    runtime = entry.runtime_data
    return {
        "entry": {
            "data": dict(entry.data),
            "options": async_redact_data(dict(entry.options), TO_REDACT),
        },
        "configuration": {
            "region": runtime.region.key,
            "verify_signature": runtime.verify_signature,
            "allowed_client_ids": sorted(runtime.allowed_client_ids),
            "allow_long_lived_tokens": runtime.allow_long_lived_tokens,
            "unlock_entities": sorted(runtime.unlock_entities),
        },
        "push": {
            "configured": runtime.push is not None,
            "extension_id": runtime.push.extension_id if runtime.push is not None else None,
            "recent": runtime.push_history.as_list(),
        },
        "signing_keys": [
            {
                "source": f"bundled ({runtime.region.key_file})" if index == 0 else "extra",
                "sha256_fingerprint": fingerprint(key),
            }
            for index, key in enumerate(runtime.verifier.keys)
        ],
        "exposed": [
            {
                "appliance_id": spec.appliance_id,
                "entity_id": spec.entity_id,
                "members": spec.members,
            }
            for spec in runtime.exposure.specs()
        ],
        "discovery": await _discovery(hass, runtime),
        "repair_issues": sorted(
            issue_id for (domain, issue_id) in ir.async_get(hass).issues if domain == DOMAIN
        ),
        **runtime.stats.as_dict(),
    }


async def _discovery(hass: HomeAssistant, runtime: ClovaRuntime) -> list[dict[str, Any]] | str:
    """The discovered appliances as an admin's discovery would list them."""
    admin = await _an_admin(hass)
    if admin is None:
        return "no admin user to discover as"
    return await async_discovered(hass, runtime, admin)


async def _an_admin(hass: HomeAssistant) -> User | None:
    """The owner, or else any active administrator (discovery reads states only)."""
    if (owner := await hass.auth.async_get_owner()) is not None:
        return owner
    return next((user for user in await hass.auth.async_get_users() if user.is_admin), None)
