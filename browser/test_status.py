"""Is CLOVA reaching my Home Assistant? The answer at a glance, in a real browser.

Clova Home is added and set up through Home Assistant's own flows (REST, as the frontend
does it), an account is linked through HA's login as the Clova app does, and a signed
request is sent to the endpoint as CEK sends it. The integration's device page then shows
the status sensors — when CLOVA last called and how it was answered — and opening the
endpoint itself in the browser shows its short status. Both are saved as screenshots.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
import re
import time
from typing import Any

from clova_sim.client import Simulator
from clova_sim.keys import public_pem
from clova_sim.provision import RestApi, Step, create_entry, set_options
from cryptography.hazmat.primitives.asymmetric import rsa
from playwright.sync_api import Page, expect
import pytest
import requests

from ha_server import PASSWORD, USERNAME, HomeAssistant
from test_setup_and_options import Ui, save_small_png
from texts import Texts

DOMAIN = "clova_home"
ENDPOINT = "/api/clova_home"
LIGHT = "light.ceiling_lights"
# The device page, cut to what it shows of the integration (no empty space below).
DEVICE_VIEWPORT = {"width": 1280, "height": 760}
ENDPOINT_VIEWPORT = {"width": 900, "height": 160}


def wait_until(check: Callable[[], bool], what: str, timeout: float = 60) -> None:
    """Poll ``check`` until it holds (the options reload the entry in the background)."""
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.25)


def set_up_clova(hass: HomeAssistant, key: rsa.RSAPrivateKey) -> str:
    """Add Clova Home, expose a light, trust ``key``; the entry id once it runs so."""
    hass.remove_config_entries(DOMAIN)  # single_config_entry: each test adds it anew
    api = RestApi(hass.url, hass.token)
    entry_id = create_entry(api)
    set_options(
        api,
        entry_id,
        [
            Step("init", choose="exposure"),
            Step("exposure", {"exposure_source": "entities", "exposed_entities": [LIGHT]}),
        ],
    )
    set_options(
        api,
        entry_id,
        [
            Step("init", choose="security"),
            Step("security", {"extra_public_key": public_pem(key), "advanced": {}}),
        ],
    )

    def running_with_the_options() -> bool:
        entries = hass.config_entries(DOMAIN)
        if [entry["state"] for entry in entries] != ["loaded"]:
            return False
        diagnostics = hass.diagnostics(entry_id)
        return len(diagnostics["signing_keys"]) == 2 and [
            item["entity_id"] for item in diagnostics["exposed"]
        ] == [LIGHT]

    wait_until(running_with_the_options, "Clova Home to run with its new options")
    return entry_id


def template(hass: HomeAssistant, text: str) -> str:
    """Render a template through the REST API (how the test finds the device)."""
    response = requests.post(
        f"{hass.url}/api/template",
        json={"template": text},
        headers={"Authorization": f"Bearer {hass.token}"},
        timeout=30,
    )
    response.raise_for_status()
    return response.text.strip()


def status_sensors(hass: HomeAssistant) -> dict[str, dict[str, Any]]:
    """The integration's own sensors, by what they show."""
    states = {state["entity_id"]: state for state in hass.api("GET", "/api/states")}
    ours = template(hass, "{{ integration_entities('clova_home') | join(',') }}").split(",")
    found: dict[str, dict[str, Any]] = {}
    for entity_id in ours:
        state = states[entity_id]
        timestamp = state["attributes"]["device_class"] == "timestamp"
        found["last_request" if timestamp else "last_answer"] = state
    return found


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_status_on_the_device_page(
    hass: HomeAssistant,
    page_for: Callable[[str], Page],
    screenshots: Path,
    tmp_path: Path,
    lang: str,
) -> None:
    """A signed TurnOn from CLOVA, then the integration's device page and the endpoint."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    set_up_clova(hass, key)
    before = status_sensors(hass)
    assert before["last_request"]["state"] == "unknown"  # CLOVA has not called yet
    assert before["last_answer"]["state"] == "unknown"

    clova = Simulator(hass.url, key, tmp_path / "clova-sim.json")
    clova.link(USERNAME, PASSWORD)
    exchange = clova.act("TurnOn", LIGHT)  # a discovery first, as the speaker needs one
    assert exchange.status == 200
    assert exchange.name == "TurnOnConfirmation", exchange.answer

    def answered() -> bool:
        # The discovery is shown at once, the TurnOn right after it within a few seconds
        # (the sensors write at most once in a short interval).
        sensors = status_sensors(hass)
        return (
            sensors["last_answer"]["state"] == "answered"
            and sensors["last_answer"]["attributes"].get("request") == "TurnOnRequest"
            and sensors["last_request"]["state"] != "unknown"
        )

    wait_until(answered, "the status sensors to show the TurnOn")
    sensors = status_sensors(hass)

    texts = Texts(lang)
    page = page_for(lang)
    ui = Ui(page, texts, screenshots)
    ui.log_in(hass)
    device_id = template(hass, f"{{{{ device_id('{sensors['last_answer']['entity_id']}') }}}}")
    page.set_viewport_size(DEVICE_VIEWPORT)  # type: ignore[arg-type]
    page.goto(f"{hass.url}/config/devices/device/{device_id}")

    # The diagnostic card lists both sensors; the answer's state is in the page's language.
    card = page.locator("ha-device-entities-card").filter(
        has_text=texts.ui("ui.panel.config.devices.entities.diagnostic")
    )
    expect(card).to_be_visible()
    names = [
        Texts("en").clova("entity.sensor.last_request.name"),  # HA's language names entities
        Texts("en").clova("entity.sensor.last_answer.name"),
    ]
    for name in names:
        expect(card.get_by_text(name, exact=True)).to_be_visible()
    expect(
        card.get_by_text(texts.clova("entity.sensor.last_answer.state.answered"))
    ).to_be_visible()
    page.mouse.move(0, 0)
    save_small_png(
        page.screenshot(animations="disabled"), screenshots / f"status-device-{lang}.png"
    )

    # The endpoint, opened in the browser: alive, loaded, and nothing else.
    page.set_viewport_size(ENDPOINT_VIEWPORT)  # type: ignore[arg-type]
    response = page.goto(f"{hass.url}{ENDPOINT}")
    assert response is not None
    assert response.status == 200
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert body["loaded"] is True
    assert set(body) == {"service", "loaded", "message"}
    shown = page.locator("body").inner_text()
    assert re.search(r'"loaded":\s*true', shown), shown
    assert LIGHT not in shown
    if lang == "en":  # the same bytes in every language
        save_small_png(page.screenshot(animations="disabled"), screenshots / "status-endpoint.png")
