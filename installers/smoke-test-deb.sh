#!/usr/bin/env bash
# Installs the .deb built by jpackage-linux.sh on this machine (as root, with dpkg), checks what a new user would:
# the CLI on the PATH, `prunescope analyze` on the installed sample from an unrelated folder, the desktop entry and
# the .onnx MIME type, the installed window under Xvfb (screenshot, no JavaFX class-path warning), `prunescope gui`,
# then removes the package and checks nothing is left behind.
#   installers/smoke-test-deb.sh [DEB] [SCREENSHOT.png]
set -euo pipefail
cd "$(dirname "$0")/.."
deb="${1:-$(ls target/installer/prunescope_*.deb | head -1)}"
shot="$(realpath -m "${2:-target/installer/installed-workbench.png}")"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
step() { printf '\n== %s\n' "$*"; }
fail() { echo "FAILED: $*" >&2; exit 1; }

step "install $(basename "$deb") ($(du -h "$deb" | cut -f1))"
# jpackage's package depends on xdg-utils for the desktop entry and MIME type: install it the usual way if absent.
command -v xdg-mime >/dev/null || apt-get install -y -q xdg-utils >/dev/null
# A desktop system has the system menu folders xdg-desktop-menu writes to; a bare container may not: make them
# for the test (and remove them afterwards), otherwise postinst skips the menu entry as on a server.
made=()
for d in /etc/xdg/menus/applications-merged /usr/share/desktop-directories; do
  [ -d "$d" ] || { mkdir -p "$d"; made+=("$d"); }
done
trap 'rm -rf "$work"; for d in "${made[@]}"; do rm -rf "$d"; done; rmdir /etc/xdg/menus 2>/dev/null || true' EXIT
dpkg -i "$deb"
du -sh /opt/prunescope

step "prunescope --help (from $work, where no assets/ folder is)"
cd "$work"
command -v prunescope
prunescope --help
prunescope --version

step "prunescope analyze on the installed sample"
sample=/opt/prunescope/lib/app/assets/models/fashion-resnet.onnx
[ -f "$sample" ] || fail "sample model not installed at $sample"
prunescope analyze "$sample" | tail -8
step "prunescope evaluate with --data bundled (found from the install, not the working directory)"
prunescope evaluate "$sample" --data bundled 2>&1 | tail -3

step "desktop entry, icon and .onnx MIME type"
grep -H "^Exec\|^Icon\|^MimeType" /usr/share/applications/prunescope-PruneScope.desktop
grep -q "^Exec=.*%f" /usr/share/applications/prunescope-PruneScope.desktop || fail "the entry does not pass the file"
cli_entry=/usr/share/applications/prunescope-prunescope.desktop
[ ! -e "$cli_entry" ] || grep -q "^NoDisplay=true" "$cli_entry" || fail "the CLI has a visible menu entry"
ls /usr/share/mime/packages/ | grep -i prunescope
cp "$sample" "$work/model.onnx"
echo "filetype of model.onnx: $(xdg-mime query filetype "$work/model.onnx" 2>/dev/null || echo '?')"
echo "default app for application/x-onnx: $(xdg-mime query default application/x-onnx 2>/dev/null || echo '?')"

step "the installed workbench under Xvfb (no model given: opens the installed sample)"
export HOME="$work/home"; mkdir -p "$HOME"
xvfb-run -a -s "-screen 0 1600x1000x24" /opt/prunescope/bin/PruneScope --screenshot="$shot" >"$work/gui.log" 2>&1 \
  || { cat "$work/gui.log"; fail "the workbench did not start"; }
cat "$work/gui.log"
[ -s "$shot" ] || fail "no screenshot written"
if grep -q "Unsupported JavaFX configuration" "$work/gui.log"; then fail "JavaFX ran from the class path"; fi
echo "screenshot: $shot"

step "prunescope gui MODEL opens the window from the CLI launcher"
xvfb-run -a -s "-screen 0 1600x1000x24" prunescope gui "$work/model.onnx" --screenshot "$work/gui.png" \
  >"$work/cli-gui.log" 2>&1 || { cat "$work/cli-gui.log"; fail "prunescope gui failed"; }
[ -s "$work/gui.png" ] || fail "prunescope gui wrote no screenshot"
grep -q "Unsupported JavaFX configuration" "$work/cli-gui.log" && fail "JavaFX ran from the class path"
echo "ok: $(grep -c . "$work/cli-gui.log") line(s) of output, screenshot $(du -h "$work/gui.png" | cut -f1)"

step "remove"
dpkg -r prunescope
[ ! -e /opt/prunescope ] || fail "/opt/prunescope is still there"
[ ! -e /usr/bin/prunescope ] || fail "/usr/bin/prunescope is still there"
[ ! -e /usr/share/applications/prunescope-PruneScope.desktop ] || fail "the desktop entry is still there"
echo "removed cleanly"
