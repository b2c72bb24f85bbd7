"""SNS fan-out checks: publish a probe to the topic and look where it landed.

A probe carries a unique token (``courseware-probe-…``) in its body. SNS delivers to an SQS
queue while Publish runs, so what the queue got (or did not get) is known when Publish
returns; the check reads it back and deletes its probes, leaving the learner's messages as
they were. A Lambda delivery is asynchronous: the check waits for the token in the
function's log. A re-check of an unchanged setup does not publish again.
"""

from __future__ import annotations

import json
import time
from typing import Any

from courseware.course.checks.base import (
    CheckResult,
    Cloud,
    Param,
    check,
    fail,
    ok,
    unless_missing,
)
from courseware.course.checks.lambda_checks import get_function, invocation_logs
from courseware.course.checks.outcome_checks import probe_token
from courseware.course.checks.sns_policy import lets_topic, statements

PROBE_WAIT = 20.0  # seconds an asynchronous Lambda delivery gets to show in the log
_proven: dict[tuple[str, ...], str] = {}  # (endpoint, check, its parameters) -> fingerprint


def topic_arn(cloud: Cloud, name: str) -> str | None:
    """The ARN of the topic called ``name``, or None."""
    for page in cloud.sns.get_paginator("list_topics").paginate():
        for topic in page.get("Topics", []):
            if str(topic["TopicArn"]).rsplit(":", 1)[-1] == name:
                return str(topic["TopicArn"])
    return None


def queue_url_arn(cloud: Cloud, queue: str) -> tuple[str, str] | None:
    """(URL, ARN) of the queue, or None."""
    url = unless_missing(lambda: str(cloud.sqs.get_queue_url(QueueName=queue)["QueueUrl"]))
    if url is None:
        return None
    found = cloud.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])
    return url, str(found["Attributes"]["QueueArn"])


def subscriptions(cloud: Cloud, arn: str, protocol: str) -> list[dict[str, Any]]:
    """The topic's subscriptions of one protocol, each with its attributes."""
    found: list[dict[str, Any]] = []
    for page in cloud.sns.get_paginator("list_subscriptions_by_topic").paginate(TopicArn=arn):
        for sub in page.get("Subscriptions", []):
            if sub.get("Protocol") == protocol:
                attrs = cloud.sns.get_subscription_attributes(
                    SubscriptionArn=sub["SubscriptionArn"]
                )
                found.append({**sub, "Attributes": attrs.get("Attributes", {})})
    return found


def _topic_and_queue(
    cloud: Cloud, topic: str, queue: str
) -> tuple[str, tuple[str, str] | CheckResult]:
    """(topic ARN, (queue URL, queue ARN)), or a failed result naming what is missing."""
    arn, found = topic_arn(cloud, topic), queue_url_arn(cloud, queue)
    if arn is None:
        return "", _missing("topic", topic)
    if found is None:
        return arn, _missing("queue", queue)
    return arn, found


def _queue_fingerprint(cloud: Cloud, arn: str, url: str, queue_arn: str) -> str:
    """What a queue probe's outcome depends on: the queue's subscriptions and access policy.

    A re-check of an unchanged setup does not publish again (a check round stays fast, and
    the topic's other subscribers get no probe every round).
    """
    subs = sorted(
        json.dumps(s["Attributes"], sort_keys=True)
        for s in subscriptions(cloud, arn, "sqs")
        if s["Endpoint"] == queue_arn
    )
    policy = cloud.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])
    return "|".join([str(policy.get("Attributes", {}).get("Policy")), *subs])


def _missing(kind: str, name: str) -> CheckResult:
    return fail(
        f"{kind} {name}", f"There is no {kind} named {name!r} yet.", name, f"no such {kind}"
    )


def _sns_attributes(values: dict[str, str]) -> dict[str, dict[str, str]]:
    return {k: {"DataType": "String", "StringValue": str(v)} for k, v in values.items()}


def _publish(cloud: Cloud, arn: str, body: str, attributes: dict[str, str]) -> None:
    params: dict[str, Any] = {"TopicArn": arn, "Message": body}
    if attributes:
        params["MessageAttributes"] = _sns_attributes(attributes)
    cloud.sns.publish(**params)


