#!/usr/bin/env bash
# Every figure of BENCHMARKS.md (issue 6) from one run on this machine, one step after another so no
# step competes with another for the two cores:
#   1. national synthetic data on PostgreSQL (`ahual synth`, full size, timed)
#   2. (a)+(b) pupil submissions over HTTP and the physical limit, SQLite and PostgreSQL
#   3. (c) page latency on the national data of step 1
#   4. (d) flags for a region wave of 36,000 classes (its own synthetic region)
#   5. the pure engines, and the durability test under load
# Usage: bash tests/benches/run-all.sh [OUT_DIR]   (default target/bench-run; about 30 minutes)
# Needs a local PostgreSQL (AHUAL_BENCH_POSTGRES, default postgres://postgres@127.0.0.1:5432) that
# lets this user create and drop databases. The databases it makes are dropped at the end.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=${1:-target/bench-run}
pg=${AHUAL_BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}
national=ahual_run_national
flags=ahual_run_flags
mkdir -p "$out"
exec > >(tee "$out/run.log") 2>&1

step() { printf '\n== %s  %s\n' "$(date -u +%H:%M:%S)" "$*"; }
database() { psql "$pg/postgres" -qAtc "DROP DATABASE IF EXISTS $1" && psql "$pg/postgres" -qAtc "CREATE DATABASE $1"; }
cleanup() { for db in "$national" "$flags"; do psql "$pg/postgres" -qAtc "DROP DATABASE IF EXISTS $db" || true; done; }
trap cleanup EXIT

step "machine"
{ nproc; uptime; rustc --version; psql "$pg/postgres" -Atc 'SHOW server_version'; } | tee "$out/machine.txt"

step "build (release binary and benches)"
cargo build --release --bins
cargo bench --no-run --bench submissions --bench pages --bench flags --bench engines

step "1. national synthetic data"
database "$national"
AHUAL_DATABASE_URL="$pg/$national" /usr/bin/time -v target/release/ahual synth \
  --regions 20 --schools 7500 --responses 4000000 2> >(tee "$out/synth-time.txt" | grep -v ' INFO ' >&2) \
  | tee "$out/synth.txt"
# A national load leaves gigabytes of dirty pages for PostgreSQL's checkpointer and the kernel to
# write out over the next minutes; flush them now, so they do not compete with the fsyncs of the
# submissions bench that follows.
psql "$pg/$national" -qAtc CHECKPOINT && sync

step "2. (a)+(b) submissions"
cargo bench --bench submissions -- --backend both --seconds 10 --json "$out/submissions.json" | tee "$out/submissions.md"

step "3. (c) pages on the national data"
cargo bench --bench pages -- --database-url "$pg/$national" --json "$out/pages.json" | tee "$out/pages.md"

step "4. (d) flags for one region of 1,000 schools"
database "$flags"
AHUAL_DATABASE_URL="$pg/$flags" target/release/ahual synth --regions 1 --schools 1000 --responses 750000 \
  2>/dev/null | tee "$out/synth-flags.txt"
psql "$pg/$flags" -qAtc CHECKPOINT && sync
cargo bench --bench flags -- --database-url "$pg/$flags" --json "$out/flags.json" | tee "$out/flags.md"

step "5. engines and durability"
cargo bench --bench engines | tee "$out/engines.md"
cargo test --test integration durability:: 2>&1 | tee "$out/durability.txt"

step "done: $out"
