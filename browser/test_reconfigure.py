"""Change the region of an existing entry in a real browser, in English and in Korean.

The entry is added through the REST API (test_setup_and_options.py goes through those
screens); the integration page's menu → Reconfigure is then used as a user would, and the
outcome is checked through the API: the same entry, loaded, now trusting Japan's client ID.
The two steps are saved as the README's screenshots.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import Page, expect
import pytest

from ha_server import EXTERNAL_URL, HomeAssistant
from test_setup_and_options import DOMAIN, Ui, only_entry
from texts import Texts

JAPAN_CLIENT_ID = "https://clova-cic.line-apps.com/"


def add_korean_entry(hass: HomeAssistant) -> str:
    """Add Clova Home for Korea through the config flow's REST API; the entry's id."""
    flow = hass.api("POST", "/api/config/config_entries/flow", {"handler": DOMAIN})
    hass.api("POST", f"/api/config/config_entries/flow/{flow['flow_id']}", {"region": "kr"})
    done = hass.api("POST", f"/api/config/config_entries/flow/{flow['flow_id']}", {})
    assert done["type"] == "create_entry", done
    return only_entry(hass)


def open_reconfigure(ui: Ui, hass: HomeAssistant) -> None:
    """The entry's menu (⋮) on the integration page → Reconfigure."""
    page, texts = ui.page, ui.texts
    page.goto(f"{hass.url}/config/integrations/integration/{DOMAIN}")
    configure = page.get_by_role(
        "button", name=texts.ui("ui.panel.config.integrations.config_entry.configure")
    )
    row = page.locator("ha-md-list-item").filter(has=configure)
    row.get_by_role("button", name=texts.ui("ui.common.menu"), exact=True).click()
    page.get_by_role(
        "menuitem", name=texts.ui("ui.panel.config.integrations.config_entry.reconfigure")
    ).click()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_reconfigure_region(
    hass: HomeAssistant, page_for: Callable[[str], Page], screenshots: Path, lang: str
) -> None:
    """Korea → Japan: the console values follow, nothing else about the entry changes."""
    hass.remove_config_entries(DOMAIN)  # single_config_entry: each language adds it anew
    entry_id = add_korean_entry(hass)
    texts = Texts(lang)
    ui = Ui(page_for(lang), texts, screenshots)
    ui.log_in(hass)

    open_reconfigure(ui, hass)
    ui.heading(texts.clova("config.step.reconfigure.title"))
    korea = ui.dialog.get_by_role("radio", name=texts.clova("selector.region.options.kr"))
    expect(korea).to_be_checked()  # the entry's region is the starting point
    ui.dialog.get_by_role("radio", name=texts.clova("selector.region.options.jp")).check()
    ui.shot("reconfigure-region")
    ui.submit()

    ui.heading(texts.clova("config.step.reconfigure_console.title"))
    values = ui.dialog.locator("ha-markdown code")  # the console values are code spans
    expect(values.first).to_be_visible()
    shown = values.all_inner_texts()
    assert JAPAN_CLIENT_ID in shown, shown
    assert f"{EXTERNAL_URL}/api/clova_home" in shown, shown
    expect(ui.dialog.locator("ha-alert")).to_have_count(0)  # an HTTPS external URL is set
    ui.shot("reconfigure-console")
    ui.submit()

    expect(
        ui.dialog.get_by_text(texts.clova("config.abort.reconfigure_successful"))
    ).to_be_visible()
    # The step's own Close button (the dialog's header has one too, an icon).
    close = texts.ui("ui.panel.config.integrations.config_flow.close")
    ui.dialog.locator("mwc-button").get_by_role("button", name=close, exact=True).click()
    expect(ui.dialog).to_have_count(0)

    # The same entry, reloaded with the new region; what Clova sees stays as it was.
    assert only_entry(hass) == entry_id
    (entry,) = hass.config_entries(DOMAIN)
    assert entry["title"] == "Clova Home (Japan)"
    diagnostics = hass.diagnostics(entry_id)
    assert diagnostics["entry"]["data"] == {"region": "jp"}
    assert diagnostics["configuration"]["region"] == "jp"
    assert JAPAN_CLIENT_ID in diagnostics["configuration"]["allowed_client_ids"]
    assert diagnostics["entry"]["options"]["exposed_entities"] == []