def take_probes(cloud: Cloud, url: str, prefix: str) -> dict[str, str]:
    """Receive and delete the queue's messages whose body holds ``prefix``: {token: body}.

    The learner's own messages are made visible again at once.
    """
    taken: dict[str, str] = {}
    others: list[str] = []
    for _ in range(10):
        messages = cloud.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get(
            "Messages", []
        )
        if not messages:
            break
        for message in messages:
            body = str(message.get("Body", ""))
            if prefix in body:
                token = prefix + body.split(prefix, 1)[1][:3]
                taken[token] = body
                cloud.sqs.delete_message(QueueUrl=url, ReceiptHandle=message["ReceiptHandle"])
            else:
                others.append(message["ReceiptHandle"])
    for handle in others:
        cloud.sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=handle, VisibilityTimeout=0)
    return taken


@check(topic=Param(str), fifo=Param(bool, False, False))
def topic_exists(cloud: Cloud, topic: str, fifo: bool = False) -> CheckResult:
    """The topic exists and is of the asked-for type (standard or FIFO)."""
    where = f"topic {topic}"
    arn = topic_arn(cloud, topic)
    kind = "FIFO" if fifo else "standard"
    if arn is None:
        other = topic + ".fifo" if not fifo else topic.removesuffix(".fifo")
        if topic_arn(cloud, other) is not None:
            return fail(
                where, f"You created {other}; the lab needs a {kind} topic {topic!r}.", kind, other
            )
        return _missing("topic", topic)
    attrs = cloud.sns.get_topic_attributes(TopicArn=arn)["Attributes"]
    if (attrs.get("FifoTopic") == "true") != fifo:
        return fail(where, f"{topic!r} is not a {kind} topic.", kind, "the other type")
    return ok(where, f"The {kind} topic {topic} exists ({arn}).", arn)


@check(queue=Param(str), topic=Param(str))
def queue_allows_topic(cloud: Cloud, queue: str, topic: str) -> CheckResult:
    """The queue's access policy lets sns.amazonaws.com send to it for this topic only."""
    where = f"queue {queue} access policy"
    found = queue_url_arn(cloud, queue)
    if found is None:
        return _missing("queue", queue)
    arn = topic_arn(cloud, topic)
    if arn is None:
        return _missing("topic", topic)
    url, queue_arn = found
    policy = cloud.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["Policy"])
    text = policy.get("Attributes", {}).get("Policy")
    allowed, why = lets_topic(statements(text), "sqs:SendMessage", queue_arn, arn)
    expected = f"an Allow of sqs:SendMessage for {arn} (aws:SourceArn)"
    if allowed:
        return ok(where, f"{queue} accepts messages that {topic} sends, and only its.", expected)
    if not text:
        why = "the queue has no access policy: SNS may not send to it"
    return fail(where, f"SNS cannot deliver {topic} to {queue}: {why}.", expected, why)


@check(topic=Param(str), queue=Param(str), attributes=Param(dict, False, {}))
def topic_delivers_raw(
    cloud: Cloud, topic: str, queue: str, attributes: dict[str, str] | None = None
) -> CheckResult:
    """A message published to the topic lands in the queue as it was sent (raw delivery)."""
    where = f"topic {topic} -> queue {queue}"
    arn, found = _topic_and_queue(cloud, topic, queue)
    if isinstance(found, CheckResult):
        return found
    url, queue_arn = found
    if not any(s["Endpoint"] == queue_arn for s in subscriptions(cloud, arn, "sqs")):
        return fail(
            where,
            f"{queue} is not subscribed to {topic}: subscribe it (protocol sqs, endpoint {queue_arn}).",
            "an sqs subscription",
            "none",
        )
    values = dict(attributes or {})
    memo = (cloud.endpoint.url, "raw", topic, queue, json.dumps(values, sort_keys=True))
    fingerprint = _queue_fingerprint(cloud, arn, url, queue_arn)
    if _proven.get(memo) == fingerprint:
        return ok(where, f"Messages published to {topic} arrive in {queue} as sent.", "raw")
    prefix = probe_token()
    token = prefix + "-ok"
    body = json.dumps({**values, "probe": token})
    _publish(cloud, arn, body, values)
    got = take_probes(cloud, url, prefix).get(token)
    expected = f"the body {body}"
    if got == body:
        _proven[memo] = fingerprint
        return ok(
            where, f"A message published to {topic} arrived in {queue} exactly as sent.", expected
        )
    if got is None:
        return fail(
            where,
            f"The check published {body} to {topic}; nothing arrived in {queue}. A filter policy "
            "on the subscription may drop it.",
            expected,
            "no message",
        )
    return fail(
        where,
        f"The message arrived wrapped in SNS's JSON envelope ({got[:90]}…): turn on raw "
        "message delivery for the subscription (RawMessageDelivery true).",
        expected,
        got[:200],
    )


