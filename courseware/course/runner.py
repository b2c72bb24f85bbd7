"""Running a lab's checks, solutions and reset against the live cloud."""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
import time
from dataclasses import dataclass, field
from typing import Any

from courseware.cloud.awscli import AwsCliMissingError, run_aws
from courseware.cloud.endpoint import Credentials, Endpoint, credentials, sandbox_env
from courseware.course import reset_apigw
from courseware.course.checks import CHECKS, PROBES, CheckResult, Cloud
from courseware.course.model import CheckSpec, Lab, Step
from courseware.course.packaging import build_dir, code_sha256, zip_file

POLL_FIRST_SECONDS = 0.05  # re-check soon (most effects land in tens of ms), then back off
POLL_SECONDS = 0.25
_PLACEHOLDER = re.compile(r"\{(zip|sha256):([^}]+)\}|\{(lab|account|endpoint|build)\}")


@dataclass(frozen=True)
class StepResult:
    """A step's status for the learner: passed, failed (with expected vs actual) or pending."""

    step_id: str
    title: str
    status: str
    message: str
    expected: str = ""
    actual: str = ""
    results: tuple[CheckResult, ...] = ()

    def as_json(self) -> dict[str, Any]:
        """The stable JSON shape graders read."""
        return {
            "id": self.step_id,
            "title": self.title,
            "status": self.status,
            "message": self.message,
            "expected": self.expected,
            "actual": self.actual,
        }


@dataclass
class SolveResult:
    """What running a step's solution did."""

    ok: bool
    output: str
    answer: str | None = None
    commands: list[str] = field(default_factory=list)


def expand(text: str, lab: Lab, endpoint: Endpoint | None = None) -> str:
    """Replace ``{lab}``, ``{account}``, ``{endpoint}``, ``{build}``, ``{zip:dir}``, ``{sha256:dir}``.

    ``{build}`` is the lab's own writable folder under the data dir (created here): the lab's
    folder may be read-only where the app is installed, and a fresh checkout has no ``.build``.
    """

    def replace(match: re.Match[str]) -> str:
        kind, target, simple = match.group(1), match.group(2), match.group(3)
        if simple == "lab":
            return str(lab.path)
        if simple == "endpoint":
            return endpoint.url if endpoint else ""
        if simple == "account":
            return credentials().account_id
        if simple == "build":
            return str(build_dir(lab.id))
        folder = lab.path / target
        if kind == "zip":
            return str(zip_file(folder, f"{lab.id}-{target.replace('/', '-')}"))
        return code_sha256(folder)

    return _PLACEHOLDER.sub(replace, text)


def _params(spec: CheckSpec, lab: Lab) -> dict[str, Any]:
    def walk(value: Any) -> Any:
        if isinstance(value, str):
            return expand(value, lab)
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        return value

    return {k: walk(v) for k, v in spec.params.items()}


def run_check(spec: CheckSpec, lab: Lab, cloud: Cloud) -> CheckResult:
    """Run one check; an unexpected error becomes a failed result, never a traceback."""
    try:
        result: CheckResult = CHECKS[spec.name].run(cloud, **_params(spec, lab))
        return result
    except Exception as exc:
        return CheckResult(
            False, spec.name, f"could not check ({type(exc).__name__}): {exc}", "", "error"
        )


def probe_answers(step: Step, lab: Lab, cloud: Cloud) -> list[str]:
    """The acceptable answers of a knowledge step, read from live state."""
    if step.answer_from is None:
        return []
    try:
        answers: list[str] = PROBES[step.answer_from.name].run(
            cloud, **_params(step.answer_from, lab)
        )
        return answers
    except Exception:
        return []


def _empty_text(step: Step, lab: Lab) -> str:
    """The probe's words for "nothing to read yet", with its parameters filled in."""
    spec = step.answer_from
    if spec is None:
        return "this step has no probe"
    params = {k: str(v) for k, v in _params(spec, lab).items()}
    template = PROBES[spec.name].empty or "the cloud shows nothing for this question yet"
    try:
        return template.format(**params)
    except (KeyError, IndexError):
        return template


