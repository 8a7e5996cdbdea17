#!/usr/bin/env bash
# Regenerates every kustomize/<case>/expected.yaml with `kubectl kustomize <case>/app`.
# The committed files are what the tests compare against, so the tests need no kubectl.
# Usage: regenerate.sh [case-name...]   (default: every case)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
if ! command -v kubectl >/dev/null 2>&1; then
  echo "regenerate.sh: kubectl not found; expected.yaml files left as they are" >&2
  exit 1
fi
kubectl version --client 2>/dev/null | sed -n 's/^Kustomize Version: /kustomize /p' >&2
cases=("$@")
if [ ${#cases[@]} -eq 0 ]; then
  for dir in "$here"/kustomize/*/; do cases+=("$(basename "$dir")"); done
fi
for name in "${cases[@]}"; do
  dir="$here/kustomize/$name"
  if ! (cd "$dir" && kubectl kustomize app >"$dir/expected.yaml.tmp" 2>"$dir/expected.yaml.err"); then
    echo "FAILED  $name: $(cat "$dir/expected.yaml.err")" >&2
    rm -f "$dir/expected.yaml.tmp" "$dir/expected.yaml.err"
    exit 1
  fi
  mv "$dir/expected.yaml.tmp" "$dir/expected.yaml"
  rm -f "$dir/expected.yaml.err"
  echo "updated $name" >&2
done
