"""Mutation testing of the core and the store: run mutmut, then print the kill score per module.

    python tools/mutation.py              # run (or resume) mutmut, then print the scores
    python tools/mutation.py --report     # only print the scores of the last run
    python tools/mutation.py --children 2 # how many mutants run at once (default: CPUs)

mutmut is configured in pyproject.toml (`[tool.mutmut]`): it mutates src/movecoach/core and
src/movecoach/store and runs, for each mutant, the in-process tests that reach the mutated
function (with the `mutation` Hypothesis profile: fewer examples). Its work lives in mutants/
(ignored by git). mutmut keeps each verdict, so a later run tests new mutants and then runs
the last run's survivors again by name, to see whether new tests kill them. A run from
scratch takes about 40 minutes on two busy cores (4,860 mutants); a re-run of the survivors a
few minutes. Not part of CI.

A mutant is killed when a test fails (or times out) with it in place. The score leaves out the
mutants listed in EQUIVALENT below: changes no test can notice because the program behaves the
same (each with the reason). Everything else that survives is a gap in the tests.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTANTS = ROOT / "mutants"
TARGET = 85.0  # per cent of mutants killed, core and store together (issue #12)

KILLED = {1, 3, 24, -24, 36, 152, 255}  # a failing test, a crash in pytest, a timeout
SKIPPED = {34}
NOT_RUN = {None}

# Mutants that cannot change what the program does, by name, with why. Prefer a test.
_CODEC = "'UTF-8' names the same codec as 'utf-8'"
_LOCALE = "read_text(None) reads the locale's encoding, UTF-8 here and in CI"
_MESSAGE_ONLY = "the name only goes into an error that _parses_to swallows"
_DEAD = "dead code: nothing calls it (remove it rather than test it)"
_SAME_TOTALS = "picks between the per-day rows and the sessions, which give the same totals"
_FIELD_UNUSED = "an import row's RecordError is shown by its message, never by field or problem"
EQUIVALENT: dict[str, str] = {
    # core
    "movecoach.core.days.x_day_number__mutmut_10": "iso[8:11] is iso[8:10] for a 10-char date",
    "movecoach.core.days.xǁDayǁ__add____mutmut_7": "both rows always have eight figures",
    "movecoach.core.days.xǁDayǁ__add____mutmut_10": "both rows always have eight figures",
    "movecoach.core.days.xǁDayǁ__add____mutmut_11": "both rows always have eight figures",
    "movecoach.core.guide.xǁStateǁtick__mutmut_31": "gap is not read after the break",
    "movecoach.core.guide.xǁStateǁtick__mutmut_32": "gap is not read after the break",
    "movecoach.core.planner.xǁ_Draftǁhas__mutmut_1": _DEAD,
    "movecoach.core.planner.xǁ_Draftǁadd__mutmut_4": "no caller passes minutes",
    "movecoach.core.planner.x__fill__mutmut_25": 'float("INF") is float("inf")',
    "movecoach.core.report.x__flare_days__mutmut_15": "a flare score is 7 or more, never below 1",
    "movecoach.core.report.x__notes__mutmut_11": "sessions without a note were left out before",
    "movecoach.core.stats.x_direction__mutmut_38": "equal halves are steady before this line",
    "movecoach.core.stats.x_summarise__mutmut_2": "the total's date is never read",
    "movecoach.core.stats.x_trend__mutmut_5": "the running total's date is never read",
    "movecoach.core.stats.x_trend__mutmut_26": "an empty day's date is never read",
    # store
    "movecoach.store.catalogue.x_bundled_text__mutmut_1": _LOCALE,
    "movecoach.store.catalogue.x_bundled_text__mutmut_14": _CODEC,
    "movecoach.store.catalogue.x_load__mutmut_4": _LOCALE,
    "movecoach.store.catalogue.x_load__mutmut_6": _CODEC,
    "movecoach.store.files.x_save_new__mutmut_18": "the temp file is always there after link",
    "movecoach.store.files.x__temp_copy__mutmut_22": "the temp file exists when it is removed",
    "movecoach.store.files.x_atomic_write__mutmut_14": "the temp file exists when it is removed",
    "movecoach.store.memo.xǁMemoǁ__init____mutmut_5": "None and False are both falsy",
    "movecoach.store.memo.xǁMemoǁ__init____mutmut_7": "None and False are both falsy",
    "movecoach.store.log.x_read_backup__mutmut_18": _CODEC,
    "movecoach.store.log.xǁLogǁ_parse__mutmut_7": _CODEC,
    "movecoach.store.log.xǁLogǁremove__mutmut_26": _CODEC,
    "movecoach.store.log.xǁLogǁremove__mutmut_38": _CODEC,
    "movecoach.store.log.xǁLogǁremove__mutmut_19": "names only the error of a removal bug",
    "movecoach.store.log.xǁLogǁremove__mutmut_27": "names only the error of a removal bug",
    "movecoach.store.log.xǁLogǁremove__mutmut_4": "with the bytes given, the path is unused",
    "movecoach.store.log.xǁLogǁremove__mutmut_5": "reads the same file's same bytes again",
    "movecoach.store.log.xǁLogǁremove__mutmut_7": "reads the same file's same bytes again",
    "movecoach.store.log.xǁLogǁ_days_of__mutmut_12": "the cache always stores the ids",
    "movecoach.store.log.xǁLogǁ_days_of__mutmut_14": "the cache always stores the ids",
    "movecoach.store.log.xǁLogǁ_days_of__mutmut_19": "reads the same file's same bytes again",
    "movecoach.store.log.xǁLogǁ_sessions_of__mutmut_3": "hashes the same bytes read again",
    "movecoach.store.log.xǁLogǁdays__mutmut_10": _SAME_TOTALS,
    "movecoach.store.log.xǁLogǁdays__mutmut_11": _SAME_TOTALS,
    "movecoach.store.log.xǁLogǁdays__mutmut_16": _SAME_TOTALS,
    "movecoach.store.log.xǁLogǁdays__mutmut_17": _SAME_TOTALS,
    "movecoach.store.logfile.x__parses_to__mutmut_2": _MESSAGE_ONLY,
    "movecoach.store.logfile.x_appended__mutmut_22": _MESSAGE_ONLY,
    "movecoach.store.logfile.x_without__mutmut_45": _MESSAGE_ONLY,
    "movecoach.store.logfile.x_without__mutmut_61": _MESSAGE_ONLY,
    "movecoach.store.logfile.x_is_session_header__mutmut_5": "the text before the first #",
    "movecoach.store.logfile.x_is_session_header__mutmut_8": "the text before the first #",
    "movecoach.store.logfile.x_parse__mutmut_33": "None and [] are both falsy",
    "movecoach.store.logfile.x_session_block__mutmut_11": "a session's time has no microseconds",
    "movecoach.store.logfile.x_session_block__mutmut_12": "a session's time has no time zone",
    "movecoach.store.logfile.x_without__mutmut_23": "a header line is never blank or a comment",
    "movecoach.store.logfile.x_without__mutmut_24": "a header line is never blank or a comment",
    "movecoach.store.logfile.x_without__mutmut_25": "a table has 3+ key lines after its header",
    "movecoach.store.settings.x__decode__mutmut_3": _CODEC,
    "movecoach.store.settings.x__check_int__mutmut_10": "every int setting has a high limit",
    "movecoach.store.settings.x__comment_start__mutmut_1": '"" and None are both falsy',
    "movecoach.store.settings.x__comment_start__mutmut_15": '"" and None are both falsy',
    "movecoach.store.settings.x__comment_start__mutmut_2": "None and False are both falsy",
    "movecoach.store.settings.x__comment_start__mutmut_5": "None and False are both falsy",
    "movecoach.store.settings.x__key_span__mutmut_8": "a key never starts or ends with spaces",
    "movecoach.store.settings.x__key_span__mutmut_11": "only known keys are edited; none has X",
    "movecoach.store.settings.x__key_span__mutmut_15": "an end before the start tries '' (no key)",
    "movecoach.store.settings.x__key_span__mutmut_17": "an end before the start tries '' (no key)",
    "movecoach.store.settings.x__key_span__mutmut_20": "one past the end tries the same text",
    "movecoach.store.settings.x_edited__mutmut_30": "the comment is stripped before use",
    "movecoach.store.settings.x_edited__mutmut_31": "the comment is stripped before use",
    "movecoach.store.settings.x_edited__mutmut_34": "the comment is stripped before use",
    "movecoach.store.settings.x_load__mutmut_17": "the kind only names the cache entry",
    "movecoach.store.settings.x_load__mutmut_22": "the kind only names the cache entry",
    "movecoach.store.settings.x_load__mutmut_23": "the kind only names the cache entry",
    "movecoach.store.settings.x_write__mutmut_3": "names the lock only after a 10 s wait",
    "movecoach.store.settings.x_write__mutmut_10": "11 s or 10 s for the lock: too slow to test",
    "movecoach.store.settings.x_write__mutmut_39": "a parse error there is caught: name unused",
    "movecoach.store.settings.x_write__mutmut_42": "a parse error there is caught: name unused",
    "movecoach.store.settings.x_write__mutmut_43": '"" and None both differ from the expected',
    "movecoach.store.transfer.x__text_value__mutmut_6": "the default name is the field's name",
    "movecoach.store.transfer.x__csv_rows__mutmut_28": "the row's length was checked just before",
    "movecoach.store.transfer.x__csv_rows__mutmut_31": "the row's length was checked just before",
    "movecoach.store.transfer.x__csv_rows__mutmut_32": "the row's length was checked just before",
    "movecoach.store.transfer.x_choose_kind__mutmut_14": "the last part is the same split or not",
    "movecoach.store.transfer.x_choose_kind__mutmut_17": "the last part is the same split or not",
    "movecoach.store.transfer.x_choose_kind__mutmut_18": "[+1] is [-1] of a two-part split",
    "movecoach.store.transfer.x_choose_kind__mutmut_22": "an unknown suffix is the same as none",
    "movecoach.store.transfer.x__fields__mutmut_2": _FIELD_UNUSED,
    "movecoach.store.transfer.x__fields__mutmut_3": _FIELD_UNUSED,
    "movecoach.store.transfer.x__fields__mutmut_8": _FIELD_UNUSED,
    "movecoach.store.transfer.x_read_sessions__mutmut_21": _FIELD_UNUSED,
    "movecoach.store.transfer.x_read_sessions__mutmut_22": _FIELD_UNUSED,
    **{f"movecoach.store.transfer.x__shown__mutmut_{n}": _DEAD for n in range(1, 10)},
}


def run_mutmut(children: int | None, names: Sequence[str] = ()) -> int:
    mutmut = Path(sys.executable).parent / "mutmut"
    command = [str(mutmut), "run"]
    if children:
        command += ["--max-children", str(children)]
    return subprocess.call([*command, *names], cwd=ROOT)


def survivors() -> list[str]:
    """Mutants a previous run decided were not killed: mutmut keeps every verdict, so after
    tests are added these are run again by name."""
    return sorted(
        name
        for codes in results().values()
        for name, code in codes.items()
        if code not in KILLED and code not in NOT_RUN and code not in SKIPPED
    )


def results() -> dict[str, dict[str, int | None]]:
    """Exit code by mutant name, per source module (`movecoach.core.days`...)."""
    by_module: dict[str, dict[str, int | None]] = defaultdict(dict)
    for meta in sorted(MUTANTS.glob("src/**/*.py.meta")):
        data = json.loads(meta.read_text("utf-8"))
        relative = meta.relative_to(MUTANTS / "src").with_suffix("").with_suffix("")
        module = ".".join(relative.parts)
        by_module[module].update(data["exit_code_by_key"])
    return dict(by_module)


def report() -> float:
    modules = results()
    if not modules:
        print("no mutation results yet: run `python tools/mutation.py`")
        return 0.0
    print(f"{'module':34} {'killed':>6} {'of':>5} {'score':>7}  survived")
    total = Counter[str]()
    survivors: list[str] = []
    excluded: set[str] = set()
    for module, codes in sorted(modules.items()):
        if not codes:
            continue
        left_out = {k for k, v in codes.items() if k in EQUIVALENT and v not in KILLED}
        excluded.update(left_out)
        counted = {k: v for k, v in codes.items() if k not in left_out and v not in SKIPPED}
        killed = sum(1 for v in counted.values() if v in KILLED)
        not_run = sum(1 for v in counted.values() if v in NOT_RUN)
        left = sorted(k for k, v in counted.items() if v not in KILLED)
        survivors += left
        total["killed"] += killed
        total["counted"] += len(counted)
        total["not run"] += not_run
        score = 100.0 * killed / len(counted) if counted else 100.0
        extra = f" ({not_run} not run yet)" if not_run else ""
        print(f"{module:34} {killed:6} {len(counted):5} {score:6.1f}%  {len(left)}{extra}")
    overall = 100.0 * total["killed"] / total["counted"] if total["counted"] else 100.0
    print(f"{'core + store':34} {total['killed']:6} {total['counted']:5} {overall:6.1f}%")
    if total["not run"]:
        print(f"{total['not run']} mutants have not been run yet")
    if excluded:
        print(f"\n{len(excluded)} surviving mutants judged equivalent, left out of the score:")
        for name in sorted(excluded):
            print(f"  {name.removeprefix('movecoach.')}: {EQUIVALENT[name]}")
    listing = MUTANTS / "survivors.txt"
    listing.write_text("".join(f"{name}\n" for name in survivors), "utf-8")
    print(f"\nsurvivors listed in {listing.relative_to(ROOT)} (`mutmut show NAME` shows one)")
    verdict = "reaches" if overall >= TARGET else "is below"
    print(f"score {overall:.1f}% {verdict} the target of {TARGET:g}%")
    return overall


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--report", action="store_true", help="only print the last scores")
    parser.add_argument("--children", type=int, help="mutants run at once (default: CPUs)")
    args = parser.parse_args()
    if not args.report:
        started = time.monotonic()
        again = survivors()
        code = run_mutmut(args.children)  # new mutants, and new tests' reach
        if again and code == 0:
            print(f"running the {len(again)} mutants that survived the last run again")
            code = run_mutmut(args.children, again)
        print(f"mutmut ran for {time.monotonic() - started:.0f} s (exit {code})")
    return 0 if report() >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