def _answer_matches(answer: str, accepted: list[str], numeric: bool) -> bool:
    given = answer.strip().strip("\"'").lower()
    if numeric:
        number = re.sub(r"[^\d.]", "", given)
        try:
            return any(
                abs(float(number) - float(a)) <= max(0.01, 0.005 * float(a)) for a in accepted
            )
        except ValueError:
            return False
    return any(given == a.strip().lower() for a in accepted)


def run_step(
    lab: Lab, step: Step, endpoint: Endpoint, answer: str | None = None, cloud: Cloud | None = None
) -> StepResult:
    """Check one step against the live cloud."""
    cloud = cloud or Cloud(endpoint)
    if step.kind == "knowledge":
        if not answer:
            return StepResult(
                step.id, step.title, "pending", f"Answer the question: {step.question}"
            )
        accepted = probe_answers(step, lab, cloud)
        if not accepted:
            missing = _empty_text(step, lab)
            return StepResult(
                step.id,
                step.title,
                "failed",
                f"Your answer cannot be compared with anything yet: {missing}.",
                "a value the cloud shows",
                missing,
            )
        numeric = PROBES[step.answer_from.name].numeric if step.answer_from else False
        if _answer_matches(answer, accepted, numeric):
            return StepResult(
                step.id,
                step.title,
                "passed",
                "Correct: that is what the cloud shows.",
                answer,
                answer,
            )
        return StepResult(
            step.id,
            step.title,
            "failed",
            f"{answer!r} is not what the cloud shows for this question. Look again (see the hints).",
            f"one of the {len(accepted)} value(s) the cloud shows",
            answer,
        )
    results = tuple(run_check(spec, lab, cloud) for spec in step.checks)
    failed = next((r for r in results if not r.passed), None)
    if failed is None:
        return StepResult(
            step.id,
            step.title,
            "passed",
            " ".join(r.message for r in results),
            results[-1].expected if results else "",
            results[-1].actual if results else "",
            results,
        )
    return StepResult(
        step.id, step.title, "failed", failed.message, failed.expected, failed.actual, results
    )


def wait_until_passed(
    lab: Lab, step: Step, endpoint: Endpoint, answer: str | None = None, seconds: float = 30.0
) -> StepResult:
    """Re-check a step until it passes or ``seconds`` elapse (effects can take a moment)."""
    deadline = time.monotonic() + seconds
    cloud = Cloud(endpoint)
    result = run_step(lab, step, endpoint, answer, cloud)
    pause = POLL_FIRST_SECONDS
    while result.status != "passed" and time.monotonic() < deadline:
        time.sleep(pause)
        pause = min(pause * 2, POLL_SECONDS)
        result = run_step(lab, step, endpoint, answer, cloud)
    return result


def run_lab(
    lab: Lab,
    endpoint: Endpoint,
    answers: dict[str, str] | None = None,
    creds: Credentials | None = None,
) -> list[StepResult]:
    """Check every step of a lab (as ``creds``'s account when given)."""
    cloud = Cloud(endpoint, creds)
    return [
        run_step(lab, step, endpoint, (answers or {}).get(step.id), cloud) for step in lab.steps
    ]