def _fingerprint(cloud: Cloud, arn: str, function: str) -> str:
    config = cloud.lambda_.get_function_configuration(FunctionName=function)
    policy = unless_missing(lambda: cloud.lambda_.get_policy(FunctionName=function)) or {}
    subs = sorted(
        json.dumps(s["Attributes"], sort_keys=True) for s in subscriptions(cloud, arn, "lambda")
    )
    return "|".join(
        [
            str(config.get("CodeSha256")),
            str(config.get("LastModified")),
            str(policy.get("Policy")),
            *subs,
        ]
    )


@check(
    topic=Param(str),
    function=Param(str),
    attributes=Param(dict, False, {}),
    log_contains=Param(str, False, "{probe}"),
    queue=Param(str, False, ""),
)
def topic_invokes_function(
    cloud: Cloud,
    topic: str,
    function: str,
    attributes: dict[str, str] | None = None,
    log_contains: str = "{probe}",
    queue: str = "",
) -> CheckResult:
    """SNS may invoke the function for this topic (its resource policy), it is subscribed,
    and a message published to the topic runs it (its log shows ``log_contains``).

    ``queue``: another subscriber of the topic, from which the probe is taken back.
    """
    where = f"topic {topic} -> function {function}"
    arn, config = topic_arn(cloud, topic), get_function(cloud, function)
    if arn is None:
        return _missing("topic", topic)
    if config is None:
        return _missing("function", function)
    fn_arn = str(config["FunctionArn"])
    policy = unless_missing(lambda: cloud.lambda_.get_policy(FunctionName=function)) or {}
    allowed, why = lets_topic(
        statements(policy.get("Policy")), "lambda:InvokeFunction", fn_arn, arn
    )
    if not allowed:
        return fail(
            f"function {function} resource policy",
            f"SNS may not invoke {function} for {topic}: {why}. Run lambda add-permission "
            f"--principal sns.amazonaws.com --source-arn {arn}.",
            f"an Allow of lambda:InvokeFunction for {arn} (aws:SourceArn)",
            why,
        )
    subs = [
        s
        for s in subscriptions(cloud, arn, "lambda")
        if str(s["Endpoint"]).split(":")[6:7] == [function]
    ]
    if not subs:
        return fail(
            where,
            f"{function} is not subscribed to {topic}: subscribe it (protocol lambda, endpoint {fn_arn}).",
            "a lambda subscription",
            "none",
        )
    memo = (cloud.endpoint.url, "lambda", topic, function, log_contains, json.dumps(attributes))
    fingerprint = _fingerprint(cloud, arn, function)
    wanted_text = f"{function}'s log shows {log_contains}"
    if _proven.get(memo) == fingerprint:
        return ok(where, f"Messages published to {topic} run {function}.", wanted_text)
    token = probe_token()
    wanted = log_contains.replace("{probe}", token)
    _publish(cloud, arn, token, dict(attributes or {}))
    deadline = time.monotonic() + PROBE_WAIT
    seen = False
    while not seen:
        lines = [line for group in invocation_logs(cloud, function) for line in group]
        seen = any(wanted in line for line in lines)
        if seen or any(token in line for line in lines) or time.monotonic() > deadline:
            break  # the probe ran: judged now, without waiting out the deadline
        time.sleep(0.2)
    if queue:
        found = queue_url_arn(cloud, queue)
        if found is not None:
            take_probes(cloud, found[0], token)
    if seen:
        _proven[memo] = fingerprint
        return ok(where, f"A message published to {topic} ran {function}: {wanted}.", wanted)
    near = [line for lines in invocation_logs(cloud, function) for line in lines if token in line]
    return fail(
        where,
        f"The check published {token!r} with attributes {attributes or {}} to {topic}; within "
        f"{PROBE_WAIT:.0f} s {function}'s log showed "
        + (
            f"{near[-1][:160]!r}, not {wanted!r}: does the handler read the attribute?"
            if near
            else "nothing about it: did the function fail? (see its log)"
        ),
        wanted,
        near[-1][:200] if near else "no log line",
    )


