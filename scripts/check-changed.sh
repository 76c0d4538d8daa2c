#!/usr/bin/env bash
# Checks, with crosscheck, the pairs of a JSON Lines list whose summary or source changed: the
# step of the GitHub Action (action.yml) and the pre-commit hook (.pre-commit-hooks.yaml).
#
#   scripts/check-changed.sh --pairs LIST [--sarif FILE] [--fail-on LEVEL]
#                            [--since REV | --all | [--] CHANGED_FILE...]
#
# LIST holds a pair a line, {"id": NAME, "summary": PATH, "source": PATH} (`id` optional;
# `"sources": [PATH, …]` for several sources), its paths relative to LIST's folder and inside
# it. A pair may carry its own `speaker`, `date`, `source-kind`, `language`, `grounded` and
# `baseline` (a path), passed to crosscheck as options; `"grounded": false` leaves the run's
# setting as it is. The changed files are the CHANGED_FILEs (paths from the repository's top,
# as git and pre-commit give them), or those of `git diff REV HEAD` with --since. A pair is
# checked when its summary, a source or its baseline changed, or when LIST changed and the
# pair is new or edited there (against LIST at REV, or at HEAD for CHANGED_FILEs; every pair
# of a list that was not there); every pair is, with --all, or with --since an empty or
# all-zero REV (the `before` of a new branch's first push); and with a pair, every other pair
# of the same summary.
#
# Each checked pair's report goes to standard output in the human format. With --sarif, FILE
# gets one SARIF log of the pairs checked, a run per summary under crosscheck's code-scanning
# category for it (`automationDetails.id` crosscheck/SUMMARY/, its path from the top; the
# pairs of one summary make one run), so that uploading it leaves the alerts of the summaries
# not checked this time as they were; FILE is not written when no pair is. Code scanning takes
# at most 20 runs in one upload: past 20 summaries, FILE holds the first 20 runs and the next
# twenties go to FILE with `.2.sarif`, `.3.sarif`, … for its `.sarif` (log.sarif: log.2.sarif,
# …), one upload each; the parts an earlier run left past these are removed.
#
# The exit code is crosscheck's, of the worst pair: 0 clean, 1 findings at or above the
# failure level (--fail-on, else crosscheck.toml's, else error), 2 an input error; and 2 for
# a bad argument, a list that is not JSON, or a pair with another key, a setting that is not
# a text (`grounded`: true or false), or a path that is absolute or uses `..`. File names may hold any byte but NUL: they travel NUL-separated or
# in JSON, and a CHANGED_FILE that starts with `-` goes after `--`. Needs git, jq and
# crosscheck on PATH; runs from anywhere in the repository.
set -eu

usage() {
  sed -n '2,/^set -eu$/p' "$0" | sed '$d; s/^# \{0,1\}//'
}

refuse() {
  printf 'check-changed: %s\n' "$1" >&2
  exit 2
}

pairs='' sarif='' fail_on='' since='' use_since='' all='' base=''
while [ $# -gt 0 ]; do
  case $1 in
    --pairs | --sarif | --fail-on | --since)
      [ $# -ge 2 ] || refuse "$1 needs a value"
      case $1 in
        --pairs) pairs=$2 ;;
        --sarif) sarif=$2 ;;
        --fail-on) fail_on=$2 ;;
        --since) since=$2 use_since=1 ;;
      esac
      shift 2
      ;;
    --all) all=1 && shift ;;
    -h | --help) usage && exit 0 ;;
    --) shift && break ;;
    -*) refuse "unknown option '$1' (a file name that starts with '-' goes after --)" ;;
    *) break ;;
  esac
done

[ -n "$pairs" ] || refuse "give the list of pairs: --pairs LIST"
case $fail_on in
  '' | error | warning | info | never) ;;
  *) refuse "--fail-on takes error, warning, info or never, not '$fail_on'" ;;
esac
if [ $# -gt 0 ] && [ -n "$use_since$all" ]; then
  refuse "give changed files, --since or --all, not two of them"
fi
for tool in git jq crosscheck; do
  command -v "$tool" >/dev/null 2>&1 || refuse "$tool is not on PATH"
done
newline='
'
case $pairs$sarif in
  *"$newline"*) refuse "the paths of --pairs and --sarif may not hold a newline" ;;
esac

