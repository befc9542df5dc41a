"""The integration's metadata files against the rules of hassfest and of HACS's validators.

hassfest (Home Assistant's ``script/hassfest``, which the ``home-assistant/actions/hassfest``
action runs from Home Assistant's dev branch) and HACS (``custom_components/hacs/validate/``
of ``hacs/integration``, which ``hacs/action`` runs) only run on GitHub. This module checks the
same rules offline, with its own code (voluptuous schemas and small checks); each test names
the source file and the rule it reimplements.

Sources read (.github/workflows/validate.yml runs the real ones):

- home-assistant/core ``script/hassfest/``: ``manifest.py`` and ``quality_scale.py`` as on the
  dev branch in 2026 (the probatio rewrite; Bronze with docs-triggers and docs-conditions);
  ``translations.py``, ``services.py``, ``icons.py``, ``config_schema.py``,
  ``dependencies.py`` and ``quality_scale_validation/*.py`` in their 2025 versions;
  ``icons.json`` services in the ``{"service": ...}`` form all core integrations use since.
- hacs/integration ``custom_components/hacs/`` at 3249355 (2026-08-07): ``utils/validate.py``
  (HACS_MANIFEST_JSON_SCHEMA, INTEGRATION_MANIFEST_JSON_SCHEMA), ``validate/hacsjson.py``,
  ``integration_manifest.py``, ``brands.py``, ``information.py``, ``license.py`` and
  ``repositories/integration.py``.

Where hassfest enforces a rule for core integrations only (service names and descriptions in
the translations, a service icon, extraneous translation fields, quality_scale.yaml), the
test says so and applies it anyway: the integration aims at the HACS default store and its own
translations are its only source of those texts. Where hassfest validates only strings.json
and translations/en.json, every translations/*.json is held to the same schema (Home
Assistant loads them the same way). The last tests check that these schemas accept every core
integration's files of the Home Assistant release installed, which passed its hassfest: the
reimplementation is never stricter than the rules it copies.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Iterator
from functools import cache
import json
from pathlib import Path
import re
import tomllib
from typing import Any

from awesomeversion import AwesomeVersion, AwesomeVersionStrategy
from awesomeversion.exceptions import AwesomeVersionException
import homeassistant
from homeassistant.const import Platform
from homeassistant.generated.countries import COUNTRIES
from homeassistant.helpers.selector import validate_selector
import pytest
import voluptuous as vol
from voluptuous.humanize import humanize_error
import yaml

ROOT = Path(__file__).resolve().parent.parent
COMPONENT = ROOT / "custom_components" / "clova_home"
MANIFEST = COMPONENT / "manifest.json"
STRINGS = COMPONENT / "strings.json"
TRANSLATIONS = sorted((COMPONENT / "translations").glob("*.json"))
SERVICES = COMPONENT / "services.yaml"
ICONS = COMPONENT / "icons.json"
QUALITY_SCALE = COMPONENT / "quality_scale.yaml"
HACS_JSON = ROOT / "hacs.json"
CORE_COMPONENTS = Path(homeassistant.__file__).parent / "components"


def _json(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8"))


_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _yaml(path: Path) -> Any:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_YAML_LOADER)  # noqa: S506


def _check(schema: Callable[[Any], Any], data: Any, name: str) -> None:
    try:
        schema(data)
    except vol.Invalid as err:
        pytest.fail(f"{name} is invalid: {humanize_error(data, err)}")


def _rejects(schema: Callable[[Any], Any], data: Any) -> bool:
    try:
        schema(data)
    except vol.Invalid:
        return True
    return False


@pytest.fixture(scope="module")
def manifest() -> dict[str, Any]:
    data = _json(MANIFEST)
    assert isinstance(data, dict)
    return data


@pytest.fixture(scope="module")
def en_strings() -> dict[str, Any]:
    """hassfest's strings for a custom integration's services: translations/en.json."""
    data = _json(COMPONENT / "translations" / "en.json")
    assert isinstance(data, dict)
    return data


# === hassfest manifest.py ===================================================================

IOT_CLASSES = (
    "assumed_state",
    "calculated",
    "cloud_polling",
    "cloud_push",
    "local_polling",
    "local_push",
)
INTEGRATION_TYPES = ("device", "entity", "hardware", "helper", "hub", "service", "system")
# ScaledQualityScaleTiers and NonScaledQualityScaleTiers.
SCALED_TIERS = ("bronze", "silver", "gold", "platinum")
QUALITY_SCALES = (*SCALED_TIERS, "custom", "no_score", "internal", "legacy")
CORE_DOCUMENTATION = "https://www.home-assistant.io/integrations"
VERSION_STRATEGIES = [
    AwesomeVersionStrategy.CALVER,
    AwesomeVersionStrategy.SEMVER,
    AwesomeVersionStrategy.SIMPLEVER,
    AwesomeVersionStrategy.BUILDVER,
    AwesomeVersionStrategy.PEP440,
]


def _version(value: Any) -> str:
    """manifest.py verify_version: CalVer, SemVer, SimpleVer, BuildVer or PEP 440."""
    if not isinstance(value, str):
        raise vol.Invalid(f"version {value!r} is not a string")
    try:
        AwesomeVersion(value, ensure_strategy=VERSION_STRATEGIES)
    except AwesomeVersionException as err:
        raise vol.Invalid(f"'{value}' is not a valid version.") from err
    return value


def _custom_documentation(value: str) -> str:
    """manifest.py custom_documentation_url: https, and not the core documentation."""
    if not value.startswith("https://"):
        raise vol.Invalid("Documentation url is not prefixed with https")
    if value.startswith(CORE_DOCUMENTATION):
        raise vol.Invalid("Documentation URL should point to the custom integration documentation")
    return value


def _lowercase(value: str) -> str:
    if value.lower() != value:
        raise vol.Invalid("Value needs to be lowercase")
    return value


def _uppercase(value: str) -> str:
    if value.upper() != value:
        raise vol.Invalid("Value needs to be uppercase")
    return value


def _wildcard(value: str) -> str:
    if "*" not in value:
        raise vol.Invalid(f"'{value}' needs to contain a wildcard matcher")
    return value


_LOWER = vol.All(str, _lowercase)
_UPPER = vol.All(str, _uppercase)

# manifest.py CUSTOM_INTEGRATION_MANIFEST_SCHEMA: INTEGRATION_MANIFEST_SCHEMA extended with
# version, issue_tracker and import_executor, extra keys refused.
CUSTOM_MANIFEST_SCHEMA = vol.Schema(
    {
        vol.Required("domain"): str,
        vol.Required("name"): str,
        vol.Optional("integration_type"): vol.In(INTEGRATION_TYPES),
        vol.Optional("config_flow"): bool,
        vol.Optional("mqtt"): [str],
        vol.Optional("zeroconf"): [
            vol.Any(
                str,
                {
                    vol.Required("type"): str,
                    vol.Optional("macaddress"): vol.All(_UPPER, _wildcard),
                    vol.Optional("manufacturer"): _LOWER,
                    vol.Optional("model"): _LOWER,
                    vol.Optional("name"): _LOWER,
                    vol.Optional("properties"): {str: _lowercase},
                },
            )
        ],
        vol.Optional("ssdp"): [vol.All(vol.Schema({}, extra=vol.ALLOW_EXTRA), vol.Length(min=1))],
        vol.Optional("bluetooth"): [
            {
                vol.Optional("connectable"): bool,
                vol.Optional("service_uuid"): _LOWER,
                vol.Optional("service_data_uuid"): _LOWER,
                vol.Optional("local_name"): str,
                vol.Optional("manufacturer_id"): int,
                vol.Optional("manufacturer_data_start"): [int],
            }
        ],
        vol.Optional("homekit"): {vol.Optional("models"): [str]},
        vol.Optional("dhcp"): [
            {
                vol.Optional("macaddress"): vol.All(_UPPER, _wildcard),
                vol.Optional("hostname"): _LOWER,
                vol.Optional("registered_devices"): bool,
            }
        ],
        vol.Optional("usb"): [
            {
                vol.Optional("vid"): _UPPER,
                vol.Optional("pid"): _UPPER,
                vol.Optional("serial_number"): _LOWER,
                vol.Optional("manufacturer"): _LOWER,
                vol.Optional("description"): _LOWER,
                vol.Optional("known_devices"): [str],
            }
        ],
        vol.Required("documentation"): vol.All(vol.Url(), _custom_documentation),
        vol.Optional("quality_scale"): vol.In(QUALITY_SCALES),
        vol.Optional("requirements"): [str],
        vol.Optional("dependencies"): [str],
        vol.Optional("after_dependencies"): [str],
        vol.Required("codeowners"): [str],
        vol.Optional("loggers"): [str],
        vol.Optional("disabled"): str,
        vol.Optional("iot_class"): vol.In(IOT_CLASSES),
        vol.Optional("single_config_entry"): bool,
        vol.Optional("preview_features"): {
            str: {
                vol.Optional("feedback_url"): vol.Url(),
                vol.Optional("learn_more_url"): vol.Url(),
                vol.Optional("report_issue_url"): vol.Url(),
            }
        },
        vol.Optional("version"): _version,
        vol.Optional("issue_tracker"): vol.Url(),
        vol.Optional("import_executor"): bool,
    }
)


def test_manifest_custom_integration_schema(manifest: dict[str, Any]) -> None:
    """manifest.py validate_manifest: CUSTOM_INTEGRATION_MANIFEST_SCHEMA ("Invalid manifest")."""
    _check(CUSTOM_MANIFEST_SCHEMA, manifest, "manifest.json")


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("documentation", "http://github.com/clova-home-ha/clova_home"),
        ("documentation", f"{CORE_DOCUMENTATION}/clova_home"),
        ("iot_class", "cloud"),
        ("integration_type", "bridge"),
        ("integration_type", "virtual"),
        ("quality_scale", "diamond"),
        ("version", "soon"),
        ("issue_tracker", "not a url"),
        ("codeowners", "@clova-home-ha"),
        ("homeassistant", "2025.4.0"),  # an HACS key: extra keys are refused
    ],
)
def test_manifest_schema_refuses(manifest: dict[str, Any], key: str, value: Any) -> None:
    """The schema above refuses what hassfest's does (so a pass means something)."""
    assert _rejects(CUSTOM_MANIFEST_SCHEMA, {**manifest, key: value})


