#!/usr/bin/env bash
# Builds the Windows installers of PruneScope (run with Git Bash, as the CI workflow does; needs WiX 3 on the PATH):
# the app image target/installer/PruneScope and, by default, target/installer/PruneScope-<version>.msi.
#   installers/jpackage-windows.sh [--type app-image|msi]        (default: msi, which builds the app image first)
# The .msi installs to Program Files\PruneScope with PruneScope.exe (the window, Start-menu entry and desktop
# shortcut), prunescope-cli.exe (the command line) and the .onnx file association.
source "$(dirname "$0")/common.sh"
type=msi
[ "${1:-}" = "--type" ] && type="$2"
ORT_PLATFORM=win-x64
PATH_SEP=";"
JMODS="$(cygpath -m "$JAVA_HOME")/jmods"   # a C:/... path: Java on Windows does not read /c/...

prepare_all
rm -rf "$OUT/PruneScope" "$OUT"/*.msi
LAUNCHERS=(--icon installers/icons/prunescope.ico
           --add-launcher prunescope-cli=installers/windows/prunescope-cli.properties)
jpackage --type app-image "${COMMON_JPACKAGE[@]}" "${LAUNCHERS[@]}"
report_sizes "$OUT/PruneScope"
if [ "$type" = msi ]; then
  # The upgrade code stays fixed across versions so that a new .msi replaces the old installation.
  jpackage --type msi "${COMMON_JPACKAGE[@]}" "${LAUNCHERS[@]}" \
    --win-menu --win-menu-group PruneScope --win-shortcut --win-dir-chooser \
    --win-upgrade-uuid 6f1b7d3e-2c4a-4e8f-9a61-5d0c8b7e4f21 \
    --file-associations installers/windows/onnx-association.properties
  report_sizes "$OUT"/PruneScope-*.msi
fi
