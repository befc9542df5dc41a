"""Fix flows for the repair issues that one click can fix (see issues.py)."""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from homeassistant.components.repairs import ConfirmRepairFlow, RepairsFlow
from homeassistant.core import HomeAssistant

from .const import CONF_SECURITY, CONF_VERIFY_SIGNATURE
from .issues import ISSUE_SIGNATURE_OFF

if TYPE_CHECKING:
    # A fix flow's steps return RepairsFlowResult from Home Assistant 2026 on, a plain
    # FlowResult before; the Python version tells which release is being type-checked
    # (see protocol/schema_library.py).
    if sys.version_info >= (3, 14):
        from homeassistant.components.repairs import RepairsFlowResult as StepResult
    else:
        from homeassistant.data_entry_flow import FlowResult as StepResult
from .protocol.schema_library import vol


class VerifySignatureRepairFlow(RepairsFlow):
    """Turn signature verification back on in the entry's options."""

    def __init__(self, entry_id: str | None) -> None:
        self.entry_id = entry_id

    async def async_step_init(self, user_input: dict[str, str] | None = None) -> StepResult:
        """Ask for confirmation."""
        return await self.async_step_confirm()

    async def async_step_confirm(self, user_input: dict[str, str] | None = None) -> StepResult:
        """On confirmation, set the option; the reload that follows clears the issue."""
        if user_input is None:
            return self.async_show_form(step_id="confirm", data_schema=vol.Schema({}))
        entry = self.hass.config_entries.async_get_entry(self.entry_id or "")
        if entry is None:  # removed meanwhile: nothing left to fix
            return self.async_abort(reason="entry_removed")
        security = {**(entry.options.get(CONF_SECURITY) or {}), CONF_VERIFY_SIGNATURE: True}
        self.hass.config_entries.async_update_entry(
            entry, options={**entry.options, CONF_SECURITY: security}
        )
        return self.async_create_entry(data={})


async def async_create_fix_flow(
    hass: HomeAssistant, issue_id: str, data: dict[str, str | int | float | None] | None
) -> RepairsFlow:
    """The flow that fixes ``issue_id``."""
    if issue_id == ISSUE_SIGNATURE_OFF:
        entry_id = (data or {}).get("entry_id")
        return VerifySignatureRepairFlow(entry_id if isinstance(entry_id, str) else None)
    return ConfirmRepairFlow()  # pragma: no cover - every other issue is not fixable
