# Shared set-up for scripts/example and scripts/test: installs what is missing, nothing else.
# Sourced, not run. Everything is idempotent and quick when already installed.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV="$ROOT/.venv"

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# A virtual environment with newsdoc installed (editable) and the given extras.
ensure_venv() {
  local extras=${1:-}
  local python=${PYTHON:-python3}
  if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV"
    "$python" -m venv "$VENV"
  fi
  local stamp="$VENV/.newsdoc-installed-${extras:-base}"
  local want
  want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1) [$extras]"
  if [ ! -f "$stamp" ] || ! grep -qxF "$want" "$stamp"; then
    say "installing newsdoc${extras:+ with [$extras]} into $VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check \
      -e "$ROOT${extras:+[$extras]}"
    echo "$want" >"$stamp"
  fi
}

# Debian packages, installed only when one of them is missing.
ensure_apt() {
  local missing=()
  local package
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" \
      || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing Debian packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" >/dev/null
}

# npm command-line tools, installed into .tools/ below the project when missing.
ensure_npm_tool() {
  local package=$1 bin=$2
  if [ ! -x "$ROOT/.tools/node_modules/.bin/$bin" ]; then
    say "installing $package (npm) into .tools/"
    mkdir -p "$ROOT/.tools"
    PUPPETEER_SKIP_DOWNLOAD=true npm install --silent --no-audit --no-fund \
      --prefix "$ROOT/.tools" "$package" >/dev/null
  fi
}
