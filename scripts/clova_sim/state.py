"""The simulator's memory between commands: where it linked, its tokens, the last discovery."""

from __future__ import annotations

from dataclasses import dataclass, field
import json
import os
from pathlib import Path
from typing import Any

from clova_sim.oauth import Tokens


@dataclass
class SimState:
    """What CEK would keep for one linked account."""

    base_url: str | None = None
    username: str | None = None
    tokens: Tokens | None = None
    appliances: list[dict[str, Any]] = field(default_factory=list)  # the last discovery

    @classmethod
    def load(cls, path: Path) -> SimState:
        """The state in ``path``; an empty one when there is none yet."""
        try:
            data = json.loads(path.read_text())
        except FileNotFoundError:
            return cls()
        except ValueError as err:
            raise ValueError(
                f"{path} is not valid JSON ({err}); delete it and link again"
            ) from None
        tokens = data.get("tokens")
        return cls(
            base_url=data.get("base_url"),
            username=data.get("username"),
            tokens=Tokens.from_json(tokens) if tokens else None,
            appliances=list(data.get("appliances") or []),
        )

    def save(self, path: Path) -> None:
        """Write atomically, owner-only (it holds live tokens)."""
        data = {
            "base_url": self.base_url,
            "username": self.username,
            "tokens": self.tokens.to_json() if self.tokens else None,
            "appliances": self.appliances,
        }
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{path.name}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as file:
            json.dump(data, file, indent=2)
        tmp.replace(path)
