from homeassistant.core import HomeAssistant
from pytest_homeassistant_custom_component.common import async_mock_service

from .conftest import SetupClova
from .helpers import answer_name


async def test_turn_on(hass: HomeAssistant, setup_clova: SetupClova) -> None:
    hass.states.async_set("light.kitchen", "off", {"friendly_name": "Kitchen"})
    calls = async_mock_service(hass, "light", "turn_on")
    clova = await setup_clova(exposed=["light.kitchen"])
    answer = await clova.request("DiscoverAppliances")
    print(answer)
    answer = await clova.request("TurnOn", "light.kitchen")
    assert answer_name(answer) == "TurnOnConfirmation", answer
    assert len(calls) == 1
