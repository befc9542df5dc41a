"""The home under load: the demo home in a temporary folder on a free port, linked like CEK.

Everything is done the way ``scripts/develop`` and the end-to-end test do it (their modules
are reused, not copied): a real ``hass`` child process listening on 127.0.0.1 only, the owner
created through onboarding, Clova Home added and configured through the flow APIs, then the
account linked through Home Assistant's OAuth login flow for Clova's client ID.
"""

from __future__ import annotations

from collections.abc import Iterator
import contextlib
from dataclasses import dataclass
import io
from pathlib import Path
import shutil
import subprocess
import tarfile
import tempfile
import time
from typing import Any

from clova_sim import keys, oauth, provision
from clova_sim.hass import HassProcess, ensure_frontend, free_port
from clova_sim.settings import OWNER_NAME, OWNER_PASSWORD, OWNER_USERNAME, REPO, DemoSettings
from cryptography.hazmat.primitives.asymmetric import rsa

STARTUP_TIMEOUT = 180.0  # seconds to answer HTTP, and again to finish starting


@dataclass(frozen=True, slots=True)
class LoadHome:
    """A running, configured and linked demo home."""

    settings: DemoSettings
    hass: HassProcess
    owner_token: str  # for the REST API (the responsiveness probe)
    clova_tokens: oauth.Tokens  # what CEK holds after account linking
    key: rsa.RSAPrivateKey  # the demo signing key the integration trusts
    version: str  # Home Assistant's version, as the running instance reports it
    exposed: tuple[str, ...]
    startup_seconds: float

    @property
    def log_file(self) -> Path:
        """Home Assistant's log."""
        return self.settings.log_file

    def api(self) -> provision.RestApi:
        """The owner's REST API."""
        return provision.RestApi(self.settings.base_url, self.owner_token)


def committed_integration(into: Path) -> Path:
    """Extract ``custom_components`` as committed at HEAD into ``into``; return that folder.

    The working tree may hold someone's unfinished changes; numbers written down for a
    commit should be that commit's.
    """
    archive = subprocess.run(
        ["git", "archive", "--format=tar", "HEAD", "custom_components"],
        cwd=REPO,
        capture_output=True,
        check=True,
        timeout=60,
    ).stdout
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(into, filter="data")
    return into / "custom_components"


@contextlib.contextmanager
def running_home(keep: bool = False, committed: bool = False) -> Iterator[LoadHome]:
    """Start the home, yield it, and always stop Home Assistant afterwards.

    It runs the integration from the working tree, or as committed at HEAD when
    ``committed`` is set. The temporary folder is removed after a clean run; it is kept
    (and its path printed) when the run failed or ``keep`` is set, so that its log can be
    read.
    """
    config_dir = Path(tempfile.mkdtemp(prefix="clova-load-"))
    shutil.copy(REPO / "demo" / "configuration.yaml", config_dir / "configuration.yaml")
    if committed:
        committed_integration(config_dir)
    else:
        (config_dir / "custom_components").symlink_to(REPO / "custom_components")
    port = free_port()
    settings = DemoSettings(config_dir, port, f"http://127.0.0.1:{port}")
    failed = True
    try:
        ensure_frontend()
        key = keys.ensure_key_pair(settings.keys_dir)
        with HassProcess(settings) as hass:
            started = time.monotonic()
            owner_token, _ = provision.start_onboarded(
                hass, STARTUP_TIMEOUT, OWNER_USERNAME, OWNER_PASSWORD, OWNER_NAME
            )
            api = provision.RestApi(settings.base_url, owner_token)
            _, exposed = provision.configure(api, config_dir, keys.public_pem(key))
            config: dict[str, Any] = api.get("/api/config")
            linked = oauth.link(settings.base_url, OWNER_USERNAME, OWNER_PASSWORD)
            yield LoadHome(
                settings=settings,
                hass=hass,
                owner_token=owner_token,
                clova_tokens=linked.tokens,
                key=key,
                version=str(config.get("version", "?")),
                exposed=exposed,
                startup_seconds=time.monotonic() - started,
            )
            failed = False
    finally:
        if failed or keep:
            print(f"The load home's folder (with its log) is kept: {config_dir}", flush=True)
        else:
            shutil.rmtree(config_dir, ignore_errors=True)