def solve_step(lab: Lab, step: Step, endpoint: Endpoint) -> SolveResult:
    """Run the step's solution; errors come back in the result, never as exceptions."""
    solution = step.solution
    if step.kind == "knowledge":
        cloud = Cloud(endpoint)
        accepted = probe_answers(step, lab, cloud)
        deadline = time.monotonic() + 30
        while not accepted and time.monotonic() < deadline:
            time.sleep(0.25)
            accepted = probe_answers(step, lab, cloud)
        if not accepted:
            return SolveResult(False, "nothing to read yet: finish the earlier steps first")
        return SolveResult(True, f"The answer is {accepted[-1]}", accepted[-1])
    if solution is None:
        return SolveResult(False, "this step has no solution")
    if solution.python:
        script = lab.path / solution.python
        done = subprocess.run(
            [sys.executable, str(script)],
            cwd=lab.path,
            env=sandbox_env(endpoint),
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        return SolveResult(
            done.returncode == 0, done.stdout + done.stderr, commands=[f"python {solution.python}"]
        )
    outputs: list[str] = []
    commands: list[str] = []
    for line in solution.cli:
        args = shlex.split(expand(line, lab, endpoint))
        commands.append("courseware aws " + line)
        try:
            done = run_aws(endpoint, args, capture=True, timeout=120)
        except AwsCliMissingError as exc:
            return SolveResult(False, str(exc), commands=commands)
        outputs.append(f"$ aws {line}\n{done.stdout}{done.stderr}")
        if done.returncode != 0:
            return SolveResult(False, "\n".join(outputs), commands=commands)
    return SolveResult(True, "\n".join(outputs), commands=commands)


_APIGW_DELETERS = {
    "rest_api": reset_apigw.delete_rest_apis,
    "usage_plan": reset_apigw.delete_usage_plans,
    "api_key": reset_apigw.delete_api_keys,
}


def reset_lab(lab: Lab, endpoint: Endpoint, creds: Credentials | None = None) -> list[str]:
    """Delete the lab's resources (those that exist, in ``creds``'s account when given)."""
    cloud = Cloud(endpoint, creds)
    deleted: list[str] = []
    for resource in reversed(lab.resources):
        try:
            _delete(cloud, resource.type, resource.name)
            deleted.append(f"{resource.type} {resource.name}")
        except Exception:  # already gone
            continue
    return deleted


def _delete(cloud: Cloud, kind: str, name: str) -> None:
    if kind == "function":
        for mapping in cloud.lambda_.list_event_source_mappings(FunctionName=name)[
            "EventSourceMappings"
        ]:
            cloud.lambda_.delete_event_source_mapping(UUID=mapping["UUID"])
        cloud.lambda_.delete_function(FunctionName=name)
    elif kind == "role":
        for policy in cloud.iam.list_attached_role_policies(RoleName=name)["AttachedPolicies"]:
            cloud.iam.detach_role_policy(RoleName=name, PolicyArn=policy["PolicyArn"])
        for policy_name in cloud.iam.list_role_policies(RoleName=name)["PolicyNames"]:
            cloud.iam.delete_role_policy(RoleName=name, PolicyName=policy_name)
        cloud.iam.delete_role(RoleName=name)
    elif kind == "queue":
        cloud.sqs.delete_queue(QueueUrl=cloud.sqs.get_queue_url(QueueName=name)["QueueUrl"])
    elif kind == "table":
        cloud.dynamodb.delete_table(TableName=name)
    elif kind == "state_machine":
        for machine in cloud.sfn.list_state_machines()["stateMachines"]:
            if machine["name"] == name:
                cloud.sfn.delete_state_machine(stateMachineArn=machine["stateMachineArn"])
    elif kind == "log_group":
        cloud.logs.delete_log_group(logGroupName=name)
    elif kind in _APIGW_DELETERS:
        _APIGW_DELETERS[kind](cloud.apigateway, name)
    elif kind == "topic":
        _delete_topic(cloud, name)


def _delete_topic(cloud: Cloud, name: str) -> None:
    """Delete the topic called ``name`` and its subscriptions."""
    for topic in cloud.sns.list_topics().get("Topics", []):
        arn = str(topic["TopicArn"])
        if arn.rsplit(":", 1)[-1] == name:
            subs = cloud.sns.list_subscriptions_by_topic(TopicArn=arn)["Subscriptions"]
            for sub in subs:
                cloud.sns.unsubscribe(SubscriptionArn=sub["SubscriptionArn"])
            cloud.sns.delete_topic(TopicArn=arn)
