"""Clova's room codes (``location``) and the room names that mean them.

Clova puts an appliance in a room only by one of these fixed codes; it says the room's
name itself. The names below are what people call those rooms in Korean, Japanese and
English, so that a Home Assistant area named "거실", "リビング" or "Living room" lands in
LIVING_ROOM.
"""

from __future__ import annotations

import re

# Code -> names (Korean, Japanese, English), first the most common.
_ROOMS: dict[str, tuple[str, ...]] = {
    "ATTIC": ("다락방", "다락", "屋根裏", "屋根裏部屋", "Attic", "Loft"),
    "BALCONY": ("베란다", "발코니", "ベランダ", "バルコニー", "Balcony", "Veranda"),
    "BALCONY_IN_LIVING_ROOM": ("거실 베란다", "거실 발코니", "Living room balcony"),
    "BALCONY_IN_MAIN_ROOM": ("안방 베란다", "안방 발코니", "Master bedroom balcony"),
    "BALCONY_KITCHEN": ("주방 베란다", "뒷베란다", "Kitchen balcony"),
    "BATH_ROOM": ("욕실", "화장실", "浴室", "お風呂", "風呂場", "バスルーム", "Bathroom"),
    "BATH_ROOM_IN_LIVING_ROOM": ("거실 화장실", "거실 욕실", "공용 화장실", "공용 욕실"),
    "BATH_ROOM_IN_MAIN_ROOM": ("안방 화장실", "안방 욕실", "Master bathroom", "En suite"),
    "BED_ROOM": ("침실", "寝室", "ベッドルーム", "Bedroom"),
    "BIG_BATH_ROOM": ("큰 화장실", "큰 욕실", "Main bathroom"),
    "BIG_CHILD_ROOM": ("큰 아이방", "큰아이 방", "Older child's room"),
    "BIG_ROOM": ("큰방", "Big room"),
    "BOILER_ROOM": ("보일러실", "Boiler room"),
    "DINING_ROOM": ("식당", "다이닝룸", "ダイニング", "食堂", "Dining room"),
    "DRESS_ROOM": ("드레스룸", "옷방", "Dressing room", "Walk-in closet"),
    "ENTRANCE": ("현관", "玄関", "Entrance", "Entryway", "Front door"),
    "FAMILY_ROOM": ("가족실", "Family room"),
    "FATHER_ROOM": ("아버지 방", "아빠 방", "Father's room", "Dad's room"),
    "FIFTH_ROOM": ("다섯째 방", "다섯 번째 방", "Fifth room"),
    "FIRST_ROOM": ("첫째 방", "첫 번째 방", "1번 방", "第1の部屋", "First room"),
    "FOURTH_ROOM": ("넷째 방", "네 번째 방", "Fourth room"),
    "HALLWAY": ("복도", "廊下", "Hallway", "Corridor"),
    "KITCHEN": ("주방", "부엌", "キッチン", "台所", "Kitchen"),
    "LIBRARY": ("서재", "書斎", "Study", "Library", "Office"),
    "LIVING_ROOM": ("거실", "リビング", "居間", "リビングルーム", "Living room", "Lounge"),
    "MAIN_GATE": ("대문", "Main gate", "Gate"),
    "MAIN_ROOM": ("안방", "Master bedroom", "Main bedroom"),
    "MOTHER_ROOM": ("어머니 방", "엄마 방", "Mother's room", "Mom's room"),
    "MY_ROOM": ("내 방", "내방", "My room"),
    "PARENTS_ROOM": ("부모님 방", "Parents' room"),
    "PLAY_ROOM": ("놀이방", "Playroom", "Play room"),
    "POWDER_ROOM": ("파우더룸", "洗面所", "パウダールーム", "Powder room"),
    "ROOM": ("방", "部屋", "Room"),
    "SECOND_ROOM": ("둘째 방", "두 번째 방", "2번 방", "第2の部屋", "Second room"),
    "SMALL_CHILD_ROOM": ("작은 아이방", "작은아이 방", "아이방", "子供部屋", "Kids room"),
    "SMALL_LIVING_ROOM": ("작은 거실", "Small living room"),
    "SMALL_ROOM": ("작은방", "Small room"),
    "SMALL_KITCHEN": ("작은 주방", "Small kitchen"),
    "SMALL_BATH_ROOM": ("작은 화장실", "작은 욕실", "トイレ", "お手洗い", "Toilet", "WC"),
    "STAIRS": ("계단", "階段", "Stairs", "Staircase"),
    "THIRD_ROOM": ("셋째 방", "세 번째 방", "3번 방", "第3の部屋", "Third room"),
    "UPSTAIRS_ROOM": ("위층 방", "윗방", "2층 방", "Upstairs room"),
    "UTILITY_ROOM": ("다용도실", "세탁실", "Utility room", "Laundry room", "Laundry"),
    "WAREHOUSE": ("창고", "倉庫", "物置", "Storage room", "Storeroom", "Warehouse"),
    "YARD": ("마당", "정원", "庭", "Yard", "Garden", "Backyard"),
    "JAPANESE_STYLE_ROOM": ("和室", "Japanese-style room", "Tatami room"),
}

# The codes each region's Clova knows.
KR_LOCATIONS = frozenset(_ROOMS) - {"JAPANESE_STYLE_ROOM"}
JP_LOCATIONS = frozenset(
    {
        "ATTIC", "BALCONY", "BATH_ROOM", "BED_ROOM", "DINING_ROOM", "ENTRANCE",
        "FIRST_ROOM", "HALLWAY", "KITCHEN", "LIBRARY", "LIVING_ROOM", "POWDER_ROOM",
        "ROOM", "SECOND_ROOM", "SMALL_CHILD_ROOM", "SMALL_BATH_ROOM", "STAIRS",
        "THIRD_ROOM", "WAREHOUSE", "YARD", "JAPANESE_STYLE_ROOM",
    }
)  # fmt: skip


def _key(name: str) -> str:
    """A room name with case, spaces and punctuation ignored."""
    return re.sub(r"[\s_\-'’.]+", "", name).casefold()


_CODE_BY_NAME: dict[str, str] = {
    _key(name): code for code, names in _ROOMS.items() for name in (code, *names)
}


def location_code(names: list[str], allowed: frozenset[str]) -> str | None:
    """The Clova room code the first matching name means, among ``allowed`` codes."""
    for name in names:
        code = _CODE_BY_NAME.get(_key(name))
        if code is not None and code in allowed:
            return code
    return None


def _script(name: str) -> str:
    """Which of the three languages a room name is written in."""
    if any("\uac00" <= char <= "\ud7a3" for char in name):
        return "ko"
    if any(ord(char) > 0x2E80 for char in name):
        return "ja"
    return "en"


def location_label(code: str) -> str:
    """A room code as people read it: its first Korean, Japanese and English names."""
    first: dict[str, str] = {}
    for name in _ROOMS[code]:
        first.setdefault(_script(name), name)
    return " · ".join(first[lang] for lang in ("ko", "ja", "en") if lang in first)
