"""Add Clova Home and set its options in a real browser, in English and in Korean.

Home Assistant and Chromium are real (see conftest.py); every step goes through the pages a
user sees, and the outcome is checked through Home Assistant's REST API: the entry's
options, what the integration reports in its diagnostics, and what a Clova discovery lists.
The dialogs are saved as the README's screenshots.
"""

from __future__ import annotations

from collections.abc import Callable
import io
from pathlib import Path
import re

from PIL import Image, ImageChops
from playwright.sync_api import Locator, Page, expect
import pytest

from ha_server import EXTERNAL_URL, PASSWORD, USERNAME, HomeAssistant
from texts import Texts

DOMAIN = "clova_home"
KOREA_CLIENT_ID = "https://prod-ni-cic.clova.ai/"

# What the test exposes, and the lock it names, places and allows to be unlocked.
EXPOSED = ["lock.front_door", "light.ceiling_lights", "fan.living_room_fan"]
LOCK = "lock.front_door"
LOCK_NAME = "현관 도어락"
LOCK_ROOM_LABEL = "현관 · 玄関 · Entrance"
LOCK_ROOM = "ENTRANCE"
# An extra account-linking client ID allowed under Security → Advanced.
EXTRA_CLIENT_ID = "https://clova-test.example.com/"


# The screenshots: the dialog on a light grey backdrop, with a margin of it all around.
BACKDROP = "#f0f0f0"
MARGIN = 8
# A new screenshot replaces the old one when more pixels than this changed visibly (a changed
# word alone changes hundreds).
SAME_PIXELS = 50


def save_small_png(png: bytes, path: Path) -> None:
    """Save a screenshot with a 128-colour palette: a third of the size, text still crisp.

    A file that differs only in a few pixels (a switch caught mid-transition, anti-aliasing)
    is left as it is, so that running the test does not churn the committed screenshots.
    """
    with Image.open(io.BytesIO(png)) as image:
        small = image.convert("RGB").quantize(colors=128, dither=Image.Dither.NONE)
    if path.exists():
        with Image.open(path) as old:
            before = old.convert("RGB")
        after = small.convert("RGB")
        if before.size == after.size:
            changed = ImageChops.difference(before, after).convert("L").point(lambda v: v > 24)
            if sum(changed.histogram()[1:]) <= SAME_PIXELS:
                return
    small.save(path, optimize=True)


