"""Where the demo lives and who owns it; shared by ``scripts/develop``, ``scripts/clova`` and e2e.

Everything can be pointed elsewhere through the environment, which is how the end-to-end test
runs its own demo home in a temporary folder on a free port:

- ``CLOVA_DEMO_DIR``: the Home Assistant config folder (default: ``demo/`` in the repository);
- ``CLOVA_DEMO_PORT``: its port (default 8123; ``demo/configuration.yaml`` reads it too);
- ``CLOVA_SIM_URL``: the Home Assistant the simulator talks to (default from the port).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# The demo home's owner, created non-interactively by scripts/develop. It listens on
# 127.0.0.1 only, so a fixed, printed password is fine.
OWNER_NAME = "Demo Owner"
OWNER_USERNAME = "demo"
OWNER_PASSWORD = "clova-demo"

DEFAULT_PORT = 8123
STATE_FILE = ".clova-sim.json"  # the simulator's tokens and last discovery (gitignored)
KEYS_DIR = "keys"  # the demo signing key pair (gitignored)


@dataclass(frozen=True, slots=True)
class DemoSettings:
    """The folder, port and URL of one demo home."""

    config_dir: Path
    port: int
    base_url: str

    @property
    def state_file(self) -> Path:
        """The simulator's state file."""
        return self.config_dir / STATE_FILE

    @property
    def keys_dir(self) -> Path:
        """The folder of the demo signing key pair."""
        return self.config_dir / KEYS_DIR

    @property
    def log_file(self) -> Path:
        """Home Assistant's own log."""
        return self.config_dir / "home-assistant.log"

    def environ(self) -> dict[str, str]:
        """The variables ``configuration.yaml`` reads (port and URL)."""
        return {"CLOVA_DEMO_PORT": str(self.port), "CLOVA_DEMO_URL": self.base_url}

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> DemoSettings:
        """The settings from the environment, with the defaults above."""
        env = os.environ if env is None else env
        config_dir = Path(env.get("CLOVA_DEMO_DIR") or REPO / "demo").resolve()
        port = int(env.get("CLOVA_DEMO_PORT") or DEFAULT_PORT)
        base_url = (env.get("CLOVA_SIM_URL") or f"http://127.0.0.1:{port}").rstrip("/")
        return cls(config_dir, port, base_url)
