# Shared by scripts/test-latest and scripts/e2e-newest (sourced, not run): the mounts of a
# Debian sid chroot and their undoing, the script's child process, and what the chroot needs
# to reach the package index as this machine does. Both scripts set `me` (their name, for
# messages) before sourcing it.

# --- mounts: every mount is recorded and undone in reverse order on exit ---------------------
mounts=()
mount_into() { # mount_into TARGET MOUNT-ARGS...
  mkdir -p "$1"
  mount "${@:2}" "$1"
  mounts+=("$1")
}
unmount_all() {
  local i
  for ((i = ${#mounts[@]} - 1; i >= 0; i--)); do
    umount "${mounts[i]}" 2>/dev/null || umount -l "${mounts[i]}" \
      || echo "$me: could not unmount ${mounts[i]}" >&2
  done
  mounts=()
}
# Mount points at or below a directory (a run killed with SIGKILL can leave some behind).
mounts_under() {
  awk -v d="$1" '$5 == d || index($5, d "/") == 1 { print $5 }' /proc/self/mountinfo | sort -r
}
# Remove a directory only when nothing is mounted inside it (never delete through a bind mount).
remove_dir() {
  local m
  for m in $(mounts_under "$1"); do umount "$m" 2>/dev/null || umount -l "$m" || true; done
  if [ -n "$(mounts_under "$1")" ]; then
    echo "$me: $1 still has mounts; leaving it in place." >&2
    return 1
  fi
  rm -rf --one-file-system "$1"
}

# The tests run as a background child that the script waits for: bash runs a trap only after
# the foreground command it is running ends, so without this a SIGINT/SIGTERM sent to the
# script alone would wait for the whole run. The handler stops the child first (a busy mount
# cannot be unmounted cleanly), then the EXIT trap unmounts.
child=""
run_child() { # run_child COMMAND... (a function is run in a subshell: its children are stopped too)
  "$@" &
  child=$!
  local rc=0
  wait "$child" || rc=$?
  child=""
  return "$rc"
}
stop_child() {
  if [ -n "$child" ]; then
    pkill -TERM -P "$child" 2>/dev/null || true
    kill -TERM "$child" 2>/dev/null || true
    wait "$child" 2>/dev/null || true
    child=""
  fi
}

# --- what pip needs to reach the package index exactly as the host does ----------------------
pip_env=()
while IFS= read -r var; do pip_env+=("$var=${!var}"); done < <(
  compgen -e | grep -E '^(PIP_[A-Z0-9_]+|https?_proxy|HTTPS?_PROXY|no_proxy|NO_PROXY)$' || true
)
# Local paths the host's pip configuration points at (constraint files, wheel folders, ...).
host_pip_paths() {
  {
    printf '%s\n' "${pip_env[@]#*=}"
    sed -n 's/^[^#;]*=//p' /etc/pip.conf /etc/xdg/pip/pip.conf 2>/dev/null
  } | tr ' \t' '\n\n' | sed 's|^file://||' | grep '^/' | sort -u || true
}
copy_host_network_config() { # copy_host_network_config DIR
  local f
  for f in /etc/resolv.conf /etc/hosts /etc/pip.conf /etc/xdg/pip/pip.conf \
    /etc/ssl/certs/ca-certificates.crt $(host_pip_paths); do
    if [ -f "$f" ]; then
      mkdir -p "$1$(dirname "$f")"
      cp -L "$f" "$1$f"
    fi
  done
}
mount_host_pip_paths() { # mount_host_pip_paths DIR (local package folders pip is told about)
  local path
  for path in $(host_pip_paths); do
    if [ -d "$path" ]; then mount_into "$1$path" --bind -o ro "$path"; fi
  done
}

# The Debian mirror this machine's apt already uses (no registry host is written here).
debian_mirror() {
  if [ -n "${CLOVA_DEBIAN_MIRROR:-}" ]; then
    echo "$CLOVA_DEBIAN_MIRROR"
    return
  fi
  local uri
  uri=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null \
    | awk '/^URIs:/ { for (i = 2; i <= NF; i++) print $i }' | grep -v -- '-security' | head -n1)
  [ -n "$uri" ] || uri=$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
    | awk '$1 == "deb" { for (i = 2; i <= NF; i++) if ($i ~ /:\/\//) { print $i; break } }' \
    | grep -v -- '-security' | head -n1)
  if [ -z "$uri" ]; then
    echo "$me: no Debian mirror in the apt sources; set CLOVA_DEBIAN_MIRROR." >&2
    return 1
  fi
  echo "$uri"
}

# Waits for another apt/dpkg run (the machine may be installing something else) instead of
# failing on its lock; fetches the lists when they are missing.
install_debootstrap() {
  local apt=(apt-get -q -o DPkg::Lock::Timeout=900)
  if ! apt-cache show debootstrap >/dev/null 2>&1; then "${apt[@]}" update; fi
  DEBIAN_FRONTEND=noninteractive "${apt[@]}" install -y --no-install-recommends debootstrap
}
