#!/bin/sh
# Seeds for fuzz-run from real projects: one input per project (its Python,
# JavaScript/TypeScript and Go files, manifests, .ppaudit.json and ADRs
# behind "#@ NAME" headers) and one per Python file (the file alone is
# app/main.py).
# usage: make-run-seeds.sh OUTDIR   (run from anywhere; reads the source tree)
set -eu
out=${1:?usage: make-run-seeds.sh OUTDIR}
src=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$out"
out=$(cd "$out" && pwd)
for dir in "$src"/examples/jobs-service "$src"/tests/fixtures/*/; do
	[ -d "$dir" ] || continue
	name=$(basename "$dir")
	(cd "$dir" && find . -type f \( -name '*.py' -o -name 'requirements*.txt' \
		-o -name '*.js' -o -name '*.ts' -o -name '*.go' -o -name package.json -o -name go.mod \
		-o -name '.ppaudit.json' -o -name 'pyproject.toml' -o -name 'docker-compose*.yml' \
		-o -path './docs/adr/*.md' \) | sed 's|^\./||' | LC_ALL=C sort |
	while IFS= read -r f; do
		printf '#@ %s\n' "$f"
		cat "$f"
		# a file without a final newline would swallow the next header
		[ -z "$(tail -c 1 "$f")" ] || printf '\n'
	done) >"$out/project-$name"
	(cd "$dir" && find . -type f -name '*.py' -size +0 | sed 's|^\./||' | LC_ALL=C sort |
	while IFS= read -r f; do
		cp "$f" "$out/file-$name-$(printf '%s' "$f" | tr '/' '_')"
	done)
done