# Everything runs from the repository's top, where git's paths start and where the SARIF
# log's paths must start for code scanning; the two paths given are taken from here first.
case $pairs in /*) ;; *) pairs=$PWD/$pairs ;; esac
case $sarif in '' | /*) ;; *) sarif=$PWD/$sarif ;; esac
[ -f "$pairs" ] || refuse "the list of pairs '$pairs' is not a file"
top=$(git rev-parse --show-toplevel) || refuse "not inside a git repository"
list_dir=${pairs%/*}
[ "$(git -C "$list_dir" rev-parse --show-toplevel)" = "$top" ] ||
  refuse "the list of pairs '$pairs' is not in the repository at '$top'"
# The list's folder from the top, with its closing slash (empty at the top), and its real path.
list_prefix=$(git -C "$list_dir" rev-parse --show-prefix)
list_real=$(cd -P -- "$list_dir" && pwd -P)
cd "$top"

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# The changed files, NUL-separated.
changed=$scratch/changed
: >"$changed"
if [ -n "$use_since" ]; then
  case $since in
    *[!0]*) ;;
    *) all=1 ;; # empty, or all zeros: no earlier commit to compare with
  esac
  if [ -z "$all" ]; then
    case $since in -*) refuse "--since takes a commit, not '$since'" ;; esac
    base=$(git rev-parse --verify --quiet "$since^{commit}") ||
      refuse "--since: '$since' is not a commit of this repository (fetch it first)"
    git diff -z --name-only --no-renames "$base" HEAD -- >"$changed" ||
      refuse "git diff $base HEAD failed"
  fi
else
  for file in "$@"; do
    printf '%s\0' "$file" >>"$changed"
  done
fi

# The list's pairs as they were, at the commit compared with (HEAD for changed files given):
# when the list changed, its new and edited pairs are checked. Nothing when it was not there,
# or is not JSON: every pair is then new.
before=$scratch/before
: >"$before"
if [ -z "$all" ]; then
  git show "${base:-HEAD}:$list_prefix${pairs##*/}" 2>/dev/null |
    jq -c 'select(type == "object")' >"$before" 2>/dev/null || : >"$before"
fi

