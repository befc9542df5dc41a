"""manifest.json, hacs.json and the translations, checked offline like hassfest and HACS."""

from __future__ import annotations

from collections.abc import Iterator
import json
from pathlib import Path
import re
from typing import Any

from awesomeversion import AwesomeVersion, AwesomeVersionStrategy
from awesomeversion.exceptions import AwesomeVersionStrategyException
from homeassistant import const as ha_const
import pytest
import voluptuous as vol

ROOT = Path(__file__).parent.parent
INTEGRATION_DIR = ROOT / "custom_components" / "clova_home"
MANIFEST_PATH = INTEGRATION_DIR / "manifest.json"
HACS_PATH = ROOT / "hacs.json"
STRINGS_PATH = INTEGRATION_DIR / "strings.json"
TRANSLATION_PATHS = sorted((INTEGRATION_DIR / "translations").glob("*.json"))

IOT_CLASSES = (
    "assumed_state",
    "calculated",
    "cloud_polling",
    "cloud_push",
    "local_polling",
    "local_push",
)
INTEGRATION_TYPES = ("device", "entity", "hardware", "helper", "hub", "service", "system")
# hassfest's version check for custom integrations.
VERSION_STRATEGIES = [
    AwesomeVersionStrategy.CALVER,
    AwesomeVersionStrategy.SEMVER,
    AwesomeVersionStrategy.SIMPLEVER,
    AwesomeVersionStrategy.BUILDVER,
    AwesomeVersionStrategy.PEP440,
]


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


def _version(value: Any) -> str:
    """A version string hassfest accepts (CalVer, SemVer, SimpleVer, BuildVer, PEP 440)."""
    if not isinstance(value, str):
        raise vol.Invalid(f"version must be a string, got {value!r}")
    try:
        version = AwesomeVersion(value, ensure_strategy=VERSION_STRATEGIES)
    except AwesomeVersionStrategyException as err:
        raise vol.Invalid(f"{value!r} is not a valid version: {err}") from err
    if not version.valid:
        raise vol.Invalid(f"{value!r} is not a valid version")
    return value


def _url(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s/]+\.[^\s/]+(/\S*)?", value):
        raise vol.Invalid(f"{value!r} is not a URL")
    return value


def _documentation_url(value: Any) -> str:
    url = _url(value)
    if not url.startswith("https://"):
        raise vol.Invalid(f"documentation must be https: {url}")
    if url.startswith(
        ("https://www.home-assistant.io/integrations", "https://home-assistant.io/integrations")
    ):
        raise vol.Invalid("documentation must not point at home-assistant.io/integrations")
    return url


def _codeowner(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"@[A-Za-z0-9][A-Za-z0-9_./-]*", value):
        raise vol.Invalid(f"codeowner {value!r} is not a GitHub @handle")
    return value


def _country(value: Any) -> str:
    if not isinstance(value, str) or not re.fullmatch(r"[A-Z]{2}", value):
        raise vol.Invalid(f"country {value!r} is not an ISO 3166-1 alpha-2 code (e.g. 'KR')")
    return value


def _contains_http(value: list[str]) -> list[str]:
    if "http" not in value:
        raise vol.Invalid("dependencies must contain 'http' (the view uses components.http)")
    return value


def _ha_at_most_installed(value: str) -> str:
    installed = ha_const.__version__
    if AwesomeVersion(value) > AwesomeVersion(installed):
        raise vol.Invalid(f"homeassistant {value} is newer than the tested HA {installed}")
    return value


_STR_LIST = [str]

# hassfest's CUSTOM_INTEGRATION_MANIFEST_SCHEMA (PREVENT_EXTRA), narrowed to what this
# integration must declare.
MANIFEST_SCHEMA = vol.Schema(
    {
        vol.Required("domain"): "clova_home",
        vol.Required("name"): vol.All(str, vol.Length(min=1)),
        vol.Required("documentation"): _documentation_url,
        vol.Required("issue_tracker"): _url,
        vol.Required("codeowners"): vol.All([_codeowner], vol.Length(min=1)),
        vol.Required("version"): _version,
        vol.Required("iot_class"): vol.In(IOT_CLASSES),
        vol.Required("integration_type"): vol.In(INTEGRATION_TYPES),
        vol.Required("config_flow"): True,
        vol.Required("dependencies"): vol.All(_STR_LIST, _contains_http),
        vol.Optional("after_dependencies"): _STR_LIST,
        vol.Optional("requirements"): _STR_LIST,
        vol.Optional("loggers"): _STR_LIST,
        vol.Optional("quality_scale"): vol.In(
            ("bronze", "silver", "gold", "platinum", "internal", "legacy")
        ),
        vol.Optional("single_config_entry"): bool,
        vol.Optional("import_executor"): bool,
        vol.Optional("bluetooth"): list,
        vol.Optional("dhcp"): list,
        vol.Optional("homekit"): dict,
        vol.Optional("mqtt"): _STR_LIST,
        vol.Optional("ssdp"): list,
        vol.Optional("usb"): list,
        vol.Optional("zeroconf"): list,
    },
    extra=vol.PREVENT_EXTRA,
)

