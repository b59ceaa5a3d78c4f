# Shared steps of the installer scripts (sourced by jpackage-linux.sh, jpackage-macos.sh, jpackage-windows.sh).
# Each script sets ORT_PLATFORM (ONNX Runtime's native folder to keep) and PATH_SEP, then runs:
#   prepare_all; jpackage ... "${COMMON_JPACKAGE[@]}" <its own options>
# Layout it produces under target/installer:
#   deps/     every runtime dependency (mvn dependency:copy-dependencies)
#   jfx/      JavaFX's platform jars: modules for jlink, never on the class path
#   input/    the class path: prunescope-<version>.jar, the other libraries, ONNX Runtime slimmed to the host
#             platform, and assets/ (sample models and data; jpackage puts input/ in the app's lib/app, where
#             BundledAssets finds assets/ beside the jar, and -Dprunescope.assets names it explicitly)
#   runtime/  the jlink runtime: the JDK modules the code needs plus javafx.controls, javafx.fxml, javafx.swing
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT=target/installer
MVN="${MVN:-mvn -B -q}"

# The version is defined once, in the pom; the build filters it into build.properties.
app_version() {
  sed -n 's/^version=//p' target/classes/io/prunescope/about/build.properties | tr -d '\r'
}

build_jars() {
  if [ ! -f target/classes/io/prunescope/about/build.properties ] || ! ls target/prunescope-*.jar >/dev/null 2>&1; then
    $MVN package -DskipTests
  fi
  VERSION="$(app_version)"
  rm -rf "$OUT"
  mkdir -p "$OUT/deps" "$OUT/jfx" "$OUT/input"
  $MVN dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$OUT/deps"
}

prepare_input() {
  cp "target/prunescope-$VERSION.jar" "$OUT/input/"
  local jar name
  for jar in "$OUT"/deps/*.jar; do
    name="$(basename "$jar")"
    case "$name" in
      javafx-*-"$VERSION_JFX"-*.jar) cp "$jar" "$OUT/jfx/" ;;   # the platform jar: a real module with natives
      javafx-*.jar) ;;                                            # the empty placeholder jar: not needed
      onnxruntime-*.jar) java "$ROOT/installers/SlimJar.java" "$jar" "$OUT/input/$name" "$ORT_PLATFORM" ;;
      *) cp "$jar" "$OUT/input/" ;;
    esac
  done
  mkdir -p "$OUT/input/assets"
  cp -R assets/models assets/data "$OUT/input/assets/"
}

# JDK modules the code uses (jdeps), plus what reflection and Unsafe need at run time.
jdk_modules() {
  local cp
  cp="$(ls "$OUT"/input/*.jar | grep -v "prunescope-$VERSION.jar" | tr '\n' "$PATH_SEP")"
  jdeps --ignore-missing-deps --print-module-deps --multi-release 17 --class-path "$cp" \
        "$OUT/input/prunescope-$VERSION.jar" 2>/dev/null | tr -d '\r'
}

make_runtime() {
  local modules
  modules="$(jdk_modules)"
  # jdk.unsupported: protobuf's Unsafe access; jdk.zipfs: jars and zips as file systems;
  # jdk.incubator.vector: the vectorised FPGM and norm kernels (resolved by --add-modules in the launchers);
  # javafx.*: the window, as named modules (so JavaFX never runs from the class path).
  modules="$modules,jdk.unsupported,jdk.zipfs,jdk.incubator.vector,javafx.controls,javafx.fxml,javafx.swing"
  echo "jlink modules: $modules"
  jlink --module-path "$JMODS$PATH_SEP$OUT/jfx" --add-modules "$modules" \
        --strip-debug --no-header-files --no-man-pages --compress=2 --output "$OUT/runtime"
}

# Options every system's jpackage call shares. The main launcher is the window; the second one is the CLI.
common_jpackage_options() {
  COMMON_JPACKAGE=(
    --name PruneScope --app-version "$VERSION" --vendor "PruneScope"
    --description "A desktop workbench for pruning neural networks visually"
    --runtime-image "$OUT/runtime" --input "$OUT/input"
    --main-jar "prunescope-$VERSION.jar" --main-class io.prunescope.app.Main
    # (installers/linux/prunescope-cli.properties repeats these for the Linux CLI launcher: keep the two alike)
    --java-options "-Xmx8g" --java-options "--add-modules=jdk.incubator.vector"
    # HotSpot's safepoint counters, for the stall lines of gui --measure-open (ui/responsiveness/Safepoints)
    --java-options "--add-exports=java.management/sun.management=ALL-UNNAMED"
    # ONNX Runtime's System.load: JDK 22+ warns at every start unless native access is allowed (JDK 17 accepts it)
    --java-options "--enable-native-access=ALL-UNNAMED"
    --java-options "-Dprunescope.assets=\$APPDIR/assets"
    --dest "$OUT"
  )
}

# The three steps every script runs; KEEP_RUNTIME=1 reuses a previous run's jars and runtime (jlink is slow).
prepare_all() {
  if [ "${KEEP_RUNTIME:-0}" = 1 ] && [ -d "$OUT/runtime" ] && [ -d "$OUT/input" ]; then
    VERSION="$(app_version)"
  else
    build_jars
    prepare_input
    make_runtime
  fi
  common_jpackage_options
}

# Prints sizes for the report: the app image (or installer), the slim ONNX Runtime jar, the runtime.
report_sizes() {
  du -sh "$OUT/runtime" "$OUT"/input/onnxruntime-*.jar "$@" 2>/dev/null || true
}

VERSION_JFX="$(sed -n 's:.*<javafx.version>\(.*\)</javafx.version>.*:\1:p' pom.xml)"