@check(
    topic=Param(str),
    queue=Param(str),
    attribute=Param(str),
    delivered=Param(list),
    dropped=Param(list),
    scope=Param(str, False, "MessageAttributes"),
)
def topic_filters_to_queue(
    cloud: Cloud,
    topic: str,
    queue: str,
    attribute: str,
    delivered: list[str],
    dropped: list[str],
    scope: str = "MessageAttributes",
) -> CheckResult:
    """Messages whose ``attribute`` is one of ``delivered`` reach the queue, the others and
    those without it do not. ``scope`` MessageBody: the value is in the JSON body only, and a
    message attribute alone must not count; ``either``: each probe carries the value both as
    attribute and in its JSON body, so a policy of either scope passes."""
    where = f"topic {topic} -> queue {queue}"
    arn, found = _topic_and_queue(cloud, topic, queue)
    if isinstance(found, CheckResult):
        return found
    url, queue_arn = found
    memo = (cloud.endpoint.url, "filter", topic, queue, attribute, scope, *delivered, "|", *dropped)
    fingerprint = _queue_fingerprint(cloud, arn, url, queue_arn)
    if _proven.get(memo) == fingerprint:
        return ok(where, f"{queue} receives only {', '.join(delivered)} ({scope}).", scope)
    prefix = probe_token()
    sent: dict[str, tuple[str, bool]] = {}  # token -> (what it was, should arrive)
    in_body, as_attribute = scope != "MessageAttributes", scope != "MessageBody"
    for number, value in enumerate([*delivered, *dropped]):
        token = f"{prefix}-{number:02d}"
        body = json.dumps({attribute: value, "probe": token}) if in_body else token
        _publish(cloud, arn, body, {attribute: value} if as_attribute else {})
        where_is = (
            "body" if not as_attribute else "attribute" if not in_body else "attribute and body"
        )
        sent[token] = (f"{attribute}={value} ({where_is})", value in delivered)
    token = f"{prefix}-{len(sent):02d}"
    if scope == "MessageBody":
        _publish(cloud, arn, token, {attribute: delivered[0]})
        sent[token] = (f"{attribute}={delivered[0]} as a message attribute, not in the body", False)
    else:
        _publish(cloud, arn, token, {})
        sent[token] = (f"no {attribute} at all", False)
    got = take_probes(cloud, url, prefix)
    wrong = [what for t, (what, should) in sent.items() if (t in got) != should]
    arrived = [what for t, (what, _) in sent.items() if t in got] or ["nothing"]
    expected = "only " + ", ".join(what for what, should in sent.values() if should)
    if not wrong:
        _proven[memo] = fingerprint
        return ok(
            where, f"{queue} received {expected.removeprefix('only ')} and nothing else.", expected
        )
    return fail(
        where,
        f"The check published {len(sent)} messages ({'; '.join(w for w, _ in sent.values())}); "
        f"{queue} received: {'; '.join(arrived)}. Set the subscription's filter policy"
        + (" with FilterPolicyScope MessageBody" if scope == "MessageBody" else "")
        + ".",
        expected,
        "; ".join(arrived),
    )
