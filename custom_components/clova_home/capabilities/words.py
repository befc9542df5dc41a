"""Words spoken to the user, in the Home Assistant language: Korean, Japanese, else English.

Spoken free text (power states, GetDeviceState names) is looked up here.
"""

from __future__ import annotations

from homeassistant.components.sensor import SensorDeviceClass
from homeassistant.core import HomeAssistant

LANGUAGES = ("ko", "ja", "en")
WORDS: dict[str, tuple[str, str, str]] = {
    # power and binary states
    "on": ("켜짐", "オン", "on"),
    "off": ("꺼짐", "オフ", "off"),
    "charging": ("충전 중", "充電中", "charging"),
    "low_battery": ("배터리 부족", "電池残量低下", "low battery"),
    "error": ("오류", "エラー", "error"),
    "open": ("열림", "開", "open"),
    "closed": ("닫힘", "閉", "closed"),
    "detected": ("감지됨", "検知", "detected"),
    "clear": ("감지 안 됨", "未検知", "clear"),
    "opening": ("여는 중", "開いています", "opening"),
    "closing": ("닫는 중", "閉じています", "closing"),
    "locked": ("잠김", "施錠", "locked"),
    "unlocked": ("잠금 해제", "解錠", "unlocked"),
    "locking": ("잠그는 중", "施錠中", "locking"),
    "unlocking": ("잠금 해제 중", "解錠中", "unlocking"),
    "jammed": ("걸림", "故障", "jammed"),
    # spoken as "... is in {state}" (ConditionsNotMetError)
    "jammed_state": ("잠금장치가 걸린 상태", "ロックが引っかかった状態", "a jammed state"),
    # names of facts
    "power_state": ("전원", "電源", "power"),
    "state": ("상태", "状態", "state"),
    "brightness": ("밝기", "明るさ", "brightness"),
    "fan_speed": ("풍량", "風量", "fan speed"),
    "target_temperature": ("희망 온도", "設定温度", "target temperature"),
    "current_temperature": ("현재 온도", "現在の温度", "current temperature"),
    "target_humidity": ("희망 습도", "設定湿度", "target humidity"),
    SensorDeviceClass.TEMPERATURE: ("온도", "温度", "temperature"),
    SensorDeviceClass.HUMIDITY: ("습도", "湿度", "humidity"),
    SensorDeviceClass.PM10: ("미세먼지", "PM10", "fine dust"),
    SensorDeviceClass.PM25: ("초미세먼지", "PM2.5", "ultrafine dust"),
    SensorDeviceClass.AQI: ("공기질 지수", "空気質指数", "air quality index"),
    SensorDeviceClass.CO2: ("이산화탄소", "二酸化炭素", "carbon dioxide"),
    SensorDeviceClass.BATTERY: ("배터리", "バッテリー", "battery"),
    SensorDeviceClass.POWER: ("소비 전력", "消費電力", "power consumption"),
    SensorDeviceClass.ENERGY: ("전기 사용량", "電気使用量", "electricity"),
    SensorDeviceClass.GAS: ("가스 사용량", "ガス使用量", "gas"),
    SensorDeviceClass.WATER: ("수도 사용량", "水道使用量", "water"),
}


def word(hass: HomeAssistant, key: str) -> str:
    """``key`` in the Home Assistant language (Korean, Japanese, else English)."""
    language = (hass.config.language or "").split("-")[0].lower()
    words = WORDS[key]
    return words[LANGUAGES.index(language)] if language in LANGUAGES else words[-1]
