"""Live reload benchmark: how soon a file added to or removed from a big library shows.

The library is benchmarks/scale.py's (30,998 articles, built once in its cache folder). Each
tree measured (this one, and with `--baseline SRC` another source tree) gets a catalog of
its own, made by its own `readingroom index` (unmeasured). Then, per child process, the
reader starts headless (120x40) on the library, waits `--settle` seconds (the check of
every file and the watcher starting), and for `--rounds` rounds: writes a new Markdown file
and polls every 10 ms until the reader's library has it (**added**), waits 2 s (the related
edges and the catalog's blob are written after the reader is told), removes the file and
polls until the library no longer has it (**removed**), waits 2 s. Children of the trees
alternate (`--children` each); the table gives the median and the maximum of every round.

What it measures is the reader's library, set on the UI thread together with the sidebar's
refill; the sidebar is painted in the frame after.

Usage
    python benchmarks/live_reload.py [--cache DIR] [--rounds N] [--children N]
                                     [--settle S] [--baseline SRC]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import textwrap
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from scale import DEFAULT_CACHE, prepare_library, run_child
from startup import child_env

CHILD = textwrap.dedent(
    """
    import asyncio, json, os, sys, time

    def main():
        from readingroom.tui.app import create_app

        library, rounds, settle = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
        app = create_app(library, restore=False)
        added, removed = [], []

        async def wait_for(condition):
            started = time.monotonic()
            while not condition():
                await asyncio.sleep(0.01)
            return (time.monotonic() - started) * 1000.0

        async def run():
            async with app.run_test(size=(120, 40)) as pilot:
                await wait_for(lambda: app.library is not None)
                await pilot.pause(settle)
                for number in range(rounds):
                    slug = f"zz-live-{os.getpid()}-{number}"
                    path = os.path.join(library, slug + ".md")
                    with open(path, "w", encoding="utf-8") as handle:
                        handle.write(f"# Live {number}\\n\\nWritten while the reader runs.\\n")
                    try:
                        added.append(await wait_for(lambda: app.library.get(slug) is not None))
                        await pilot.pause(2.0)
                    finally:
                        os.remove(path)  # the shared library keeps its 30,998 files
                    removed.append(await wait_for(lambda: app.library.get(slug) is None))
                    await pilot.pause(2.0)

        asyncio.run(run())
        print(json.dumps({"added": added, "removed": removed}))

    if __name__ == "__main__":  # the index's worker processes import this module again
        main()
    """
)


def main(argv: list[str] | None = None) -> int:
    """Build the library, measure each tree, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE, help="where the copies live")
    parser.add_argument("--rounds", type=int, default=3, help="files added and removed per child")
    parser.add_argument("--children", type=int, default=2, help="reader processes per tree")
    parser.add_argument("--settle", type=float, default=6.0, help="seconds before the first file")
    parser.add_argument("--baseline", type=Path, metavar="SRC", help="another source tree")
    args = parser.parse_args(argv)
    library, count = prepare_library(args.cache.resolve())
    trees = {"this tree": None, f"--baseline {args.baseline}": args.baseline}
    if args.baseline is None:
        del trees[f"--baseline {args.baseline}"]
    times: dict[str, dict[str, list[float]]] = {}
    with tempfile.TemporaryDirectory(prefix="readingroom-live-") as scratch_dir:
        scratch = Path(scratch_dir)
        envs = {}
        for number, (name, source) in enumerate(trees.items()):
            env = child_env(scratch / f"home-{number}", scratch / "pycache")
            if source is not None:
                env["PYTHONPATH"] = str(source)
            run_child(["-m", "readingroom", "index", "--library", str(library)], env)
            envs[name] = env
            times[name] = {"added": [], "removed": []}
        script = scratch / "live_child.py"
        script.write_text(CHILD, encoding="utf-8")
        for _ in range(args.children):
            for name, env in envs.items():
                child = [str(script), str(library), str(args.rounds), str(args.settle)]
                result = run_child(child, env)
                found = json.loads(result.stdout.strip().splitlines()[-1])
                for kind in ("added", "removed"):
                    times[name][kind] += found[kind]
                print(f"  {name}: {found}", file=sys.stderr)
    print(f"Live reload: {count:,} articles in {library}, {args.rounds} rounds x {args.children}")
    print()
    print("| tree | added: median / max | removed: median / max |")
    print("|---|---:|---:|")
    for name, found in times.items():
        added, removed = found["added"], found["removed"]
        print(
            f"| {name} | {statistics.median(added):,.0f} / {max(added):,.0f} ms "
            f"| {statistics.median(removed):,.0f} / {max(removed):,.0f} ms |"
        )
    if len(times) == 2:
        mine, base = times.values()
        ratio = statistics.median(mine["added"]) / statistics.median(base["added"])
        print(f"\nadded, this tree / baseline (medians): {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
