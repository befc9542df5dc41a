from unittest.mock import patch
from homeassistant.const import Platform
from homeassistant.core import HomeAssistant
from homeassistant.helpers import entity_registry as er, device_registry as dr
from homeassistant.setup import async_setup_component
from .conftest import SetupClova
import json

async def test_explore(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    with patch("homeassistant.components.demo.COMPONENTS_WITH_CONFIG_ENTRY_DEMO_PLATFORM",
               [Platform.LIGHT, Platform.CLIMATE, Platform.LOCK, Platform.SWITCH, Platform.FAN]):
        assert await async_setup_component(hass, "homeassistant", {})
        assert await async_setup_component(hass, "demo", {})
        await hass.async_block_till_done()
    reg = er.async_get(hass)
    for s in hass.states.async_all():
        e = reg.async_get(s.entity_id)
        print(s.entity_id, s.state, dict(s.attributes), e and e.id, e and e.device_id)
    clova = await setup_clova(exposed=[s.entity_id for s in hass.states.async_all()])
    a = await clova.request("DiscoverAppliances")
    print(json.dumps(a, indent=1))
    assert False