class Ui:
    """The steps of the config and options dialogs, in the page's language."""

    def __init__(self, page: Page, texts: Texts, shots: Path) -> None:
        self.page = page
        self.texts = texts
        self.shots = shots
        self.dialog = page.locator("dialog-data-entry-flow ha-dialog")

    def log_in(self, hass: HomeAssistant) -> None:
        """Through Home Assistant's login page, landing on the dashboard."""
        self.page.goto(hass.url + "/")
        self.page.locator("input[name=username]").fill(USERNAME)
        self.page.locator("input[name=password]").fill(PASSWORD)
        self.page.keyboard.press("Enter")
        self.page.wait_for_url(re.compile(r"/lovelace/"))

    def button(self, key: str) -> Locator:
        """A button of the open dialog by its frontend label."""
        return self.dialog.get_by_role("button", name=self.texts.ui(key), exact=True)

    def submit(self) -> None:
        """The dialog's Submit button."""
        self.button("ui.panel.config.integrations.config_flow.submit").click()

    def finish(self) -> None:
        """Close the success step."""
        self.button("ui.panel.config.integrations.config_flow.finish").click()
        expect(self.dialog).to_have_count(0)

    def heading(self, text: str) -> None:
        """Wait until the dialog shows the step titled ``text``."""
        expect(self.dialog.get_by_role("heading", name=text, exact=True)).to_be_visible()

    def shot(self, name: str) -> None:
        """Save the dialog (not the page behind it) as ``<name>-<lang>.png``."""
        # No focus ring or ripple in the picture: click a neutral spot, the step's title.
        self.dialog.get_by_role("heading").first.click()
        self.page.mouse.move(0, 0)
        # An opaque backdrop, so the page behind the dialog's round corners stays out.
        self.page.add_style_tag(content=f"html {{ --mdc-dialog-scrim-color: {BACKDROP}; }}")
        box = self.dialog.locator(".mdc-dialog__surface").bounding_box()
        assert box is not None, "the dialog is not shown"
        png = self.page.screenshot(
            animations="disabled",
            clip={
                "x": box["x"] - MARGIN,
                "y": box["y"] - MARGIN,
                "width": box["width"] + 2 * MARGIN,
                "height": box["height"] + 2 * MARGIN,
            },
        )
        save_small_png(png, self.shots / f"{name}-{self.texts.lang}.png")

    def pick_entity(self, entity_id: str) -> None:
        """Add ``entity_id`` in the (last, empty) entity picker of the form."""
        pickers = self.dialog.locator("ha-entity-picker")
        expect(pickers.last).to_be_visible()  # the form has rendered its pickers
        count = pickers.count()
        field = pickers.nth(count - 1).locator("input")  # the last one, empty
        field.click()
        field.fill(entity_id)
        self.page.get_by_role("option", name=re.compile(re.escape(entity_id))).click()
        # The chosen entity stays in its picker, and a new empty picker follows it.
        expect(pickers).to_have_count(count + 1)
        expect(field).not_to_have_value("")

    def choose(self, label: str, option: str | re.Pattern[str]) -> None:
        """Choose ``option`` in the dropdown labelled ``label``."""
        # The label floats in the select's shadow root, with a "*" when the field is required.
        floating = self.page.locator(".mdc-floating-label").filter(
            has_text=re.compile(rf"^\s*{re.escape(label)}\s*\*?\s*$")
        )
        self.dialog.locator("ha-select").filter(has=floating).click()
        self.page.get_by_role("option", name=option).click()

    def open_options(self, hass: HomeAssistant) -> None:
        """The integration page's Configure button, then the options menu."""
        self.page.goto(f"{hass.url}/config/integrations/integration/{DOMAIN}")
        self.page.get_by_role(
            "button", name=self.texts.ui("ui.panel.config.integrations.config_entry.configure")
        ).click()
        self.heading(self.texts.clova("options.step.init.title"))

    def options_saved(self) -> None:
        """The options flow ended with its success step."""
        expect(
            self.dialog.get_by_text(self.texts.ui("ui.dialogs.options_flow.success.description"))
        ).to_be_visible()
        self.finish()


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_setup_and_options(
    hass: HomeAssistant, page_for: Callable[[str], Page], screenshots: Path, lang: str
) -> None:
    """Add the integration, expose three entities, set up the lock; check what Clova gets."""
    hass.remove_config_entries(DOMAIN)  # single_config_entry: each language adds it anew
    texts = Texts(lang)
    ui = Ui(page_for(lang), texts, screenshots)
    ui.log_in(hass)
    add_integration(ui, hass)
    entry_id = only_entry(hass)
    assert hass.diagnostics(entry_id)["exposed"] == []  # nothing until the user chooses

    ui.open_options(hass)
    menu(ui)
    what_clova_sees(ui)
    ui.open_options(hass)
    one_device(ui)
    security(ui, hass, entry_id)

    diagnostics = hass.diagnostics(entry_id)
    options = diagnostics["entry"]["options"]
    assert options["exposure_source"] == "entities"
    assert sorted(options["exposed_entities"]) == sorted(EXPOSED)
    assert options["names"] == {LOCK: LOCK_NAME}
    assert options["locations"] == {LOCK: LOCK_ROOM}
    assert options["unlock_entities"] == [LOCK]
    # The running integration took the options (it reloads on change).
    assert sorted(item["entity_id"] for item in diagnostics["exposed"]) == sorted(EXPOSED)
    assert diagnostics["configuration"]["unlock_entities"] == [LOCK]
    assert options["security"] == {
        "extra_public_key": "",
        "extra_client_ids": [EXTRA_CLIENT_ID],
        "allow_long_lived_tokens": False,
        "verify_signature": True,
    }
    assert EXTRA_CLIENT_ID in diagnostics["configuration"]["allowed_client_ids"]
    assert KOREA_CLIENT_ID in diagnostics["configuration"]["allowed_client_ids"]
    assert diagnostics["configuration"]["verify_signature"] is True
    discovered = hass.clova_discovery()
    lock = [a for a in discovered if f"({LOCK})" in a["friendlyDescription"]]
    assert len(lock) == 1, discovered
    assert lock[0]["friendlyName"] == LOCK_NAME
    assert lock[0]["location"] == LOCK_ROOM
    assert lock[0]["applianceTypes"] == ["SMARTLOCK"]


def only_entry(hass: HomeAssistant) -> str:
    """The id of the one Clova Home entry, which must be loaded."""
    entries = hass.config_entries(DOMAIN)
    assert [entry["state"] for entry in entries] == ["loaded"]
    return str(entries[0]["entry_id"])


# -- the steps -------------------------------------------------------------------------------


def add_integration(ui: Ui, hass: HomeAssistant) -> None:
    """Settings → Devices & services → Add integration → Clova Home → Korea → console values."""
    page, texts = ui.page, ui.texts
    page.goto(f"{hass.url}/config/integrations/dashboard")
    page.get_by_role(
        "button", name=texts.ui("ui.panel.config.integrations.add_integration")
    ).click()
    page.locator("dialog-add-integration input").first.fill("Clova")
    page.get_by_text("Clova Home", exact=True).click()

    ui.heading(texts.clova("config.step.user.title"))
    ui.dialog.get_by_role("radio", name=texts.clova("selector.region.options.kr")).check()
    ui.shot("setup-region")
    ui.submit()

    ui.heading(texts.clova("config.step.console.title"))
    values = ui.dialog.locator("ha-markdown code")  # the console values are code spans
    expect(values.first).to_be_visible()
    shown = values.all_inner_texts()
    extension_urls = [value for value in shown if value.endswith("/api/clova_home")]
    assert extension_urls == [f"{EXTERNAL_URL}/api/clova_home"], shown
    assert KOREA_CLIENT_ID in shown
    # An HTTPS external URL is set, so the step warns about nothing.
    expect(ui.dialog.locator("ha-alert")).to_have_count(0)
    ui.shot("setup-console")
    ui.submit()
    ui.finish()


