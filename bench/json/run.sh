#!/bin/sh
# Inventory load speed: FastJSONDecoder over the shared JSONReader (Sources/JSONText), built with
# swiftc -O into one executable, against the decoder of revision $1 (default: before the shared
# reader) and Foundation's JSONDecoder.   bench/json/run.sh [revision]
set -eu
cd "$(dirname "$0")/../.."
BASE=${1:-82fae19}
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
for f in Sources/JSONText/*.swift Sources/Inventory/FastJSONDecoder.swift; do
    sed '/^import JSONText$/d' "$f" > "$T/new-$(basename "$f")"
done
mkdir "$T/old"
git show "$BASE:Sources/Inventory/FastJSONDecoder.swift" > "$T/old/FastJSONDecoder.swift"
swiftc -O -o "$T/new" bench/json/main.swift "$T"/new-*.swift
swiftc -O -o "$T/old/bench" bench/json/main.swift "$T/old/FastJSONDecoder.swift"
echo "current:"; "$T/new" 20000 --foundation
echo "$BASE:"; "$T/old/bench" 20000
