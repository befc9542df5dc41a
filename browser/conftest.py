"""Fixtures: one Home Assistant and one Chromium for the session, a fresh page per language."""

from __future__ import annotations

from collections.abc import Callable, Iterator
import contextlib
import os
from pathlib import Path
import signal
import tempfile
from types import FrameType

from playwright.sync_api import Browser, Error as PlaywrightError, Page, Route, sync_playwright
import pytest

from ha_server import HomeAssistant, running_home

CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright never downloads a browser here
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Tall enough that the longest options form fits in its dialog without scrolling.
VIEWPORT = {"width": 1280, "height": 1600}
LOCALES = {"en": "en-US", "ko": "ko-KR"}
SCREENSHOTS = Path(
    os.environ.get("BROWSER_SCREENSHOTS", Path(__file__).parent.parent / "docs" / "screenshots")
)
# What a failed test leaves behind: the whole page as it was, and Home Assistant's log.
FAILURES = Path(os.environ.get("BROWSER_FAILURES", Path(tempfile.gettempdir()) / "clova-browser"))
_pages: dict[str, Page] = {}  # test id -> its open page, for the failure screenshot


def _terminate(signum: int, frame: FrameType | None) -> None:
    """SIGTERM (from ``timeout``) unwinds like Ctrl-C, so the fixtures stop HA and Chromium."""
    raise KeyboardInterrupt(f"signal {signum}")


def pytest_configure(config: pytest.Config) -> None:
    """Install the SIGTERM handler before any fixture starts a process."""
    signal.signal(signal.SIGTERM, _terminate)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> object:
    """After a failed test call, save its page and the end of Home Assistant's log."""
    report = yield
    page = _pages.get(item.nodeid)
    if call.when == "call" and call.excinfo is not None and page is not None:
        FAILURES.mkdir(parents=True, exist_ok=True)
        name = item.name.replace("/", "_")
        try:
            page.screenshot(path=FAILURES / f"{name}.png", full_page=True)
        except Exception as error:  # the page may be what failed  # noqa: BLE001
            print(f"no failure screenshot: {error}")
        hass = getattr(item, "funcargs", {}).get("hass")
        if isinstance(hass, HomeAssistant):
            (FAILURES / f"{name}-hass.log").write_text(hass.tail(400))
        print(f"Failure screenshot and Home Assistant log in {FAILURES}")
    return report


@pytest.fixture(scope="session")
def hass() -> Iterator[HomeAssistant]:
    """A real Home Assistant, onboarded, stopped at the end whatever happens."""
    with running_home() as server:
        yield server


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium driven by Playwright (a fresh profile in a temporary directory)."""
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            with contextlib.suppress(PlaywrightError):
                chromium.close()


@pytest.fixture
def screenshots() -> Path:
    """Where the README's screenshots are written."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS


@pytest.fixture
def page_for(
    request: pytest.FixtureRequest, browser: Browser, hass: HomeAssistant
) -> Iterator[Callable[[str], Page]]:
    """``page_for(lang)``: a fresh page in ``lang``, closed (with its context) afterwards."""
    opened: list[Page] = []

    def make(lang: str) -> Page:
        page = open_page(browser, hass, lang)
        opened.append(page)
        _pages[request.node.nodeid] = page
        return page

    yield make
    _pages.pop(request.node.nodeid, None)
    for page in opened:
        # Gone already when the run is being stopped (the driver got the signal too).
        with contextlib.suppress(PlaywrightError):
            page.context.close()


def open_page(browser: Browser, hass: HomeAssistant, lang: str) -> Page:
    """A new browser context whose UI language is ``lang``; nothing leaves 127.0.0.1."""
    context = browser.new_context(
        viewport=VIEWPORT,  # type: ignore[arg-type]
        device_scale_factor=1,
        locale=LOCALES[lang],
    )
    context.set_default_timeout(30_000)
    # The frontend keeps the chosen language in localStorage; set it before any page loads.
    context.add_init_script(f"localStorage.setItem('selectedLanguage', JSON.stringify('{lang}'))")

    def local_only(route: Route) -> None:
        # Brand icons and the like live on the internet: refuse them instead of waiting.
        if route.request.url.startswith(hass.url):
            route.continue_()
        else:
            route.abort()

    context.route("**/*", local_only)
    return context.new_page()