def menu(ui: Ui) -> None:
    """The options menu lists its three screens."""
    for item in ("exposure", "entity", "security"):
        label = ui.texts.clova(f"options.step.init.menu_options.{item}")
        expect(ui.dialog.get_by_text(label, exact=True)).to_be_visible()
    ui.shot("options-menu")


def what_clova_sees(ui: Ui) -> None:
    """What Clova sees: start from picked entities and pick three."""
    texts = ui.texts
    ui.dialog.get_by_text(texts.clova("options.step.init.menu_options.exposure")).click()
    ui.heading(texts.clova("options.step.exposure.title"))
    source = texts.clova("selector.exposure_source.options.entities")
    expect(ui.dialog.get_by_role("radio", name=source)).to_be_checked()
    for entity_id in EXPOSED:
        ui.pick_entity(entity_id)
    ui.shot("options-exposure")
    ui.submit()
    ui.options_saved()


def one_device(ui: Ui) -> None:
    """Name, type and room of a device: the lock gets a Korean name, a room and unlocking."""
    texts = ui.texts
    ui.dialog.get_by_text(texts.clova("options.step.init.menu_options.entity")).click()
    ui.heading(texts.clova("options.step.entity.title"))
    ui.choose(texts.clova("options.step.entity.data.entity_id"), re.compile(re.escape(f"({LOCK})")))
    ui.submit()

    ui.heading(texts.clova("options.step.entity_settings.title"))
    # The description names the entity whose settings these are.
    expect(ui.dialog.locator("ha-markdown").filter(has_text=f"({LOCK})")).to_be_visible()
    ui.dialog.get_by_label(texts.clova("options.step.entity_settings.data.name")).fill(LOCK_NAME)
    ui.choose(texts.clova("options.step.entity_settings.data.location"), LOCK_ROOM_LABEL)
    # Its label toggles it too, and leaves no focus ripple on the switch for the screenshot.
    sensitive = texts.clova("options.step.entity_settings.data.sensitive")
    ui.dialog.locator("p").filter(has_text=sensitive).click()
    expect(ui.dialog.get_by_role("switch")).to_be_checked()
    ui.shot("options-entity")
    ui.submit()
    ui.options_saved()


def security(ui: Ui, hass: HomeAssistant, entry_id: str) -> None:
    """Security: Advanced starts collapsed; a client ID that is no web address is refused."""
    texts = ui.texts
    advanced = "options.step.security.sections.advanced"
    header = ui.dialog.get_by_role("button", name=texts.clova(f"{advanced}.name"), exact=True)
    verify = ui.dialog.get_by_role("switch", name=texts.clova(f"{advanced}.data.verify_signature"))
    long_lived = ui.dialog.get_by_role(
        "switch", name=texts.clova(f"{advanced}.data.allow_long_lived_tokens")
    )
    add_client_id = ui.dialog.get_by_role(
        "button",
        name=texts.ui("ui.components.multi-textfield.add_item").replace(
            "{item}", texts.clova(f"{advanced}.data.extra_client_ids")
        ),
        exact=True,
    )
    client_id = ui.dialog.locator("input[type=url]")

    def open_security() -> None:
        ui.open_options(hass)
        ui.dialog.get_by_text(texts.clova("options.step.init.menu_options.security")).click()
        ui.heading(texts.clova("options.step.security.title"))
        expect(header).to_have_attribute("aria-expanded", "false")
        expect(verify).to_be_hidden()

    open_security()
    ui.shot("options-security")
    header.click()
    expect(header).to_have_attribute("aria-expanded", "true")
    expect(verify).to_be_checked()  # the safe defaults
    expect(long_lived).not_to_be_checked()
    add_client_id.click()
    client_id.fill(EXTRA_CLIENT_ID.removeprefix("https://"))
    ui.submit()
    expect(ui.dialog.get_by_text(texts.clova("options.error.invalid_client_id"))).to_be_visible()
    assert "security" not in hass.diagnostics(entry_id)["entry"]["options"]  # nothing saved
    ui.dialog.get_by_role("button", name=texts.ui("ui.common.close"), exact=True).click()
    expect(ui.dialog).to_have_count(0)

    open_security()
    header.click()
    add_client_id.click()
    client_id.fill(EXTRA_CLIENT_ID)
    ui.shot("options-security-advanced")
    ui.submit()
    ui.options_saved()
