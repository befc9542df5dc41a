"""Repair issues: what the user has to fix for Clova to reach Home Assistant safely.

Raised at setup (external URL, signature verification off), when Home Assistant's URL
settings change, by the gate (bad signatures piling up, tokens of a client that is not
allowed), and by CLOVA Push (the extension ID or push API key refused). Each goes away by
itself once the cause is gone.
"""

from __future__ import annotations

import time
from typing import Final

from homeassistant.core import HomeAssistant, callback
from homeassistant.helpers import issue_registry as ir

from .console import console_values
from .const import DOMAIN
from .runtime import ClovaConfigEntry, ClovaRuntime
from .stats import BAD_SIGNATURE_THRESHOLD, BAD_SIGNATURE_WINDOW

ISSUE_NO_EXTERNAL_URL: Final = "no_external_url"
ISSUE_EXTERNAL_URL_NOT_HTTPS: Final = "external_url_not_https"
ISSUE_SIGNATURE_OFF: Final = "signature_verification_off"
ISSUE_BAD_SIGNATURES: Final = "repeated_bad_signatures"
ISSUE_UNEXPECTED_CLIENT: Final = "unexpected_client_id"
ISSUE_PUSH_KEY_REFUSED: Final = "push_key_refused"

SETUP_ISSUES: Final = (ISSUE_NO_EXTERNAL_URL, ISSUE_EXTERNAL_URL_NOT_HTTPS, ISSUE_SIGNATURE_OFF)
ALL_ISSUES: Final = (
    *SETUP_ISSUES,
    ISSUE_BAD_SIGNATURES,
    ISSUE_UNEXPECTED_CLIENT,
    ISSUE_PUSH_KEY_REFUSED,
)

LEARN_MORE_URL: Final = "https://github.com/clova-home-ha/clova_home#troubleshooting"


def _raise(
    hass: HomeAssistant,
    issue_id: str,
    severity: ir.IssueSeverity,
    *,
    fixable: bool = False,
    placeholders: dict[str, str] | None = None,
    data: dict[str, str | int | float | None] | None = None,
) -> None:
    """Raise one of our repair issues (its translation key is its id)."""
    ir.async_create_issue(
        hass,
        DOMAIN,
        issue_id,
        is_fixable=fixable,
        severity=severity,
        translation_key=issue_id,
        translation_placeholders=placeholders,
        learn_more_url=LEARN_MORE_URL,
        data=data,
    )


@callback
def async_check_setup(hass: HomeAssistant, entry: ClovaConfigEntry) -> None:
    """Raise or clear the issues that follow from the configuration."""
    runtime = entry.runtime_data
    async_check_external_url(hass, runtime.region.key)
    if runtime.verify_signature:
        ir.async_delete_issue(hass, DOMAIN, ISSUE_SIGNATURE_OFF)
    else:
        _raise(
            hass,
            ISSUE_SIGNATURE_OFF,
            ir.IssueSeverity.WARNING,
            fixable=True,
            data={"entry_id": entry.entry_id},
        )
        # Nothing is checked, so nothing can fail any more.
        ir.async_delete_issue(hass, DOMAIN, ISSUE_BAD_SIGNATURES)
    issue = ir.async_get(hass).async_get_issue(DOMAIN, ISSUE_UNEXPECTED_CLIENT)
    if (
        issue is not None
        and (issue.translation_placeholders or {}).get("client_id") in runtime.allowed_client_ids
    ):
        ir.async_delete_issue(hass, DOMAIN, ISSUE_UNEXPECTED_CLIENT)
    if runtime.push is None:  # CLOVA Push is off: there is no key left to refuse
        ir.async_delete_issue(hass, DOMAIN, ISSUE_PUSH_KEY_REFUSED)


@callback
def async_check_external_url(hass: HomeAssistant, region_key: str) -> None:
    """Clova needs Home Assistant's external URL, over HTTPS."""
    _, warning = console_values(hass, region_key)
    for issue_id in (ISSUE_NO_EXTERNAL_URL, ISSUE_EXTERNAL_URL_NOT_HTTPS):
        if issue_id == warning:
            _raise(hass, issue_id, ir.IssueSeverity.ERROR)
        else:
            ir.async_delete_issue(hass, DOMAIN, issue_id)


@callback
def async_bad_signature(hass: HomeAssistant, runtime: ClovaRuntime) -> None:
    """Count a bad signature; many in a short time most likely mean a wrong region or key."""
    if runtime.stats.bad_signature(time.monotonic()) < BAD_SIGNATURE_THRESHOLD:
        return
    _raise(
        hass,
        ISSUE_BAD_SIGNATURES,
        ir.IssueSeverity.WARNING,
        placeholders={
            "count": str(BAD_SIGNATURE_THRESHOLD),
            "minutes": str(round(BAD_SIGNATURE_WINDOW / 60)),
            "region": runtime.region.title,
        },
    )


@callback
def async_good_signature(hass: HomeAssistant, runtime: ClovaRuntime) -> None:
    """A well-signed request: the region and keys are right after all."""
    runtime.stats.good_signature()
    ir.async_delete_issue(hass, DOMAIN, ISSUE_BAD_SIGNATURES)


@callback
def async_unexpected_client(hass: HomeAssistant, runtime: ClovaRuntime, client_id: str) -> None:
    """A genuine token was issued to ``client_id``, which is not allowed: say how to fix it."""
    _raise(
        hass,
        ISSUE_UNEXPECTED_CLIENT,
        ir.IssueSeverity.WARNING,
        placeholders={
            "client_id": client_id,
            "expected": ", ".join(runtime.region.client_ids),
        },
    )


@callback
def async_client_accepted(hass: HomeAssistant) -> None:
    """A linked user got through: Clova's client is allowed now."""
    ir.async_delete_issue(hass, DOMAIN, ISSUE_UNEXPECTED_CLIENT)


@callback
def async_push_key_refused(hass: HomeAssistant, code: int, extension_id: str) -> None:
    """CLOVA refused the push settings (4201: unknown extension ID, 4202: wrong key)."""
    _raise(
        hass,
        ISSUE_PUSH_KEY_REFUSED,
        ir.IssueSeverity.ERROR,
        placeholders={"code": str(code), "extension_id": extension_id},
    )


@callback
def async_push_accepted(hass: HomeAssistant) -> None:
    """CLOVA took a push message, or the push settings changed: the refusal is over."""
    ir.async_delete_issue(hass, DOMAIN, ISSUE_PUSH_KEY_REFUSED)


@callback
def async_remove_issues(hass: HomeAssistant, *, setup_only: bool = False) -> None:
    """Withdraw the issues: all of them, or (on unload) those that setup raises again.

    The ones raised by requests (bad signatures, a foreign client, refused push settings)
    outlive a reload, which happens on every options change; they go when their cause does.
    """
    for issue_id in SETUP_ISSUES if setup_only else ALL_ISSUES:
        ir.async_delete_issue(hass, DOMAIN, issue_id)