# HACS's HACS_MANIFEST_JSON_SCHEMA (PREVENT_EXTRA).
HACS_SCHEMA = vol.Schema(
    {
        vol.Required("name"): vol.All(str, vol.Length(min=1)),
        vol.Optional("homeassistant"): vol.All(_version, _ha_at_most_installed),
        vol.Optional("hacs"): _version,
        vol.Optional("country"): vol.Any(_country, vol.All([_country], vol.Length(min=1))),
        vol.Optional("render_readme"): bool,
        vol.Optional("zip_release"): bool,
        vol.Optional("filename"): str,
        vol.Optional("content_in_root"): bool,
        vol.Optional("hide_default_branch"): bool,
        vol.Optional("persistent_directory"): str,
    },
    extra=vol.PREVENT_EXTRA,
)


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    data = _load(MANIFEST_PATH)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def hacs() -> dict[str, Any]:
    data = _load(HACS_PATH)
    assert isinstance(data, dict)
    return data


def test_manifest_schema(manifest: dict[str, Any]) -> None:
    try:
        MANIFEST_SCHEMA(manifest)
    except vol.Invalid as err:
        pytest.fail(f"manifest.json is invalid: {err}")


def test_manifest_domain_is_folder_name(manifest: dict[str, Any]) -> None:
    assert manifest["domain"] == INTEGRATION_DIR.name, (
        f"domain {manifest['domain']!r} differs from the folder {INTEGRATION_DIR.name!r}"
    )


def test_manifest_keys_sorted(manifest: dict[str, Any]) -> None:
    keys = list(manifest)
    expected = ["domain", "name", *sorted(k for k in keys if k not in ("domain", "name"))]
    assert keys == expected, (
        "Manifest keys are not sorted correctly: domain, name, then alphabetical order"
    )


def test_manifest_single_config_entry(manifest: dict[str, Any]) -> None:
    """The config flow relies on HA to allow only one entry."""
    assert manifest.get("single_config_entry") is True


@pytest.mark.parametrize(
    ("key", "bad_value"),
    [
        ("documentation", "http://example.com/docs"),
        ("documentation", "https://www.home-assistant.io/integrations/clova_home"),
        ("issue_tracker", "not a url"),
        ("codeowners", ["clova-home-ha"]),
        ("codeowners", "@clova-home-ha"),
        ("version", "not-a-version"),
        ("iot_class", "cloud"),
        ("integration_type", "bridge"),
        ("config_flow", False),
        ("dependencies", []),
        ("domain", "clova"),
        ("homeassistant", "2025.4.0"),
        ("icon", "mdi:speaker"),
    ],
)
def test_manifest_schema_rejects(manifest: dict[str, Any], key: str, bad_value: Any) -> None:
    """The schema itself catches what hassfest would refuse."""
    with pytest.raises(vol.Invalid):
        MANIFEST_SCHEMA({**manifest, key: bad_value})


@pytest.mark.parametrize(
    "key", ["domain", "name", "documentation", "issue_tracker", "codeowners", "version"]
)
def test_manifest_schema_requires(manifest: dict[str, Any], key: str) -> None:
    with pytest.raises(vol.Invalid):
        MANIFEST_SCHEMA({k: v for k, v in manifest.items() if k != key})


def test_hacs_schema(hacs: dict[str, Any]) -> None:
    try:
        HACS_SCHEMA(hacs)
    except vol.Invalid as err:
        pytest.fail(f"hacs.json is invalid: {err}")


def test_hacs_homeassistant_not_newer_than_tested(hacs: dict[str, Any]) -> None:
    minimum = hacs.get("homeassistant")
    assert minimum is not None, "hacs.json should state the minimum Home Assistant version"
    installed = ha_const.__version__
    assert AwesomeVersion(minimum) <= AwesomeVersion(installed), (
        f"hacs.json requires HA {minimum}, the tests run on {installed}"
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"homeassistant": "2025.4.0"},
        {"name": "Clova Home", "domains": ["clova_home"]},
        {"name": "Clova Home", "iot_class": "cloud_push"},
        {"name": "Clova Home", "country": ["kr"]},
        {"name": "Clova Home", "country": "KOR"},
        {"name": "Clova Home", "homeassistant": "9999.1.0"},
        {"name": "Clova Home", "homeassistant": "soon"},
    ],
)
def test_hacs_schema_rejects(bad: dict[str, Any]) -> None:
    with pytest.raises(vol.Invalid):
        HACS_SCHEMA(bad)


# --- translations ---------------------------------------------------------------------------


def _leaves(node: Any, path: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], str]]:
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _leaves(value, (*path, key))
    else:
        assert isinstance(node, str), f"{'.'.join(path)} is not a string"
        yield path, node


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"\{(\w+)\}", text))


def test_translations_exist() -> None:
    assert INTEGRATION_DIR / "translations" / "en.json" in TRANSLATION_PATHS


def test_strings_and_english_translation_identical() -> None:
    assert _load(STRINGS_PATH) == _load(INTEGRATION_DIR / "translations" / "en.json"), (
        "translations/en.json must be a copy of strings.json"
    )


@pytest.mark.parametrize("path", TRANSLATION_PATHS, ids=lambda p: p.name)
def test_translation_complete(path: Path) -> None:
    strings = dict(_leaves(_load(STRINGS_PATH)))
    translation = dict(_leaves(_load(path)))

    missing = sorted(".".join(key) for key in strings if key not in translation)
    assert not missing, f"{path.name} lacks {missing}"
    extra = sorted(".".join(key) for key in translation if key not in strings)
    assert not extra, f"{path.name} has keys strings.json does not: {extra}"
    for key, text in strings.items():
        assert _placeholders(translation[key]) == _placeholders(text), (
            f"{path.name}: {'.'.join(key)} has placeholders "
            f"{sorted(_placeholders(translation[key]))}, expected {sorted(_placeholders(text))}"
        )