@pytest.mark.parametrize("key", ["domain", "name", "documentation", "codeowners"])
def test_manifest_schema_requires(manifest: dict[str, Any], key: str) -> None:
    assert _rejects(CUSTOM_MANIFEST_SCHEMA, {k: v for k, v in manifest.items() if k != key})


def test_manifest_domain_is_folder_name(manifest: dict[str, Any]) -> None:
    """manifest.py validate_manifest: "Domain does not match dir name"."""
    assert manifest["domain"] == COMPONENT.name


def test_manifest_domain_not_a_core_integration(manifest: dict[str, Any]) -> None:
    """manifest.py validate_manifest: "Domain collides with built-in core integration"."""
    assert not (CORE_COMPONENTS / manifest["domain"]).exists()


def test_manifest_has_iot_class(manifest: dict[str, Any]) -> None:
    """manifest.py validate_manifest: "Domain is missing an IoT Class" (not a NO_IOT_CLASS one)."""
    assert manifest.get("iot_class") in IOT_CLASSES


def test_manifest_has_version(manifest: dict[str, Any]) -> None:
    """manifest.py validate_version (custom integrations): "No 'version' key in the manifest".

    Home Assistant's loader also refuses to load a custom integration without a valid one.
    """
    assert manifest.get("version"), "No 'version' key in the manifest file."
    _version(manifest["version"])


def test_manifest_code_owner_for_silver_and_up(manifest: dict[str, Any]) -> None:
    """manifest.py validate_manifest: "<scale> integration does not have a code owner"."""
    scale = manifest.get("quality_scale")
    if scale in SCALED_TIERS and SCALED_TIERS.index(scale) >= SCALED_TIERS.index("silver"):
        assert manifest["codeowners"], f"{scale} integration does not have a code owner"


def _sorted_manifest_keys(keys: list[str]) -> list[str]:
    return sorted(keys, key=lambda key: {"domain": ".domain", "name": ".name"}.get(key, key))


def test_manifest_keys_sorted(manifest: dict[str, Any]) -> None:
    """manifest.py sort_manifest (script/util sort_manifest): domain, name, then alphabetical."""
    keys = list(manifest)
    assert keys == _sorted_manifest_keys(keys), (
        "Manifest keys are not sorted correctly: domain, name, then alphabetical order"
    )


def test_manifest_sort_rule_itself() -> None:
    assert _sorted_manifest_keys(["version", "name", "codeowners", "domain"]) == [
        "domain",
        "name",
        "codeowners",
        "version",
    ]


# === hassfest config_schema.py and dependencies.py ==========================================


