"""The Clova Home message catalog: actions, their message names and the appliance types.

This module is the single source of truth for names. The tables were checked by hand
against the 2021 Korean reference (the newest), with the older English and Japanese
snapshots adding the actions they alone document; the official tables' typos (missing
commas, misspelt names) are not reproduced here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

NAMESPACE = "ClovaHome"
PAYLOAD_VERSIONS = frozenset({"1.0"})
PAYLOAD_VERSION = "1.0"

REQUEST_SUFFIX = "Request"


class ActionKind(StrEnum):
    """How an action is answered."""

    DISCOVERY = "discovery"  # no appliance; answered with a ...Response
    HEALTH = "health"  # HealthCheck: a ...Response without a timestamp
    CONTROL = "control"  # changes the appliance; answered with a ...Confirmation
    QUERY = "query"  # reads a value; a ...Response with applianceResponseTimestamp


@dataclass(frozen=True, slots=True)
class ActionSpec:
    """One Clova action and the names of its request and answer.

    The names are worked out once, here, not for every request that reads them.
    """

    name: str
    kind: ActionKind
    request_name: str = field(init=False)  # the request CEK sends
    response_name: str = field(init=False)  # the successful answer
    needs_appliance: bool = field(init=False)  # whether the request must name an appliance

    def __post_init__(self) -> None:
        answer = "Confirmation" if self.kind is ActionKind.CONTROL else "Response"
        object.__setattr__(self, "request_name", f"{self.name}{REQUEST_SUFFIX}")
        object.__setattr__(self, "response_name", f"{self.name}{answer}")
        object.__setattr__(
            self, "needs_appliance", self.kind in (ActionKind.CONTROL, ActionKind.QUERY)
        )


_CONTROL = (
    # simple actions
    "TurnOn", "TurnOff", "Open", "Close", "Raise", "Lower", "Stop", "Charge", "Mute",
    "Unmute", "StartRecording", "StopRecording", "StartOscillation", "StopOscillation",
    "Preheat", "CallElevator", "ChangePower", "ChangeMode", "ChangeFanSpeed",
    "ChangeInputSource", "ActionScene",
    # incremental
    "IncrementBrightness", "DecrementBrightness", "IncrementChannel", "DecrementChannel",
    "IncrementFanSpeed", "DecrementFanSpeed", "IncrementIntensityLevel",
    "DecrementIntensityLevel", "IncrementTargetTemperature", "DecrementTargetTemperature",
    "IncrementVolume", "DecrementVolume",
    # value setting
    "SetBrightness", "SetChannel", "SetChannelByName", "SetInputSourceByName", "SetColor",
    "SetColorTemperature", "SetFanSpeed", "SetMode", "ReleaseMode", "SetTargetTemperature",
    "SetFreezerTargetTemperature", "SetFridgeTargetTemperature", "SetLockState",
)  # fmt: skip

_QUERY = (
    "GetAirQuality", "GetAsleepDuration", "GetAwakeDuration", "GetBatteryInfo", "GetBMI",
    "GetBodyFat", "GetCleaningCycle", "GetCloseTime", "GetConsumption", "GetCurrentBill",
    "GetCurrentSittingState", "GetCurrentTemperature", "GetDetectedTime",
    "GetDetectionCount", "GetDeviceState", "GetEstimateBill", "GetEstimateConsumption",
    "GetExpendableState", "GetFineDust", "GetHealthScore", "GetHumidity",
    "GetKeepWarmTime", "GetLockState", "GetMuscle", "GetNotice", "GetOpenState",
    "GetOpenTime", "GetPackage", "GetPhase", "GetPowerState", "GetProgressiveTaxBracket",
    "GetRemainingTime", "GetRightPostureRatio", "GetSleepScore", "GetSleepStartTime",
    "GetTargetTemperature", "GetUltraFineDust", "GetUsageTime", "GetVehicleLocation",
    "GetWeight",
)  # fmt: skip

ACTIONS: dict[str, ActionSpec] = {
    spec.name: spec
    for spec in (
        ActionSpec("DiscoverAppliances", ActionKind.DISCOVERY),
        ActionSpec("DiscoverScenes", ActionKind.DISCOVERY),
        ActionSpec("HealthCheck", ActionKind.HEALTH),
        *(ActionSpec(name, ActionKind.CONTROL) for name in _CONTROL),
        *(ActionSpec(name, ActionKind.QUERY) for name in _QUERY),
    )
}

REQUESTS: dict[str, ActionSpec] = {spec.request_name: spec for spec in ACTIONS.values()}


def _actions(text: str) -> frozenset[str]:
    names = frozenset(text.split())
    unknown = names - ACTIONS.keys()
    if unknown:  # pragma: no cover - guards the hand-written table below
        raise ValueError(f"unknown actions in appliance table: {sorted(unknown)}")
    return names


# Appliance type -> permitted actions (2021 Korean reference).
APPLIANCE_TYPES: dict[str, frozenset[str]] = {
    "AIRCONDITIONER": _actions(
        "ChangeFanSpeed ChangeMode ChangePower DecrementFanSpeed DecrementTargetTemperature"
        " GetCurrentTemperature GetDeviceState GetTargetTemperature HealthCheck"
        " IncrementFanSpeed IncrementTargetTemperature SetFanSpeed SetMode"
        " SetTargetTemperature StartOscillation StopOscillation TurnOff TurnOn"
    ),
    "AIRPURIFIER": _actions(
        "ChangeFanSpeed ChangeMode ChangePower DecrementFanSpeed GetAirQuality"
        " GetCurrentTemperature GetDeviceState GetFineDust GetHumidity GetUltraFineDust"
        " HealthCheck IncrementFanSpeed ReleaseMode SetFanSpeed SetMode TurnOff TurnOn"
    ),
    "AIRSENSOR": _actions(
        "GetAirQuality GetCurrentTemperature GetDeviceState GetFineDust GetHumidity"
        " GetUltraFineDust HealthCheck"
    ),
    "BIDET": _actions("Close GetDeviceState GetExpendableState HealthCheck Open TurnOff TurnOn"),
    "BODYWEIGHTSCALE": _actions(
        "GetBMI GetBatteryInfo GetDeviceState GetBodyFat GetHealthScore GetMuscle"
        " GetWeight HealthCheck"
    ),
    "BUILDING_ELECTRIC_METER": _actions("GetConsumption"),
    "BUILDING_ELEVATOR_CALLER": _actions("CallElevator"),
    "BUILDING_GAS_METER": _actions("GetConsumption"),
    "BUILDING_HEATING_METER": _actions("GetConsumption"),
    "BUILDING_HOTWATER_METER": _actions("GetConsumption"),
    "BUILDING_NOTICE_MONITOR": _actions("GetNotice"),
    "BUILDING_PACKAGE": _actions("GetPackage"),
    "BUILDING_PARKING_MONITOR": _actions("GetVehicleLocation"),
    "BUILDING_UTILITY_BILL_MONITOR": _actions("GetCurrentBill"),
    "BUILDING_WATER_METER": _actions("GetConsumption"),
    "CLOTHESCAREMACHINE": _actions(
        "GetDeviceState GetPhase GetRemainingTime HealthCheck TurnOff TurnOn"
    ),
    "CLOTHESDRYER": _actions("GetDeviceState GetPhase GetRemainingTime HealthCheck TurnOff TurnOn"),
    "CLOTHESWASHER": _actions(
        "GetDeviceState GetPhase GetRemainingTime HealthCheck TurnOff TurnOn"
    ),
    "DEHUMIDIFIER": _actions(
        "GetCurrentTemperature GetDeviceState GetHumidity HealthCheck SetFanSpeed TurnOff TurnOn"
    ),
    "DISHWASHER": _actions("GetDeviceState GetPhase GetRemainingTime HealthCheck TurnOff TurnOn"),
    "ELECTRICKETTLE": _actions("GetCurrentTemperature GetDeviceState HealthCheck TurnOff TurnOn"),
    "ELECTRICTOOTHBRUSH": _actions("GetDeviceState HealthCheck"),
    "FAN": _actions(
        "DecrementFanSpeed GetDeviceState HealthCheck IncrementFanSpeed SetFanSpeed"
        " SetMode StartOscillation StopOscillation TurnOff TurnOn"
    ),
    "HEATER": _actions(
        "DecrementTargetTemperature GetCurrentTemperature GetDeviceState"
        " GetTargetTemperature HealthCheck IncrementTargetTemperature"
        " SetTargetTemperature TurnOff TurnOn"
    ),
    "HOMECAM": _actions(
        "GetDetectionCount HealthCheck ReleaseMode SetMode StartRecording StopRecording"
        " TurnOff TurnOn"
    ),
    "HUMIDIFIER": _actions(
        "GetCurrentTemperature GetDeviceState GetHumidity HealthCheck ReleaseMode"
        " SetFanSpeed SetMode TurnOff TurnOn"
    ),
    "KIMCHIREFRIGERATOR": _actions("GetDeviceState HealthCheck"),
    "LIGHT": _actions(
        "DecrementBrightness DecrementVolume HealthCheck GetDeviceState"
        " IncrementBrightness IncrementVolume ReleaseMode SetBrightness SetColor"
        " SetColorTemperature SetMode TurnOff TurnOn"
    ),
    "MASSAGECHAIR": _actions(
        "DecrementIntensityLevel GetDeviceState HealthCheck IncrementIntensityLevel TurnOff TurnOn"
    ),
    "MICROWAVE": _actions("GetDeviceState GetRemainingTime HealthCheck TurnOff TurnOn"),
    "MOTIONSENSOR": _actions(
        "GetDetectedTime GetDeviceState GetPowerState HealthCheck ReleaseMode SetMode"
        " TurnOff TurnOn"
    ),
    "OPENCLOSESENSOR": _actions("GetCloseTime GetDeviceState GetOpenState GetOpenTime HealthCheck"),
    "OVEN": _actions("GetDeviceState GetRemainingTime HealthCheck Preheat"),
    "POWERSTRIP": _actions(
        "GetConsumption GetDeviceState GetEstimateBill GetProgressiveTaxBracket"
        " HealthCheck TurnOff TurnOn"
    ),
    "PURIFIER": _actions(
        "GetConsumption GetDeviceState GetExpendableState HealthCheck ReleaseMode"
        " SetMode SetTargetTemperature"
    ),
    "RANGE": _actions("GetDeviceState HealthCheck"),
    "RANGEHOOD": _actions("GetDeviceState HealthCheck TurnOff TurnOn"),
    "REFRIGERATOR": _actions("GetDeviceState HealthCheck ReleaseMode SetMode SetTargetTemperature"),
    "RICECOOKER": _actions(
        "GetCleaningCycle GetDeviceState GetExpendableState GetKeepWarmTime GetPhase"
        " GetRemainingTime HealthCheck ReleaseMode SetMode Stop TurnOff TurnOn"
    ),
    "ROBOTVACUUM": _actions("Charge GetBatteryInfo GetDeviceState HealthCheck TurnOff TurnOn"),
    "SETTOPBOX": _actions(
        "ChangeInputSource ChangePower DecrementChannel DecrementVolume GetDeviceState"
        " HealthCheck IncrementChannel IncrementVolume Mute SetChannel SetChannelByName"
        " TurnOff TurnOn Unmute"
    ),
    "SLEEPINGMONITOR": _actions(
        "GetAsleepDuration GetAwakeDuration GetDeviceState GetSleepScore"
        " GetSleepStartTime HealthCheck TurnOff TurnOn"
    ),
    "SMARTBED": _actions("GetDeviceState HealthCheck Lower Raise Stop"),
    "SMARTCHAIR": _actions(
        "GetCurrentSittingState GetDeviceState GetRightPostureRatio GetUsageTime HealthCheck"
    ),
    "SMARTCURTAIN": _actions("Close GetDeviceState HealthCheck Open Stop"),
    "SMARTHUB": _actions(
        "GetCurrentTemperature GetDeviceState GetHumidity GetTargetTemperature HealthCheck SetMode"
    ),
    "SMARTLOCK": _actions("GetDeviceState GetLockState HealthCheck SetLockState"),
    "SMARTMETER": _actions(
        "GetConsumption GetCurrentBill GetDeviceState GetEstimateBill"
        " GetProgressiveTaxBracket HealthCheck"
    ),
    "SMARTPLUG": _actions(
        "GetConsumption GetDeviceState GetEstimateBill HealthCheck TurnOff TurnOn"
    ),
    "SMARTTV": _actions(
        "ChangeInputSource ChangePower DecrementChannel DecrementVolume GetDeviceState"
        " HealthCheck IncrementChannel IncrementVolume Mute SetChannel SetChannelByName"
        " TurnOff TurnOn Unmute"
    ),
    "SMARTVALVE": _actions("GetDeviceState GetLockState SetLockState"),
    "SMOKESENSOR": _actions("GetDeviceState HealthCheck"),
    "SWITCH": _actions("GetDeviceState HealthCheck TurnOff TurnOn"),
    "THERMOSTAT": _actions(
        "DecrementTargetTemperature GetConsumption GetCurrentTemperature GetDeviceState"
        " GetEstimateConsumption GetTargetTemperature HealthCheck"
        " IncrementTargetTemperature SetMode SetTargetTemperature TurnOff TurnOn"
    ),
    "VENTILATOR": _actions(
        "GetAirQuality GetCurrentTemperature GetDeviceState GetHumidity"
        " GetTargetTemperature HealthCheck ReleaseMode SetFanSpeed SetMode TurnOff TurnOn"
    ),
    "WATERBOILER": _actions("GetDeviceState HealthCheck SetMode TurnOff TurnOn"),
    "WINECELLAR": _actions(
        "GetDeviceState HealthCheck ReleaseMode SetMode SetTargetTemperature TurnOff TurnOn"
    ),
}

LOCK_LOCKED = "LOCKED"
LOCK_UNLOCKED = "UNLOCKED"
LOCK_STATES = (LOCK_LOCKED, LOCK_UNLOCKED)


def _modes(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Appliance type -> the operation mode codes Clova knows for it (SetMode, ReleaseMode,
# ChangeMode), the union of the 2018, 2020 and 2021 references.
MODES: dict[str, frozenset[str]] = {
    "AIRCONDITIONER": _modes(
        "auto away blower cool dehumidify fan heat indoor powercool powersaving sleep wakeup"
    ),
    "AIRPURIFIER": _modes(
        "auto autohumidify dehumidify humidify infant removepollen roomcare sleep yellowsand"
    ),
    "FAN": _modes("auto baby sleep"),
    "HOMECAM": _modes("privacy sensing"),
    "HUMIDIFIER": _modes("light"),
    "LIGHT": _modes("concentration movie music reading rest sleep vitality wakeup"),
    "MOTIONSENSOR": _modes("siren"),
    "PURIFIER": _modes("coldwater general hotwater smartchecking"),
    "REFRIGERATOR": _modes("filter freeze powersaving"),
    "RICECOOKER": _modes("general keepwarm powersaving reheating"),
    "SMARTHUB": _modes("away hotwater indoor sleep"),
    "THERMOSTAT": _modes("away hotwater indoor sleep"),
    "VENTILATOR": _modes("auto dehumidify dry ventilating warmwind"),
    "WATERBOILER": _modes("hotwater reheating washing"),
}
