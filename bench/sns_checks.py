"""The sns-fanout lab's check round: with the SNS checks' memo (a re-check of an unchanged
setup publishes nothing) against proving every round anew (a probe published per check).

On a fresh embedded cloud with the lab solved, rounds are paired and interleaved: "memo"
keeps what the SNS checks proved; "publish" clears it first, as every round did before.
Medians. Each "publish" round also sends 7 probes to the topic (each an invocation of the
subscribed function); "memo" sends none.
"""

from __future__ import annotations

import time
from pathlib import Path

from bench._util import bench_cloud, median, p
from bench.checks import _round, _solve
from courseware.course.checks import Cloud, sns_checks

ROUNDS = 7


def main() -> None:
    """Print the two medians and their ratio."""
    from courseware.course.loader import load_course

    lab = next(x for x in load_course(Path(__file__).parent.parent).labs if x.id == "sns-fanout")
    with bench_cloud() as endpoint:
        _solve(lab, endpoint)
        cloud = Cloud(endpoint)
        _round(lab, endpoint, cloud)
        memo: list[float] = []
        publish: list[float] = []
        for _ in range(ROUNDS):
            for samples in (memo, publish):
                if samples is publish:
                    sns_checks._proven.clear()
                began = time.perf_counter()
                _round(lab, endpoint, cloud)
                samples.append((time.perf_counter() - began) * 1000)
    now, before = median(memo), median(publish)
    print(f"lab sns-fanout: check round of {len(lab.steps)} steps, {ROUNDS} paired rounds")
    print(f"  memo     median {now:7.1f} ms  p95 {p(memo, 95):7.1f} ms")
    print(f"  publish  median {before:7.1f} ms  p95 {p(publish, 95):7.1f} ms  (every round)")
    print(f"  ratio {before / now:.2f}x")


if __name__ == "__main__":
    main()
