#!/usr/bin/env bash
# Vendors the webview's one third-party library: Chart.js (the Overview's charts) and its
# colour helper, from npm at pinned versions (npm checks each package's integrity), into
# ui/app/vendor/ with their licences. Chart.js's ES-module build imports '@kurkle/color' by
# package name, which a page without a bundler cannot resolve: the import is rewritten to the
# vendored file's path, and a "// @ts-nocheck" line is put on top — the only changes. Run to update, then commit ui/app/vendor/ and the
# versions in crates/clerkdesk-core/licenses/third-party-ui.tsv.
set -euo pipefail
cd "$(dirname "$0")/.."
CHART=4.6.1
COLOR=0.3.4
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
(cd "$tmp" && npm pack --silent "chart.js@$CHART" "@kurkle/color@$COLOR" >/dev/null)
mkdir -p "$tmp/chart" "$tmp/color"
tar xzf "$tmp/chart.js-$CHART.tgz" -C "$tmp/chart" --strip-components=1
tar xzf "$tmp/kurkle-color-$COLOR.tgz" -C "$tmp/color" --strip-components=1
out=ui/app/vendor
rm -rf "$out"
mkdir -p "$out/chunks" "$out/licenses"
sed "s#from '@kurkle/color'#from './kurkle-color.js'#; s#^import '@kurkle/color';#import './kurkle-color.js';#" \
  "$tmp/chart/dist/chart.js" | grep -v '^//# sourceMappingURL' > "$out/chart.js"
sed "s#from '@kurkle/color'#from '../kurkle-color.js'#" \
  "$tmp/chart/dist/chunks/index.js" | grep -v '^//# sourceMappingURL' > "$out/chunks/index.js"
grep -v '^//# sourceMappingURL' "$tmp/color/dist/color.esm.js" > "$out/kurkle-color.js"
cp "$tmp/chart/LICENSE.md" "$out/licenses/chart.js-LICENSE.md"
cp "$tmp/color/LICENSE.md" "$out/licenses/kurkle-color-LICENSE.md"
# The webview's type check (tsc over ui/app/js) follows imports: vendored code is not ours.
for f in "$out"/*.js "$out"/chunks/*.js; do
  { echo '// @ts-nocheck'; cat "$f"; } > "$f.tmp" && mv "$f.tmp" "$f"
done
if grep -rq "@kurkle/color'" "$out"/*.js "$out"/chunks/*.js; then
  echo "a bare import is left in $out" >&2
  exit 1
fi
printf 'chart.js\t%s\tMIT\n@kurkle/color\t%s\tMIT\n' "$CHART" "$COLOR" > crates/clerkdesk-core/licenses/third-party-ui.tsv
echo "vendored chart.js $CHART and @kurkle/color $COLOR into $out"
