"""Generated quiz banks for tests: a project root with the real exam profiles and a bank."""

from __future__ import annotations

import shutil
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent

# dva-c02 domain -> saa-c03 domain, so questions carry both tags.
SAA = {"development": "performance", "security": "secure", "deployment": "resilient"}
SECTIONS = {
    "sqs": {"visibility-timeout", "batching", "dead-letter-queues-and-redrive"},
    "sns": {"fan-out-with-sqs", "filter-policies"},
}


def question(number: int, domain: str, *, multiple: bool = False) -> dict[str, object]:
    """A deterministic question: the answer is ``B`` (or ``B`` and ``D`` for multiple)."""
    chapter = "sqs" if number % 2 else "sns"
    section = sorted(SECTIONS[chapter])[number % len(SECTIONS[chapter])]
    domains = {"dva-c02": domain}
    if domain in SAA:
        domains["saa-c03"] = SAA[domain]
    q: dict[str, object] = {
        "id": f"gen-{domain}-{number}",
        "chapter": chapter,
        "section": section,
        "domains": domains,
        "type": "multiple" if multiple else "single",
        "stem": f"Generated question {number} about {domain}. Which option is right?",
        "options": [
            {"text": f"Option {letter} of {number}", "explanation": f"Why {letter} is as it is."}
            for letter in ("ABCDE" if multiple else "ABCD")
        ],
        "difficulty": 1 + number % 3,
        "source": "Amazon SQS visibility timeout",
    }
    if multiple:
        q["answers"] = ["B", "D"]
        q["choose"] = 2
    else:
        q["answer"] = "B"
    return q


def make_root(tmp: Path, per_domain: dict[str, int] | None = None) -> Path:
    """A project root under ``tmp``: real ``content/exams``, and a generated bank."""
    per_domain = per_domain or {
        "development": 25,
        "security": 20,
        "deployment": 18,
        "troubleshooting": 14,
    }
    shutil.copytree(ROOT / "content" / "exams", tmp / "content" / "exams")
    quizzes = tmp / "content" / "quizzes"
    quizzes.mkdir(parents=True)
    number = 0
    for domain, count in per_domain.items():
        questions = []
        for _ in range(count):
            number += 1
            questions.append(question(number, domain, multiple=number % 5 == 0))
        text = yaml.safe_dump({"questions": questions}, sort_keys=False, allow_unicode=True)
        (quizzes / f"{domain}.yaml").write_text(text, encoding="utf-8")
    return tmp
