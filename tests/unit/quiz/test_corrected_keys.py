"""Answer keys and option counts fixed after the review against AWS documentation (issue 19).

Each test pins one correction so a later edit cannot quietly bring the old error back.
"""

from __future__ import annotations

from courseware.course.quiz import load_catalog
from courseware.course.quiz.model import Question
from courseware.paths import project_root


def _question(qid: str) -> Question:
    catalog = load_catalog()
    return next(q for q in catalog.questions if q.id == qid)


def test_queue_owner_subscription_needs_no_confirmation() -> None:
    q = _question("sns-topics-6")
    right = q.option(next(iter(q.answers)))
    assert "confirmed at once" in right.text
    wrong = [q.option(letter) for letter in q.letters if letter not in q.answers]
    assert any("PendingConfirmation" in o.text for o in wrong)


def test_https_confirmation_explanation_no_longer_says_every_cross_account_must_confirm() -> None:
    q = _question("sns-topics-2")
    explanation = q.option("C").explanation
    assert "(and cross-account subscriptions) must be confirmed" not in explanation
    assert "topic owner" in explanation


def test_sqs_fed_function_is_throttled_with_maximum_concurrency_on_the_mapping() -> None:
    q = _question("lambda-concurrency-1")
    right = q.option(next(iter(q.answers)))
    assert "maximum concurrency" in right.text.lower()
    assert "event source mapping" in right.text


def test_every_multiple_response_question_has_five_options_and_single_four() -> None:
    short = [
        (q.id, len(q.options))
        for q in load_catalog().questions
        if len(q.options) < (5 if q.multiple else 4)
    ]
    assert short == []


def test_chapters_state_the_corrected_facts() -> None:
    chapters = project_root() / "content" / "chapters"
    sns = (chapters / "05-sns.md").read_text(encoding="utf-8")
    assert "subscriptions from another account, must be confirmed" not in sns
    assert "HTTP/S, email and cross-account subscriptions must" not in sns
    shipping = (chapters / "09-shipping.md").read_text(encoding="utf-8")
    assert "are the same permission" not in shipping
    lambda_text = (chapters / "02-lambda.md").read_text(encoding="utf-8")
    assert "on-failure destinations only" in lambda_text and "S3 bucket" in lambda_text
    for name in ("07-dynamodb.md", "10-landscape.md"):
        assert "S3 bucket" in (chapters / name).read_text(encoding="utf-8"), name
    observability = (chapters / "08-observability.md").read_text(encoding="utf-8")
    assert "maintenance mode" in observability and "25 February 2027" in observability