def _module_names(module: ast.Module) -> set[str]:
    """Names a module assigns or imports at its top level."""
    names: set[str] = set()
    for node in module.body:
        if isinstance(node, ast.Assign):
            names |= {target.id for target in node.targets if isinstance(target, ast.Name)}
        elif isinstance(node, ast.AnnAssign | ast.AugAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            names |= {alias.asname or alias.name for alias in node.names}
    return names


def _top_level_function(module: ast.Module, name: str) -> ast.AsyncFunctionDef | None:
    for node in module.body:
        if isinstance(node, ast.AsyncFunctionDef) and node.name == name:
            return node
    return None


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_config_schema_when_async_setup() -> None:
    """config_schema.py: an integration with (async_)setup defines a CONFIG_SCHEMA.

    ("Integrations which implement 'async_setup' or 'setup' must define either
    'CONFIG_SCHEMA', 'PLATFORM_SCHEMA' or 'PLATFORM_SCHEMA_BASE'"; a warning for custom ones,
    and Home Assistant logs one at runtime too.)
    """
    init = _parse(COMPONENT / "__init__.py")
    has_setup = any(
        isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.name in ("setup", "async_setup")
        for node in init.body
    )
    if has_setup:
        assert _module_names(init) & {"CONFIG_SCHEMA", "PLATFORM_SCHEMA", "PLATFORM_SCHEMA_BASE"}


# dependencies.py ALLOWED_USED_COMPONENTS (entity platforms and internal integrations that
# may be imported without being a dependency).
ALLOWED_USED_COMPONENTS = {
    *(platform.value for platform in Platform),
    "alert",
    "automation",
    "conversation",
    "default_config",
    "device_automation",
    "frontend",
    "group",
    "homeassistant",
    "input_boolean",
    "input_button",
    "input_datetime",
    "input_number",
    "input_select",
    "input_text",
    "media_source",
    "onboarding",
    "panel_custom",
    "persistent_notification",
    "person",
    "script",
    "shopping_list",
    "sun",
    "system_health",
    "system_log",
    "timer",
    "webhook",
    "websocket_api",
    "zone",
    "mjpeg",
    "stream",
}


class _ComponentImports(ast.NodeVisitor):
    """dependencies.py ImportCollector: homeassistant.components.X imports (not TYPE_CHECKING)."""

    def __init__(self) -> None:
        self.found: set[str] = set()

    def visit_If(self, node: ast.If) -> None:
        if isinstance(node.test, ast.Name) and node.test.id == "TYPE_CHECKING":
            return
        self.generic_visit(node)

    def visit_ImportFrom(self, node: ast.ImportFrom) -> None:
        module = node.module or ""
        if module == "homeassistant.components.http.auth" and [
            alias.name for alias in node.names
        ] == ["async_sign_path"]:
            return
        if module.startswith("homeassistant.components."):
            self.found.add(module.split(".")[2])
        elif module == "homeassistant.components":
            self.found |= {alias.name for alias in node.names}

    def visit_Import(self, node: ast.Import) -> None:
        for alias in node.names:
            if alias.name.startswith("homeassistant.components."):
                self.found.add(alias.name.split(".")[2])


def test_used_components_are_dependencies(manifest: dict[str, Any]) -> None:
    """dependencies.py: "Using component X but it's not in 'dependencies' or 'after_dependencies'".

    Allowed without being declared: the ALLOWED_USED_COMPONENTS, and a component this
    integration has a platform for (repairs.py, diagnostics.py, logbook.py, ...).
    """
    allowed = (
        ALLOWED_USED_COMPONENTS
        | set(manifest.get("dependencies", []))
        | set(manifest.get("after_dependencies", []))
        | {manifest["domain"]}
    )
    undeclared: dict[str, set[str]] = {}
    for path in sorted(COMPONENT.rglob("*.py")):
        collector = _ComponentImports()
        collector.visit(_parse(path))
        for domain in collector.found - allowed:
            if (COMPONENT / f"{domain}.py").is_file() or (COMPONENT / domain).is_dir():
                continue
            undeclared.setdefault(domain, set()).add(str(path.relative_to(COMPONENT)))
    assert not undeclared, f"used but not in dependencies/after_dependencies: {undeclared}"


def test_dependency_not_also_after_dependency(manifest: dict[str, Any]) -> None:
    """dependencies.py _validate_dependencies: "Dependency X is both in dependencies and ..."."""
    both = set(manifest.get("dependencies", [])) & set(manifest.get("after_dependencies", []))
    assert not both


def test_dependencies_exist(manifest: dict[str, Any]) -> None:
    """dependencies.py _validate_dependencies: "Dependency X does not exist"."""
    for domain in [*manifest.get("dependencies", []), *manifest.get("after_dependencies", [])]:
        assert (CORE_COMPONENTS / domain / "manifest.json").is_file(), f"{domain} does not exist"


# === hassfest translations.py ===============================================================

# translation_key_validator: [a-z0-9-_]+, no doubled separators, none at the start or end.
TRANSLATION_KEY = re.compile(r"[a-z0-9]+(?:[-_][a-z0-9]+)*")
SLUG = re.compile(r"[a-z0-9]+(?:_[a-z0-9]+)*")  # cv.slug: the value is its own slugify()
HTML = re.compile(r"<[a-z].*?>", re.IGNORECASE)  # cv.string_with_no_html
SINGLE_QUOTED_PLACEHOLDER = re.compile(r"'{\w+}'")
COMBINED_REFERENCE = re.compile(r"(.+\[%)|(%\].+)")


def translation_key(value: Any) -> str:
    """translations.py translation_key_validator."""
    if not isinstance(value, str) or not TRANSLATION_KEY.fullmatch(value):
        raise vol.Invalid(
            f"Invalid translation key '{value}', need to be [a-z0-9-_]+ and"
            " cannot start or end with a hyphen or underscore."
        )
    return value


def slug(value: Any) -> str:
    """config_validation.slug."""
    if not isinstance(value, str) or not SLUG.fullmatch(value):
        raise vol.Invalid(f"invalid slug {value}")
    return value


def slug_or_default(value: Any) -> str:
    """vol.Any("_", cv.slug): an entity component's default entry is "_"."""
    return "_" if value == "_" else slug(value)


def text(value: Any) -> str:
    """translations.py translation_value_validator."""
    if not isinstance(value, str):
        raise vol.Invalid(f"{value!r} is not a string")
    if HTML.search(value):
        raise vol.Invalid("the string should not contain HTML")
    if SINGLE_QUOTED_PLACEHOLDER.search(value):
        raise vol.Invalid("the string should not contain placeholders inside single quotes")
    if COMBINED_REFERENCE.search(value):
        raise vol.Invalid("the string should not contain combined translations")
    if value != value.strip():
        raise vol.Invalid("the string should not contain leading or trailing spaces")
    return value


def keyed(value_schema: Any, key: Callable[[Any], str] = slug) -> Callable[[Any], Any]:
    """config_validation.schema_with_slug_keys: every key passes ``key``, every value the schema."""
    schema = vol.Schema({str: value_schema})

    def validate(value: Any) -> Any:
        if not isinstance(value, dict):
            raise vol.Invalid("expected dictionary")
        for item in value:
            key(item)
        return schema(value)

    return validate


def data_entry_schema(*, require_step_title: bool, mandatory_description: str | None = None) -> Any:
    """translations.py gen_data_entry_schema (config, options, issue fix flows)."""
    title = vol.Required if require_step_title else vol.Optional
    schema = vol.Schema(
        {
            vol.Optional("flow_title"): text,
            vol.Required("step"): {
                str: {
                    title("title"): text,
                    vol.Optional("description"): text,
                    vol.Optional("data"): {str: text},
                    vol.Optional("data_description"): {str: text},
                    vol.Optional("menu_options"): {str: text},
                    vol.Optional("menu_option_descriptions"): {str: text},
                    vol.Optional("submit"): text,
                    vol.Optional("sections"): {
                        str: {
                            vol.Optional("data"): {str: text},
                            vol.Optional("data_description"): {str: text},
                            vol.Optional("description"): text,
                            vol.Optional("name"): text,
                        }
                    },
                }
            },
            vol.Optional("error"): {str: text},
            vol.Optional("abort"): {str: text},
            vol.Optional("progress"): {str: text},
            vol.Optional("create_entry"): {str: text},
            vol.Optional("initiate_flow"): {str: text},
            vol.Optional("entry_type"): text,
            # config.title: removed from config (a warning for custom integrations).
            vol.Optional("title"): text,
        }
    )

    def data_description_in_data(value: dict[str, Any]) -> dict[str, Any]:
        for step in value["step"].values():
            for key in step.get("data_description", {}):
                if key not in step.get("data", {}):
                    raise vol.Invalid(f"data_description key {key} is not in data")
        return value

    def description_set(value: dict[str, Any]) -> dict[str, Any]:
        if mandatory_description is not None:
            step = value["step"].get(mandatory_description)
            if step is None:
                raise vol.Invalid(f"{mandatory_description} needs to be defined")
            if "description" not in step:
                raise vol.Invalid(f"Step {mandatory_description} needs a description")
        return value

    return vol.All(schema, data_description_in_data, description_set)


# translations.py gen_issues_schema: a title, and a description or a fix flow, not both (2025:
# one of them required; Home Assistant 2026 has issues with a title alone, and short titles).
_issue = vol.Schema(
    {
        vol.Required("title"): text,
        vol.Optional("short_title"): text,
        vol.Exclusive("description", "fixable"): text,
        vol.Exclusive("fix_flow", "fixable"): data_entry_schema(require_step_title=False),
    }
)


def _nested_texts(value: Any) -> Any:
    """config_panel's texts: translation keys down to texts, at any depth (Home Assistant 2026)."""
    if isinstance(value, dict):
        for key, inner in value.items():
            slug_or_default_translation_key(key)
            _nested_texts(inner)
        return value
    return text(value)


def slug_or_default_translation_key(value: Any) -> str:
    return "_" if value == "_" else translation_key(value)


PREVIEW_FEATURE_TEXTS = ("name", "description", "enable_confirmation", "disable_confirmation")

# Triggers and conditions an integration provides (Home Assistant 2026 translations; the
# Bronze rules docs-triggers and docs-conditions document them).
_AUTOMATION_PARTS = keyed(
    {
        vol.Required("name"): text,
        vol.Optional("description"): text,
        vol.Optional("fields"): keyed(
            {vol.Required("name"): text, vol.Optional("description"): text}, translation_key
        ),
    },
    slug_or_default_translation_key,
)


_STATE = keyed(text, translation_key)


@cache
def strings_schema(integration_type: str) -> vol.Schema:
    """translations.py gen_strings_schema."""
    return vol.Schema(
        {
            vol.Optional("title"): text,
            vol.Optional("config"): data_entry_schema(
                require_step_title=False,
                mandatory_description="user" if integration_type == "helper" else None,
            ),
            vol.Optional("config_subentries"): keyed(
                data_entry_schema(require_step_title=False), translation_key
            ),
            vol.Optional("options"): data_entry_schema(require_step_title=False),
            # "options" was required up to 2025; 2026 selectors may describe "fields" instead.
            vol.Optional("selector"): keyed(
                {
                    vol.Optional("options"): keyed(text, translation_key),
                    vol.Optional("fields"): keyed(
                        vol.Any(
                            text, {vol.Optional("name"): text, vol.Optional("description"): text}
                        ),
                        translation_key,
                    ),
                    vol.Optional("unit_of_measurement"): {str: text},
                },
                slug_or_default,
            ),
            vol.Optional("triggers"): _AUTOMATION_PARTS,
            vol.Optional("conditions"): _AUTOMATION_PARTS,
            vol.Optional("preview_features"): keyed(
                {vol.Optional(key): text for key in PREVIEW_FEATURE_TEXTS},
                translation_key,
            ),
            vol.Optional("device_automation"): {
                vol.Optional(kind): {str: text}
                for kind in (
                    "action_type",
                    "condition_type",
                    "trigger_type",
                    "trigger_subtype",
                    "extra_fields",
                    "extra_fields_descriptions",
                )
            },
            vol.Optional("system_health"): {vol.Optional("info"): keyed(text, translation_key)},
            vol.Optional("config_panel"): keyed(_nested_texts, slug_or_default),
            vol.Optional("application_credentials"): {vol.Optional("description"): text},
            vol.Optional("issues"): {str: _issue},
            vol.Optional("entity_component"): keyed(
                {
                    vol.Optional("name"): str,
                    vol.Optional("state"): _STATE,
                    vol.Optional("state_attributes"): keyed(
                        {vol.Optional("name"): str, vol.Optional("state"): _STATE},
                        translation_key,
                    ),
                },
                slug_or_default,
            ),
            vol.Optional("device"): keyed({vol.Optional("name"): text}, translation_key),
            vol.Optional("entity"): keyed(
                keyed(
                    {
                        vol.Optional("name"): text,
                        vol.Optional("state"): _STATE,
                        vol.Optional("state_attributes"): keyed(
                            {vol.Optional("name"): text, vol.Optional("state"): _STATE},
                            translation_key,
                        ),
                        vol.Optional("unit_of_measurement"): text,
                        vol.Optional("fields"): keyed(
                            {vol.Optional("name"): text}, translation_key
                        ),
                    },
                    translation_key,
                ),
                slug,
            ),
            vol.Optional("exceptions"): keyed({vol.Optional("message"): text}),
            vol.Optional("services"): keyed(
                {
                    vol.Required("name"): text,
                    vol.Required("description"): text,
                    vol.Optional("fields"): keyed(
                        {
                            vol.Required("name"): str,
                            vol.Required("description"): text,
                            vol.Optional("example"): text,
                        },
                        translation_key,
                    ),
                    vol.Optional("sections"): keyed(
                        {vol.Required("name"): str, vol.Optional("description"): text},
                        translation_key,
                    ),
                },
                translation_key,
            ),
            vol.Optional("conversation"): {vol.Required("agent"): {vol.Required("done"): text}},
            vol.Optional("common"): {str: text},
        }
    )


@pytest.mark.parametrize(
    "path", [STRINGS, *TRANSLATIONS], ids=lambda path: str(path.relative_to(COMPONENT))
)
def test_strings_schema(path: Path, manifest: dict[str, Any]) -> None:
    """translations.py validate_translation_file: gen_strings_schema ("Invalid strings.json").

    Among others: selector option keys are translation keys ([a-z0-9-_]+: lowercase), every
    service has a name and a description, data_description keys are in data, no HTML, no
    single-quoted placeholders, no leading or trailing spaces.
    """
    _check(strings_schema(manifest.get("integration_type", "hub")), _json(path), path.name)


def test_selector_option_keys_are_translation_keys() -> None:
    """translations.py gen_strings_schema "selector": options keyed by translation_key_validator.

    The rule the above applies, named on its own: a selector's option values are what the
    flow stores, and their translation keys must be lowercase.
    """
    bad = {
        f"selector.{name}.options.{key}"
        for name, selector in _json(STRINGS).get("selector", {}).items()
        for key in selector.get("options", {})
        if not TRANSLATION_KEY.fullmatch(key)
    }
    assert not bad, f"Invalid translation keys (need [a-z0-9-_]+): {sorted(bad)}"


@pytest.mark.parametrize(
    "value", ["<b>bold</b>", " padded", "padded ", "'{name}' quoted", "a [%key:x%] b"]
)
def test_text_rule_refuses(value: str) -> None:
    assert _rejects(text, value)


@pytest.mark.parametrize("key", ["AIRCONDITIONER", "_x", "x_", "a__b", "a-_b", "ko kr", ""])
def test_translation_key_rule_refuses(key: str) -> None:
    assert _rejects(translation_key, key)


def test_translation_key_rule_accepts() -> None:
    for key in ("auto", "air_conditioner", "pm2-5", "a1"):
        translation_key(key)


def test_translations_directory_name() -> None:
    """translations.py check_translations_directory_name: "translations", not ".translations"."""
    assert (COMPONENT / "translations").is_dir()
    assert not (COMPONENT / ".translations").exists()


# === hassfest services.py ===================================================================


def _unique_fields(fields: dict[str, Any]) -> dict[str, Any]:
    """services.py unique_field_validator: a field name once, sections included."""
    seen: set[str] = set()
    for key, value in fields.items():
        names = list(value["fields"]) if value and "fields" in value else [key]
        for name in names:
            if name in seen:
                raise vol.Invalid(f"Duplicate use of field {name} in service.")
            seen.add(name)
    return fields


def _exists(value: Any) -> Any:
    if value is None:
        raise vol.Invalid("Value cannot be None")
    return value


def _selector(value: Any) -> Any:
    """services.py: selector.validate_selector (Home Assistant's own selector registry)."""
    try:
        return validate_selector(value)
    except (vol.Invalid, KeyError, TypeError) as err:
        raise vol.Invalid(f"invalid selector {value!r}: {err}") from err


def _field(targeted: bool) -> vol.Schema:
    schema: dict[Any, Any] = {
        vol.Optional("example"): _exists,
        vol.Optional("default"): _exists,
        vol.Optional("required"): bool,
        vol.Optional("advanced"): bool,
        vol.Optional("selector"): _selector,
        vol.Optional("name"): str,  # custom integrations only
        vol.Optional("description"): str,
    }
    if targeted:
        schema[vol.Optional("filter")] = dict
    return vol.Schema(schema)


def _service(targeted: bool) -> vol.Schema:
    section = vol.Schema(
        {
            vol.Optional("collapsed"): bool,
            vol.Required("fields"): {str: _field(targeted)},
            vol.Optional("name"): str,
            vol.Optional("description"): str,
        }
    )
    schema: dict[Any, Any] = {
        vol.Optional("fields"): vol.All({str: vol.Any(_field(targeted), section)}, _unique_fields),
        vol.Optional("name"): str,
        vol.Optional("description"): str,
    }
    if targeted:
        schema[vol.Required("target")] = vol.Any(None, dict)
    return vol.Schema(schema)


# services.py CUSTOM_INTEGRATION_SERVICES_SCHEMA.
CUSTOM_SERVICES_SCHEMA = keyed(vol.Any(_service(targeted=True), _service(targeted=False), None))


@pytest.fixture(scope="module")
def services() -> dict[str, Any]:
    data = _yaml(SERVICES)
    assert isinstance(data, dict)
    return data


def test_services_yaml_when_registering_services() -> None:
    """services.py validate_services: "Registers services but has no services.yaml"."""
    registers = re.compile(
        r"(hass\.services\.(register|async_register))|async_register_entity_service"
        r"|async_register_admin_service"
    )
    if any(registers.search(path.read_text()) for path in COMPONENT.rglob("*.py")):
        assert SERVICES.is_file()


def test_services_schema(services: dict[str, Any]) -> None:
    """services.py validate_services: CUSTOM_INTEGRATION_SERVICES_SCHEMA (selectors included)."""
    _check(CUSTOM_SERVICES_SCHEMA, services, "services.yaml")


def _service_texts(services: dict[str, Any], strings: dict[str, Any]) -> Iterator[str]:
    """What services.py reports missing (name, description, per field and section)."""
    texts = strings.get("services", {})
    for name, service in services.items():
        if service is None:
            continue
        own = texts.get(name, {})
        for key in ("name", "description"):
            if key not in service and key not in own:
                yield f"Service {name} has no {key} and is not in the translations file"
        for field_name, field in service.get("fields", {}).items():
            if "fields" in field:  # a section
                if "name" not in field and "name" not in own.get("sections", {}).get(
                    field_name, {}
                ):
                    yield f"Service {name} has a section {field_name} with no name"
                continue
            for key in ("name", "description"):
                if key not in field and key not in own.get("fields", {}).get(field_name, {}):
                    yield f"Service {name} has a field {field_name} with no {key}"


def test_services_have_translated_texts(
    services: dict[str, Any], en_strings: dict[str, Any]
) -> None:
    """services.py validate_services: each service, field and section has a name/description.

    hassfest enforces it for core integrations (with strings.json; a custom integration's
    strings are translations/en.json): "Service X has no name and is not in the translations
    file", "... has a field Y with no description ...".
    """
    missing = list(_service_texts(services, en_strings))
    assert not missing, "\n".join(missing)


def test_services_no_extraneous_translation_fields(
    services: dict[str, Any], en_strings: dict[str, Any]
) -> None:
    """services.py check_extraneous_translation_fields (core): translated fields exist."""
    for name, texts in en_strings.get("services", {}).items():
        assert name in services, f"translations have service {name}, services.yaml does not"
        schema_fields = services[name].get("fields", {}) if services[name] else {}
        sections = [field["fields"] for field in schema_fields.values() if "fields" in field]
        known = set(schema_fields).union(*sections)
        extra = set(texts.get("fields", {})) - known
        assert not extra, f"Service {name} has fields {extra} in translations, not in the schema"


def test_services_select_translation_keys(
    services: dict[str, Any], en_strings: dict[str, Any]
) -> None:
    """services.py validate_services: a select selector's translation_key is in "selector"."""
    for name, service in services.items():
        for field_name, field in (service or {}).get("fields", {}).items():
            select = (field.get("selector") or {}).get("select") or {}
            if (key := select.get("translation_key")) is not None:
                assert key in en_strings.get("selector", {}), (
                    f"Service {name} has a field {field_name} with a selector with a "
                    f"translation key {key} that is not in the translations file"
                )


# === hassfest icons.py ======================================================================


def icon(value: Any) -> str:
    """icons.py icon_value_validator: a Material Design Icon, "mdi:..." (no HTML)."""
    if not isinstance(value, str) or HTML.search(value) or not value.startswith("mdi:"):
        raise vol.Invalid(
            "The icon needs to be a valid icon from Material Design Icons and start with `mdi:`"
        )
    return value


def _not_same_as_default(value: dict[str, Any]) -> dict[str, Any]:
    """icons.py ensure_not_same_as_default."""
    for key, section in value.items():
        if (default := section.get("default")) and (states := section.get("state")):
            for state, state_icon in states.items():
                if state_icon == default:
                    raise vol.Invalid(
                        f"The icon for state `{key}.{state}` is the same as the default icon"
                        " and thus can be removed"
                    )
    return value


def _entity_icons(marker: type[vol.Marker]) -> dict[Any, Any]:
    """icons.py icon_schema_slug."""
    return {
        marker("default"): icon,
        vol.Optional("state"): keyed(icon, translation_key),
        vol.Optional("range"): {vol.Coerce(float): icon},
        vol.Optional("state_attributes"): vol.All(
            keyed(
                {marker("default"): icon, marker("state"): keyed(icon, translation_key)},
                translation_key,
            ),
            _not_same_as_default,
        ),
    }


_DATA_ENTRY_ICONS = vol.Schema({"step": {str: {"sections": {str: icon}}}})


@cache
def icons_schema(integration_type: str) -> vol.Schema:
    """icons.py icon_schema for an integration that is not a core entity component."""
    service_icon = vol.Any(
        icon,  # the form of 2024
        {vol.Required("service"): icon, vol.Optional("sections"): keyed(icon, translation_key)},
    )
    schema: dict[Any, Any] = {
        vol.Optional("config"): _DATA_ENTRY_ICONS,
        vol.Optional("issues"): {str: {"fix_flow": _DATA_ENTRY_ICONS}},
        vol.Optional("options"): _DATA_ENTRY_ICONS,
        vol.Optional("services"): keyed(service_icon, translation_key),
        vol.Optional("triggers"): keyed(
            vol.Any(icon, {vol.Required("trigger"): icon}), slug_or_default_translation_key
        ),
        vol.Optional("conditions"): keyed(
            vol.Any(icon, {vol.Required("condition"): icon}), slug_or_default_translation_key
        ),
    }
    if integration_type in ("entity", "helper", "system"):
        schema[vol.Optional("entity_component")] = keyed(
            _entity_icons(vol.Required), slug_or_default
        )
    if integration_type not in ("entity", "system"):
        # As in icons.py, ensure_not_same_as_default runs on the platforms' mapping here, so
        # it only looks at a translation key named "default": an entity's state icon may
        # repeat its default one (core integrations do).
        schema[vol.Optional("entity")] = vol.All(
            keyed(keyed(_entity_icons(vol.Optional), translation_key), slug),
            _not_same_as_default,
        )
    return vol.Schema(schema)


def test_icons_schema(manifest: dict[str, Any]) -> None:
    """icons.py validate_icon_file: icon_schema(integration_type) ("Invalid icons.json")."""
    _check(icons_schema(manifest.get("integration_type", "hub")), _json(ICONS), "icons.json")


def test_every_service_has_an_icon(services: dict[str, Any]) -> None:
    """services.py validate_services (core): "Service X has no icon in icons.json"."""
    icons = _json(ICONS).get("services", {})
    assert set(services) <= set(icons), f"no icon for {sorted(set(services) - set(icons))}"


def test_entity_translation_keys_have_strings() -> None:
    """icons.json and strings.json describe the same entities (translation_key per platform)."""
    strings = _json(STRINGS).get("entity", {})
    for platform, entities in _json(ICONS).get("entity", {}).items():
        unknown = set(entities) - set(strings.get(platform, {}))
        assert not unknown, f"icons.json entity.{platform} has no strings for {sorted(unknown)}"


# === hassfest quality_scale.py ==============================================================

QUALITY_RULES = {
    "bronze": [
        "action-setup",
        "appropriate-polling",
        "brands",
        "common-modules",
        "config-flow",
        "config-flow-test-coverage",
        "dependency-transparency",
        "docs-actions",
        "docs-conditions",
        "docs-high-level-description",
        "docs-installation-instructions",
        "docs-removal-instructions",
        "docs-triggers",
        "entity-event-setup",
        "entity-unique-id",
        "has-entity-name",
        "runtime-data",
        "test-before-configure",
        "test-before-setup",
        "unique-config-entry",
    ],
    "silver": [
        "action-exceptions",
        "config-entry-unloading",
        "docs-configuration-parameters",
        "docs-installation-parameters",
        "entity-unavailable",
        "integration-owner",
        "log-when-unavailable",
        "parallel-updates",
        "reauthentication-flow",
        "test-coverage",
    ],
    "gold": [
        "devices",
        "diagnostics",
        "discovery",
        "discovery-update-info",
        "docs-data-update",
        "docs-examples",
        "docs-known-limitations",
        "docs-supported-devices",
        "docs-supported-functions",
        "docs-troubleshooting",
        "docs-use-cases",
        "dynamic-devices",
        "entity-category",
        "entity-device-class",
        "entity-disabled-by-default",
        "entity-translations",
        "exception-translations",
        "icon-translations",
        "reconfiguration-flow",
        "repair-issues",
        "stale-devices",
    ],
    "platinum": ["async-dependency", "inject-websession", "strict-typing"],
}
ALL_RULES = [rule for rules in QUALITY_RULES.values() for rule in rules]

# quality_scale.py SCHEMA: "rules", each a known rule: done/todo, or {status: done/todo,
# comment?}, or {status: exempt, comment} (an exemption needs its reason).
QUALITY_SCALE_SCHEMA = vol.Schema(
    {
        vol.Required("rules"): vol.Schema(
            {
                vol.Optional(rule): vol.Any(
                    vol.In(["todo", "done"]),
                    vol.Schema(
                        {
                            vol.Required("status"): vol.In(["todo", "done"]),
                            vol.Optional("comment"): str,
                        }
                    ),
                    vol.Schema({vol.Required("status"): "exempt", vol.Required("comment"): str}),
                )
                for rule in ALL_RULES
            }
        )
    }
)


@pytest.fixture(scope="module")
def quality_scale() -> dict[str, Any]:
    if not QUALITY_SCALE.is_file():
        pytest.skip("custom_components/clova_home/quality_scale.yaml does not exist yet")
    data = _yaml(QUALITY_SCALE)
    assert isinstance(data, dict), "quality_scale.yaml is not a mapping"
    return data


def _status(value: Any) -> str:
    return str(value["status"] if isinstance(value, dict) else value)


def test_quality_scale_schema(quality_scale: dict[str, Any]) -> None:
    """quality_scale.py validate_iqs_file: SCHEMA ("Invalid quality_scale.yaml").

    Rule names are the current ones (ALL_RULES), statuses done or todo, and an exempt rule
    carries a comment saying why. (hassfest checks this file for core integrations only.)
    """
    _check(QUALITY_SCALE_SCHEMA, quality_scale, "quality_scale.yaml")


def test_quality_scale_comment_is_not_empty(quality_scale: dict[str, Any]) -> None:
    """An exemption's comment says something (the rule requires one; an empty one says nothing)."""
    for rule, value in quality_scale.get("rules", {}).items():
        if isinstance(value, dict) and "comment" in value:
            assert str(value["comment"]).strip(), f"{rule}: empty comment"


def test_quality_scale_lists_every_rule(quality_scale: dict[str, Any]) -> None:
    """A tracking file lists every rule (so that a missing one is a decision, not an oversight)."""
    missing = sorted(set(ALL_RULES) - set(quality_scale.get("rules", {})))
    assert not missing, f"quality_scale.yaml does not list: {missing}"


def test_quality_scale_declared_tier_met(
    quality_scale: dict[str, Any], manifest: dict[str, Any]
) -> None:
    """quality_scale.py: "Quality scale tier X requires quality scale rules to be met".

    A manifest that declares a tier has every rule of that tier and below done or exempt.
    """
    tier = manifest.get("quality_scale")
    if tier not in SCALED_TIERS:
        pytest.skip(f"the manifest declares no scaled tier ({tier!r})")
    met = {r for r, v in quality_scale["rules"].items() if _status(v) in ("done", "exempt")}
    for scale in SCALED_TIERS[: SCALED_TIERS.index(tier) + 1]:
        missing = sorted(set(QUALITY_RULES[scale]) - met)
        assert not missing, f"Quality scale tier {scale} requires: {missing}"


def _config_flow() -> ast.Module:
    return _parse(COMPONENT / "config_flow.py")


def _defines(module: ast.Module, name: str) -> bool:
    return any(
        isinstance(node, ast.AsyncFunctionDef) and node.name == name for node in ast.walk(module)
    )


def _calls(module: ast.Module | ast.AST, attribute: str) -> bool:
    return any(
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == attribute
        for node in ast.walk(module)
    )


def _rule_config_flow(manifest: dict[str, Any]) -> str | None:
    """quality_scale_validation/config_flow.py."""
    if not manifest.get("config_flow"):
        return "Integration does not set config_flow in its manifest"
    if not (COMPONENT / "config_flow.py").exists():
        return "Integration does not implement config flow (is missing config_flow.py)"
    return None


def _rule_discovery(manifest: dict[str, Any]) -> str | None:
    """quality_scale_validation/discovery.py."""
    keys = ("bluetooth", "dhcp", "homekit", "mqtt", "ssdp", "usb", "zeroconf")
    steps = {f"async_step_{step}" for step in (*keys, "discovery", "hassio")}
    if any(key in manifest for key in keys):
        return None
    if not any(_defines(_config_flow(), step) for step in steps):
        return f"Integration is missing one of {sorted(steps)} in config_flow.py"
    return None


def _rule_reconfiguration_flow(manifest: dict[str, Any]) -> str | None:
    """quality_scale_validation/reconfiguration_flow.py."""
    if not _defines(_config_flow(), "async_step_reconfigure"):
        return "Integration does not support a reconfiguration flow (async_step_reconfigure)"
    return None


def _rule_runtime_data(manifest: dict[str, Any]) -> str | None:
    """quality_scale_validation/runtime_data.py: entry.runtime_data set in async_setup_entry."""
    setup_entry = _top_level_function(_parse(COMPONENT / "__init__.py"), "async_setup_entry")
    if setup_entry is None or len(setup_entry.args.args) != 2:
        return "Could not find async_setup_entry(hass, entry) in __init__.py"
    entry = setup_entry.args.args[1].arg
    if not any(
        isinstance(node, ast.Attribute)
        and isinstance(node.value, ast.Name)
        and node.value.id == entry
        and node.attr == "runtime_data"
        and isinstance(node.ctx, ast.Store)
        for node in ast.walk(setup_entry)
    ):
        return "Integration does not set entry.runtime_data in async_setup_entry"
    return None


def _rule_strict_typing(manifest: dict[str, Any]) -> str | None:
    """quality_scale_validation/strict_typing.py: in core's .strict-typing; here, mypy strict."""
    mypy = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"].get("mypy", {})
    if not mypy.get("strict") or "custom_components.clova_home" not in mypy.get("packages", []):
        return "mypy does not check custom_components.clova_home strictly (pyproject.toml)"
    return None


def _rule_test_before_setup(manifest: dict[str, Any]) -> str | None:
    """quality_scale_validation/test_before_setup.py: first refresh, or ConfigEntry* raised."""
    setup_entry = _top_level_function(_parse(COMPONENT / "__init__.py"), "async_setup_entry")
    if setup_entry is None:
        return "Could not find async_setup_entry in __init__.py"
    if _calls(setup_entry, "async_config_entry_first_refresh"):
        return None
    wanted = {"ConfigEntryNotReady", "ConfigEntryAuthFailed", "ConfigEntryError"}

    def name(expression: ast.expr | None) -> str:
        while isinstance(expression, ast.Call | ast.Attribute):
            expression = expression.func if isinstance(expression, ast.Call) else expression.value
        return expression.id if isinstance(expression, ast.Name) else ""

    for path in COMPONENT.rglob("*.py"):
        for node in ast.walk(_parse(path)):
            if isinstance(node, ast.Raise) and name(node.exc) in wanted:
                return None
    return f"Integration does not raise one of {sorted(wanted)}"


def _rule_unique_config_entry(manifest: dict[str, Any]) -> str | None:
    """quality_scale_validation/unique_config_entry.py."""
    if manifest.get("single_config_entry"):
        return None
    flow = _config_flow()
    if _calls(flow, "_async_abort_entries_match") or (
        _calls(flow, "async_set_unique_id") and _calls(flow, "_abort_if_unique_id_configured")
    ):
        return None
    return "Integration doesn't prevent the same device or service from being set up twice"


# quality_scale.py VALIDATORS: the rules hassfest checks in the code when marked done.
RULE_VALIDATORS: dict[str, Callable[[dict[str, Any]], str | None]] = {
    "config-flow": _rule_config_flow,
    "discovery": _rule_discovery,
    "reconfiguration-flow": _rule_reconfiguration_flow,
    "runtime-data": _rule_runtime_data,
    "strict-typing": _rule_strict_typing,
    "test-before-setup": _rule_test_before_setup,
    "unique-config-entry": _rule_unique_config_entry,
}


@pytest.mark.parametrize("rule", sorted(RULE_VALIDATORS))
def test_quality_scale_done_rules_hold(
    rule: str, quality_scale: dict[str, Any], manifest: dict[str, Any]
) -> None:
    """quality_scale.py: a rule marked done passes its validator (quality_scale_validation/)."""
    if _status(quality_scale.get("rules", {}).get(rule, "todo")) != "done":
        pytest.skip(f"{rule} is not marked done")
    assert (problem := RULE_VALIDATORS[rule](manifest)) is None, f"[{rule}] {problem}"


def test_quality_scale_rule_validators_on_this_code(manifest: dict[str, Any]) -> None:
    """The validators themselves, on this integration as it is (no quality_scale.yaml needed)."""
    for rule in ("config-flow", "runtime-data", "unique-config-entry", "test-before-setup"):
        assert RULE_VALIDATORS[rule](manifest) is None, rule
    assert _rule_discovery({}) is not None  # Clova calls in: nothing to discover


# === HACS ===================================================================================

# hacs/utils/validate.py HACS_MANIFEST_JSON_SCHEMA, extra keys refused.
HACS_LOCALES = {*COUNTRIES, "ALL"}  # hacs const.LOCALE: ISO 3166-1 alpha-2 codes and ALL


def _countries(value: Any) -> list[str]:
    """hacs/utils/validate.py _country_validator: a code or a list of codes (any case)."""
    if isinstance(value, str):
        codes = [value.upper()]
    elif isinstance(value, list) and all(isinstance(item, str) for item in value):
        codes = [item.upper() for item in value]
    else:
        raise vol.Invalid(f"Value '{value}' is not a string or list.")
    for code in codes:
        if code not in HACS_LOCALES:
            raise vol.Invalid(f"Value '{code}' is not a country code.")
    return codes


HACS_MANIFEST_SCHEMA = vol.Schema(
    {
        vol.Optional("content_in_root"): bool,
        vol.Optional("country"): _countries,
        vol.Optional("filename"): str,
        vol.Optional("hacs"): str,
        vol.Optional("hide_default_branch"): bool,
        vol.Optional("homeassistant"): str,
        vol.Optional("persistent_directory"): str,
        vol.Optional("render_readme"): bool,
        vol.Optional("zip_release"): bool,
        vol.Required("name"): str,
    }
)


def _url(value: Any) -> str:
    """config_validation.url: http(s) with a host."""
    if not isinstance(value, str) or not re.fullmatch(r"https?://[^\s/]+(/\S*)?", value):
        raise vol.Invalid(f"invalid url {value!r}")
    return value


def _awesome_version(value: Any) -> AwesomeVersion:
    """vol.Coerce(AwesomeVersion) as HACS uses it: anything AwesomeVersion can read."""
    try:
        return AwesomeVersion(value)
    except (AwesomeVersionException, TypeError) as err:
        raise vol.Invalid(f"{value!r} is not a version") from err


# hacs/utils/validate.py INTEGRATION_MANIFEST_JSON_SCHEMA (extra keys allowed).
HACS_INTEGRATION_MANIFEST_SCHEMA = vol.Schema(
    {
        vol.Required("codeowners"): list,
        vol.Required("documentation"): _url,
        vol.Required("domain"): str,
        vol.Required("issue_tracker"): _url,
        vol.Required("name"): str,
        vol.Required("version"): _awesome_version,
    },
    extra=vol.ALLOW_EXTRA,
)


@pytest.fixture(scope="module")
def hacs() -> dict[str, Any]:
    data = _json(HACS_JSON)
    assert isinstance(data, dict)
    return data


def test_hacs_json_schema(hacs: dict[str, Any]) -> None:
    """hacs/validate/hacsjson.py: HACS_MANIFEST_JSON_SCHEMA (check "hacsjson")."""
    _check(HACS_MANIFEST_SCHEMA, hacs, "hacs.json")


@pytest.mark.parametrize(
    "bad",
    [
        {"homeassistant": "2025.4.0"},
        {"name": "Clova Home", "domains": ["clova_home"]},
        {"name": "Clova Home", "iot_class": "cloud_push"},
        {"name": "Clova Home", "country": "KOR"},
        {"name": "Clova Home", "country": ["KR", "XX"]},
        {"name": "Clova Home", "zip_release": "yes"},
    ],
)
def test_hacs_json_schema_refuses(bad: dict[str, Any]) -> None:
    assert _rejects(HACS_MANIFEST_SCHEMA, bad)


def test_hacs_zip_release_has_filename(hacs: dict[str, Any]) -> None:
    """hacs/validate/hacsjson.py: "zip_release is True, but filename is not set"."""
    if hacs.get("zip_release"):
        assert hacs.get("filename"), "zip_release is True, but filename is not set"


def test_hacs_minimum_home_assistant_is_a_version(hacs: dict[str, Any]) -> None:
    """hacs.json "homeassistant": HACS compares it with the running release as a version."""
    if "homeassistant" in hacs:
        assert AwesomeVersion(hacs["homeassistant"]).strategy == AwesomeVersionStrategy.CALVER


def test_hacs_integration_manifest(manifest: dict[str, Any]) -> None:
    """hacs/validate/integration_manifest.py: INTEGRATION_MANIFEST_JSON_SCHEMA ("manifest")."""
    _check(HACS_INTEGRATION_MANIFEST_SCHEMA, manifest, "manifest.json (HACS)")


def test_hacs_repository_structure() -> None:
    """hacs/repositories/integration.py validate_repository: custom_components/<one folder>.

    HACS takes the first folder under custom_components/; there is exactly one.
    """
    folders = [
        path.name
        for path in (ROOT / "custom_components").iterdir()
        if path.is_dir() and path.name != "__pycache__"
    ]
    assert folders == [COMPONENT.name]


def test_hacs_brands() -> None:
    """hacs/validate/brands.py: <integration>/brand/icon.png, else the brands repository."""
    assert (COMPONENT / "brand" / "icon.png").is_file()


def test_hacs_information_file() -> None:
    """hacs/validate/information.py: README, README.md, info or info.md at the root."""
    names = {path.name.lower() for path in ROOT.iterdir() if path.is_file()}
    assert names & {"readme", "readme.md", "info", "info.md"}


def test_hacs_license() -> None:
    """hacs/validate/license.py: an OSI-approved licence GitHub identifies (here Apache-2.0)."""
    text_ = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in text_
    assert "Version 2.0" in text_


# === the schemas against Home Assistant's own integrations ==================================
# Every core integration of the installed release passed that release's hassfest, so these
# schemas must accept their files (a rule copied too strictly would show here).


def _core_integrations() -> Iterator[tuple[str, dict[str, Any], Path]]:
    for path in sorted(CORE_COMPONENTS.glob("*/manifest.json")):
        data = _json(path)
        if data.get("integration_type") != "virtual":
            yield data["domain"], data, path.parent


def test_core_strings_pass_the_strings_schema() -> None:
    failures = []
    for domain, data, folder in _core_integrations():
        if domain in ("auth", "onboarding", "homeassistant_hardware"):  # schemas of their own
            continue
        path = folder / "strings.json"
        if path.is_file():
            try:
                strings_schema(data.get("integration_type", "hub"))(_json(path))
            except vol.Invalid as err:
                failures.append(f"{domain}: {err}")
    assert not failures, f"{len(failures)} core strings.json refused:\n" + "\n".join(failures)


def test_core_icons_pass_the_icons_schema() -> None:
    failures = []
    for domain, data, folder in _core_integrations():
        path = folder / "icons.json"
        kind = data.get("integration_type", "hub")
        if path.is_file() and kind not in ("entity", "system"):  # core entity components
            try:
                icons_schema(kind)(_json(path))
            except vol.Invalid as err:
                failures.append(f"{domain}: {err}")
    assert not failures, f"{len(failures)} core icons.json refused:\n" + "\n".join(failures)


def test_core_services_pass_the_services_schema() -> None:
    """Core services.yaml may hold YAML anchors under keys starting with "." (removed first).

    A selector filter naming another integration's entity feature is resolved by importing
    that integration, which the test environment may lack: that error is not counted.
    """
    failures = []
    for domain, _, folder in _core_integrations():
        path = folder / "services.yaml"
        if path.is_file() and isinstance(data := _yaml(path), dict):
            try:
                CUSTOM_SERVICES_SCHEMA({k: v for k, v in data.items() if not k.startswith(".")})
            except vol.Invalid as err:
                if "Unknown supported feature" not in str(err):
                    failures.append(f"{domain}: {err}")
    assert not failures, f"{len(failures)} core services.yaml refused:\n" + "\n".join(failures)


def test_core_quality_scales_pass_the_quality_scale_schema() -> None:
    """Also: every rule a core quality_scale.yaml uses is in ALL_RULES (no rule missing)."""
    failures = []
    for domain, _, folder in _core_integrations():
        path = folder / "quality_scale.yaml"
        if path.is_file():
            try:
                QUALITY_SCALE_SCHEMA(_yaml(path))
            except vol.Invalid as err:
                failures.append(f"{domain}: {err}")
    assert not failures, f"{len(failures)} core quality_scale.yaml refused:\n" + "\n".join(failures)
