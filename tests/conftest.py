"""Fixtures: a real Home Assistant with Clova Home set up, real tokens, real signatures."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping
from typing import Any

from cryptography.hazmat.primitives.asymmetric import rsa
from homeassistant.auth.models import User
from homeassistant.core import HomeAssistant
from homeassistant.setup import async_setup_component
import pytest
from pytest_homeassistant_custom_component.common import MockConfigEntry

# Import the integration before Home Assistant resolves it (see environment.md).
from custom_components.clova_home.const import (
    CONF_EXPOSED_ENTITIES,
    CONF_EXTRA_PUBLIC_KEY,
    CONF_REGION,
    CONF_SECURITY,
    CONF_UNLOCK_ENTITIES,
    DOMAIN,
    REGION_KR,
)

from .helpers import CLOVA_CLIENT_ID, ClovaClient, new_private_key, public_pem


@pytest.fixture(autouse=True)
def auto_enable_custom_integrations(enable_custom_integrations: None) -> None:
    """Let Home Assistant load custom_components/clova_home."""


@pytest.fixture(scope="session")
def signing_key() -> rsa.RSAPrivateKey:
    """The key the tests sign with, trusted through the extra-key option."""
    return new_private_key()


@pytest.fixture
async def clova_user(hass: HomeAssistant) -> User:
    """An ordinary active Home Assistant user who links Clova."""
    return await hass.auth.async_create_user("Clova user", group_ids=["system-admin"])


@pytest.fixture
async def clova_token(hass: HomeAssistant, clova_user: User) -> str:
    """A real access token issued to Clova's client ID."""
    refresh_token = await hass.auth.async_create_refresh_token(
        clova_user, client_id=CLOVA_CLIENT_ID
    )
    return hass.auth.async_create_access_token(refresh_token)


def entry_options(
    signing_key: rsa.RSAPrivateKey,
    exposed: Iterable[str] = (),
    unlock: Iterable[str] = (),
    security: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Options with ``exposed`` entities and the test key trusted (plus ``security``)."""
    return {
        CONF_EXPOSED_ENTITIES: list(exposed),
        CONF_UNLOCK_ENTITIES: list(unlock),
        CONF_SECURITY: {CONF_EXTRA_PUBLIC_KEY: public_pem(signing_key), **(security or {})},
    }


SetupClova = Callable[..., Awaitable[ClovaClient]]


@pytest.fixture
def setup_clova(
    hass: HomeAssistant,
    hass_client_no_auth: Callable[[], Awaitable[Any]],
    signing_key: rsa.RSAPrivateKey,
    clova_token: str,
) -> SetupClova:
    """Set up Clova Home exposing some entities; return a client playing CEK."""

    async def setup(
        exposed: Iterable[str] = (),
        unlock: Iterable[str] = (),
        region: str = REGION_KR,
        security: Mapping[str, Any] | None = None,
        options: Mapping[str, Any] | None = None,
    ) -> ClovaClient:
        """``options``: more of the entry's options (e.g. the Clova types chosen)."""
        entry = MockConfigEntry(
            domain=DOMAIN,
            title="Clova Home",
            data={CONF_REGION: region},
            options={**entry_options(signing_key, exposed, unlock, security), **(options or {})},
        )
        entry.add_to_hass(hass)
        assert await async_setup_component(hass, DOMAIN, {})
        await hass.async_block_till_done()
        return ClovaClient(hass, await hass_client_no_auth(), signing_key, clova_token)

    return setup
