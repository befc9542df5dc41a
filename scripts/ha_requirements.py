"""The packages a live Home Assistant needs to run the demo home with Clova Home.

Home Assistant runs with ``--skip-pip`` in the tests, so whatever its integrations require must
already be installed. This script is run by the Python of a venv that has ``homeassistant``
installed (any release) and prints, one per line, the requirements of every integration such a
run can set up: the domains of the configuration file, the ones Home Assistant always sets up
(``CORE_INTEGRATIONS`` and ``DEFAULT_INTEGRATIONS`` of ``homeassistant.bootstrap``), the
platforms the demo integration provides (its module names) and the dependencies of custom
integrations, each with its dependencies and after_dependencies followed to the end, as Home
Assistant's own requirements manager does when it installs them.

    python scripts/ha_requirements.py --config demo/configuration.yaml \
        --manifest custom_components/clova_home/manifest.json > requirements.txt

Install the result with ``-c <homeassistant>/package_constraints.txt``, as Home Assistant does.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Iterator
import json
from pathlib import Path
import re
import sys
from typing import Any

import homeassistant
from homeassistant import bootstrap, requirements
from homeassistant.const import __version__ as ha_version

COMPONENTS = Path(homeassistant.__file__).parent / "components"
CONSTRAINTS = Path(homeassistant.__file__).parent / "package_constraints.txt"


def _manifest(domain: str) -> dict[str, Any] | None:
    path = COMPONENTS / domain / "manifest.json"
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return data if isinstance(data, dict) else None


def _strings(value: Any) -> Iterator[str]:
    """Every string in a (possibly nested) set, tuple or list."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, set | frozenset | tuple | list):
        for item in value:
            yield from _strings(item)


def config_domains(path: Path) -> set[str]:
    """The top-level keys of a configuration.yaml (no YAML parser: it has !env_var tags)."""
    text = path.read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z0-9_]+):", text, flags=re.MULTILINE))


# The bootstrap sets of integrations that are set up whatever the configuration holds; the
# other *_INTEGRATIONS sets (stages, discovery, recorder, ...) only order configured ones.
ALWAYS = ("CORE_INTEGRATIONS", "DEFAULT_INTEGRATIONS")


def always_set_up() -> set[str]:
    """The integrations ``homeassistant.bootstrap`` sets up whatever the configuration says.

    Should a release rename those sets, every ``*_INTEGRATIONS`` set but the Supervisor's is
    taken instead: more than needed, never less.
    """
    found: set[str] = set()
    for name in ALWAYS:
        found.update(_strings(getattr(bootstrap, name, ())))
    if not found:
        for name, value in vars(bootstrap).items():
            if name.isupper() and "INTEGRATIONS" in name and "SUPERVISOR" not in name:
                found.update(_strings(value))
    return found


def demo_platforms() -> set[str]:
    """The entity platforms the demo integration provides (demo/light.py: ``light``)."""
    return {path.stem for path in (COMPONENTS / "demo").glob("*.py")}


def closure(domains: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The manifests of the domains that exist, and of all their (after_)dependencies.

    Home Assistant's requirements manager (homeassistant/requirements.py) installs those of
    an integration's dependencies and after_dependencies too, and of the discovery
    integrations its manifest names: an after_dependency's modules may be imported.
    """
    discovery: dict[str, Any] = getattr(requirements, "DISCOVERY_INTEGRATIONS", {})
    manifests: dict[str, dict[str, Any]] = {}
    pending = list(domains)
    while pending:
        domain = pending.pop()
        if domain in manifests or (manifest := _manifest(domain)) is None:
            continue
        manifests[domain] = manifest
        pending.extend(manifest.get("dependencies", []))
        pending.extend(manifest.get("after_dependencies", []))
        pending.extend(
            check for check, keys in discovery.items() if any(key in manifest for key in keys)
        )
    return manifests


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n", 1)[0])
    parser.add_argument("--config", type=Path, action="append", default=[])
    parser.add_argument("--manifest", type=Path, action="append", default=[])
    parser.add_argument(
        "--constraints", action="store_true", help="print the path of package_constraints.txt"
    )
    args = parser.parse_args(argv)
    if args.constraints:
        print(CONSTRAINTS)
        return 0

    domains = always_set_up() | demo_platforms()
    requirements: set[str] = set()
    for path in args.config:
        domains |= config_domains(path)
    for path in args.manifest:
        custom = json.loads(path.read_text(encoding="utf-8"))
        domains |= set(custom.get("dependencies", []))
        requirements |= set(custom.get("requirements", []))
    manifests = closure(domains)
    for manifest in manifests.values():
        requirements |= set(manifest.get("requirements", []))
    print(
        f"ha_requirements: {len(requirements)} requirements of {len(manifests)} integrations "
        f"(Home Assistant {ha_version})",
        file=sys.stderr,
    )
    for requirement in sorted(requirements, key=str.lower):
        print(requirement)
    return 0


if __name__ == "__main__":
    sys.exit(main())