# The pairs to check, a NUL after each of: the name shown (its id, else its summary's path;
# control characters written as JSON escapes); the pair's files from the top (summary,
# sources, baseline), then an empty field; crosscheck's arguments for the pair (its settings
# as options, `--`, the summary and the sources), then an empty field. A pair that is not of
# that shape stops the run. A summary's pairs are checked together: its code-scanning
# category is replaced whole by an upload.
selected=$scratch/selected
jq -nj --arg prefix "$list_prefix" --arg list "$list_prefix${pairs##*/}" --arg all "$all" \
  --rawfile changed "$changed" --slurpfile before "$before" '
  def clean: split("/") | map(select(. != "" and . != ".")) | join("/");
  def from_top($key):
    if type != "string" or . == "" then error("`\($key)` must be a path")
    elif any(explode[]; . == 0) then error("`\($key)` holds a NUL")
    elif startswith("/") then error("`\($key)` \(@json) is absolute")
    elif split("/") | any(. == "..") then error("`\($key)` \(@json) uses `..`")
    elif clean == "" then error("`\($key)` \(@json) names the folder of the list, not a file")
    else $prefix + clean end;
  def text($key):
    if type != "string" or . == "" then error("`\($key)` must be a text")
    elif any(explode[]; . == 0) then error("`\($key)` holds a NUL")
    else . end;
  # `-` alone would be standard input.
  def as_file: if . == "-" then "./-" else . end;
  def shown: if any(explode[]; . < 32 or . == 127) then @json else . end;
  # A pair as one text whatever the order of its keys.
  def canonical: to_entries | sort_by(.key) | from_entries | tojson;
  (reduce ($before[] | canonical) as $pair ({}; .[$pair] = true)) as $was
  | reduce ($changed | split("\u0000")[] | clean | select(. != "")) as $file ({}; .[$file] = true)
  | . as $set
  | [inputs
    | if type != "object" then error("a line is not a pair: \(tojson)") else . end
    | (. as $pair | $set[$list] and ($was[$pair | canonical] | not)) as $edited
    | (keys - ["id", "summary", "source", "sources", "speaker", "date", "source-kind",
        "language", "grounded", "baseline"]) as $others
    | if $others != [] then error("unknown keys \($others) (this script passes id, summary, source or sources, speaker, date, source-kind, language, grounded and baseline)")
      elif (.id | type) != "string" and .id != null then error("`id` must be a string")
      elif has("source") == has("sources") then error("a pair gives `source` or `sources`")
      elif has("sources") and ((.sources | type) != "array" or (.sources | length) == 0)
        then error("`sources` must be a list of paths")
      elif has("grounded") and (.grounded | type) != "boolean" then error("`grounded` must be true or false")
      else . end
    | {id, $edited, summary: (.summary | from_top("summary")),
       sources: (if has("sources") then .sources | map(from_top("sources"))
                 else [.source | from_top("source")] end),
       baseline: (if has("baseline") then .baseline | from_top("baseline") else null end),
       options: ([("speaker", "date", "source-kind", "language") as $key
                  | select(has($key)) | "--\($key)=\(.[$key] | text($key))"]
                 + (if .grounded == true then ["--grounded"] else [] end))}]
  | (reduce (.[] | select($all == "1" or .edited or $set[.summary]
        or any(.sources[]; $set[.]) or (.baseline != null and $set[.baseline])))
      as $pair ({}; .[$pair.summary] = true)) as $summaries
  | .[]
  | select($summaries[.summary])
  | ((.id // .summary) | shown),
    (.summary, .sources[], (.baseline // empty) | as_file), "",
    .options[], (.baseline // empty | "--baseline=\(as_file)"), "--",
    (.summary, .sources[] | as_file), ""
  | . + "\u0000"
' "$pairs" >"$selected" || refuse "the list of pairs '$pairs' could not be read (above)"

if [ -n "$fail_on" ]; then
  export CROSSCHECK_FAIL_ON=$fail_on
fi
# Why the file at $1 (from the top) may not be read, as crosscheck --pairs refuses it: it is a
# symbolic link, or its folder is outside the list's through one. Nothing when it may.
outside() {
  if [ -L "$1" ]; then
    echo "is a symbolic link; name the file it points to"
  elif real=$(cd -P -- "$(dirname -- "$1")" 2>/dev/null && pwd -P); then
    case $real/ in
      "$list_real"/*) ;;
      *) echo "leads out of the list's folder through a symbolic link" ;;
    esac
  fi
}

# The most runs code scanning takes in one upload, and the path of part $1 of the SARIF log:
# FILE itself, then FILE without `.sarif` and with `.2.sarif`, `.3.sarif`, ….
RUNS_PER_UPLOAD=20
sarif_part() {
  if [ "$1" -eq 1 ]; then
    printf '%s' "$sarif"
  else
    printf '%s.%s.sarif' "${sarif%.sarif}" "$1"
  fi
}

checked=0
worst=0
while IFS= read -r -d '' name; do
  files=()
  while IFS= read -r -d '' field && [ -n "$field" ]; do files+=("$field"); done
  arguments=()
  while IFS= read -r -d '' field && [ -n "$field" ]; do arguments+=("$field"); done
  checked=$((checked + 1))
  printf '== %s\n' "$name"
  status=0
  for file in "${files[@]}"; do
    why=$(outside "$file")
    if [ -n "$why" ]; then
      printf 'check-changed: %s: %s %s\n' "$name" "$file" "$why" >&2
      status=2
    fi
  done
  if [ "$status" -ne 0 ]; then
    worst=2
    continue
  fi
  crosscheck check --format human "${arguments[@]}" </dev/null || status=$?
  if [ -n "$sarif" ]; then
    run=$scratch/$(printf 'run-%06d' "$checked")
    crosscheck check --format sarif --fail-on never --output "$run.sarif" "${arguments[@]}" \
      </dev/null 2>"$run.err" >/dev/null || {
      cat "$run.err" >&2
      status=2
    }
  fi
  [ "$status" -le "$worst" ] || worst=$status
done <"$selected"

if [ "$checked" -eq 0 ]; then
  echo "check-changed: no pair's summary or source changed; nothing checked" >&2
  exit 0
fi
if [ -n "$sarif" ]; then
  set -- "$scratch"/run-*.sarif
  if [ -e "$1" ]; then
    # One run per category, as code scanning requires: the runs of one summary's pairs are
    # joined.
    joined=$scratch/joined.sarif
    jq -s '{"$schema": .[0]."$schema", version: .[0].version,
      runs: (reduce (.[].runs[]) as $run ([];
        (map(.automationDetails.id) | index($run.automationDetails.id)) as $at
        | if $at == null then . + [$run]
          else .[$at].results += $run.results
            | if $run.invocations then .[$at].invocations += $run.invocations else . end
          end))}' "$@" >"$joined" || refuse "the SARIF logs could not be joined"
    # Twenty runs a part, each written beside FILE and renamed over its place: never
    # half-written. The parts an earlier run wrote past these are removed.
    runs=$(jq '.runs | length' "$joined")
    parts=$(((runs + RUNS_PER_UPLOAD - 1) / RUNS_PER_UPLOAD))
    for part in $(seq 1 "$parts"); do
      place=$(sarif_part "$part")
      partial=$(mktemp "$place.XXXXXX") || refuse "cannot write beside '$place'"
      jq --argjson from "$(((part - 1) * RUNS_PER_UPLOAD))" --argjson count "$RUNS_PER_UPLOAD" \
        '.runs |= .[$from:$from + $count]' "$joined" >"$partial" ||
        { rm -f -- "$partial"; refuse "the SARIF log could not be written"; }
      mv -f -- "$partial" "$place"
    done
    part=$((parts + 1))
    while [ -e "$(sarif_part "$part")" ]; do
      rm -f -- "$(sarif_part "$part")"
      part=$((part + 1))
    done
    if [ "$parts" -gt 1 ]; then
      echo "check-changed: $runs summaries: the SARIF log is in $parts parts of at most $RUNS_PER_UPLOAD runs, one upload each" >&2
    fi
  fi
fi
echo "check-changed: $checked pair(s) checked, exit $worst" >&2
exit "$worst"
