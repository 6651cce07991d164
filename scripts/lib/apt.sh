# Sourced by .ci/run and scripts/browser-check.sh.
# apt_install PKG...: installs Debian packages a check needs, as root or
# through sudo -n; on failure says which and shows the installer's last
# lines, and returns 1.
apt_install() {
  local log
  log=$(mktemp)
  echo "installing Debian's $* for the checks"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@") >"$log" 2>&1 \
    || sudo -n sh -c "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $*" >>"$log" 2>&1 \
    || { echo "installing $* failed; its last lines:" >&2; tail -n 15 "$log" >&2; rm -f "$log"; return 1; }
  rm -f "$log"
}
