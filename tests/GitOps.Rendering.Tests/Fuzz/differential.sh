#!/usr/bin/env bash
# Differential test of the renderer against kubectl kustomize on random trees (needs kubectl, python3).
# Usage: differential.sh GENERATOR FIRST_SEED LAST_SEED      e.g. differential.sh overlays.py 1 200
# Each seed writes a tree with GENERATOR, builds its app/ with both tools and compares the YAML byte
# for byte; when one fails the other must fail too. Set GITOPS to a built gitops.dll to skip `dotnet run`.
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../../.." && pwd)"
gen="$here/$1"; first="$2"; last="$3"
work="$(mktemp -d)"
if [ -n "${GITOPS:-}" ]; then render=(dotnet "$GITOPS" render); else
  dotnet build "$repo/tools/gitops" -v q -nologo >/dev/null
  render=(dotnet run --no-build --project "$repo/tools/gitops" -- render); fi
same=0; bothfail=0; differ=0
for seed in $(seq "$first" "$last"); do
  dir="$work/$seed"
  python3 "$gen" "$seed" "$dir"
  (cd "$dir" && kubectl kustomize app >kubectl.yaml 2>kubectl.err); k=$?
  "${render[@]}" "$dir/app" --repo-root "$dir" >"$dir/ours.yaml" 2>"$dir/ours.err"; o=$?
  if [ $k -ne 0 ] || [ $o -ne 0 ]; then
    if [ $k -ne 0 ] && [ $o -ne 0 ]; then bothfail=$((bothfail+1))
    else differ=$((differ+1)); echo "seed $seed: kubectl exit $k, ours exit $o ($dir)"; fi
  elif cmp -s "$dir/kubectl.yaml" "$dir/ours.yaml"; then same=$((same+1))
  else differ=$((differ+1)); echo "seed $seed: output differs ($dir)"; diff "$dir/ours.yaml" "$dir/kubectl.yaml" | head -10; fi
done
echo "identical=$same both-failed=$bothfail different=$differ (trees in $work)"
[ $differ -eq 0 ]
