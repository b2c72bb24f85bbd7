"""The API Gateway console's pure model: tree, ARNs, URLs, forms (and Lambda's Add permission)."""

from __future__ import annotations

import fnmatch

import pytest

from courseware.course.checks.apigw_checks import method_arn
from courseware.tui.consoles.apigateway.apigw_model import (
    call_result_text,
    execute_api_arn,
    function_of,
    function_uri,
    integration_text,
    invoke_path,
    invoke_result_text,
    parse_headers,
    path_part_problem,
    plan_request,
    plan_row,
    resource_tree,
    stage_request_url,
)
from courseware.tui.consoles.awslambda.lambda_permission import permission_request
from courseware.tui.consoles.common.form_fields import FormError

ARN = "arn:aws:lambda:us-east-1:123456789012:function:webhook-handler"
URI = function_uri("us-east-1", ARN)
RESOURCES = [
    {"id": "s", "parentId": "h", "pathPart": "{source}", "path": "/hooks/{source}",
     "resourceMethods": {"POST": {"authorizationType": "NONE", "apiKeyRequired": True,
                                  "methodIntegration": {"type": "AWS_PROXY", "uri": URI}}}},
    {"id": "r", "path": "/"},
    {"id": "h", "parentId": "r", "pathPart": "hooks", "path": "/hooks",
     "resourceMethods": {"GET": {"methodIntegration": {"type": "MOCK"}}}},
    {"id": "a", "parentId": "r", "pathPart": "about", "path": "/about"},
]  # fmt: skip


def test_the_tree_draws_parents_before_children_and_methods_under_their_resource() -> None:
    lines = resource_tree(RESOURCES)
    assert [line.label for line in lines] == [
        "/",
        "├─ about",
        "└─ hooks",
        "   │  ● GET",
        "   └─ {source}",
        "         ● POST",
    ]
    post = lines[-1]
    assert (post.key, post.resource_id, post.path, post.verb) == (
        "m:s:POST", "s", "/hooks/{source}", "POST",
    )  # fmt: skip
    assert post.detail == "Lambda proxy → webhook-handler · auth NONE · API key required"
    assert lines[3].detail == "MOCK · auth NONE"
    assert lines[0].verb is None and lines[0].key == "r:r" and lines[0].detail == "id r"


def test_an_empty_api_has_no_tree() -> None:
    assert resource_tree([]) == []


@pytest.mark.parametrize("part", ["hooks", "{source}", "{proxy+}", "v1.2", "a-b_c"])
def test_path_parts_that_api_gateway_takes(part: str) -> None:
    assert path_part_problem(part) is None


@pytest.mark.parametrize(
    ("part", "says"),
    [("", "Type"), ("hooks/{source}", "One segment"), ("{source", "braces"), ("a b", "braces")],
)
def test_path_parts_refused_with_a_reason(part: str, says: str) -> None:
    problem = path_part_problem(part)
    assert problem is not None and says in problem


def test_integration_uri_round_trip() -> None:
    assert (
        f"arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/{ARN}/invocations"
    ) == URI
    assert function_of(URI) == "webhook-handler"
    assert function_of(URI.replace(ARN, ARN + ":live")) == "webhook-handler"
    assert function_of("http://example.com") is None
    assert integration_text({"type": "AWS", "uri": URI}) == "Lambda (non-proxy) → webhook-handler"
    assert integration_text(None) == "no integration"


def test_the_copied_source_arn_covers_what_the_lab_checks() -> None:
    arn = execute_api_arn("us-east-1", "123456789012", "abc123", "POST", "/hooks/{source}")
    assert arn == "arn:aws:execute-api:us-east-1:123456789012:abc123/*/POST/hooks/*"
    probe = method_arn("123456789012", "abc123", "prod", "POST", "/hooks/source")
    assert fnmatch.fnmatchcase(probe, arn)
    other = method_arn("123456789012", "zzz999", "prod", "POST", "/hooks/source")
    assert not fnmatch.fnmatchcase(other, arn)
    assert execute_api_arn("us-east-1", "1", "a", "GET", "/").endswith("a/*/GET/")


def test_the_url_to_call() -> None:
    base = "http://127.0.0.1:1/restapis/abc/prod/_user_request_/"
    assert stage_request_url(base, "/hooks/x?event=push") == (
        "http://127.0.0.1:1/restapis/abc/prod/_user_request_/hooks/x?event=push"
    )
    assert stage_request_url(base, "").endswith("_user_request_/")
    with pytest.raises(FormError, match="starts with /"):
        stage_request_url(base, "hooks")


def test_headers_and_test_path() -> None:
    assert parse_headers("x-api-key: abc\n\nContent-Type: application/json") == {
        "x-api-key": "abc",
        "Content-Type": "application/json",
    }
    with pytest.raises(FormError, match="line 2"):
        parse_headers("a: b\nno colon")
    assert invoke_path("/hooks/{source}", "") == "/hooks/{source}"
    assert invoke_path("/hooks/{source}", " /hooks/github?x=1 ") == "/hooks/github?x=1"
    with pytest.raises(FormError):
        invoke_path("/", "hooks")


def test_the_test_result_shows_status_headers_body_and_log() -> None:
    text = invoke_result_text(
        {
            "status": 500,
            "latency": 7,
            "headers": {"Content-Type": "application/json"},
            "body": '{"message": "Internal server error"}',
            "log": "Execution failed due to configuration error: Invalid permissions on "
            "Lambda function\n",
        }
    )
    assert text.splitlines()[:2] == ["Status: 500", "Latency: 7 ms"]
    assert "  Content-Type: application/json" in text
    assert '{"message": "Internal server error"}' in text
    assert "Invalid permissions on Lambda function\n\nHint: " in text
    assert text.rstrip().endswith("tick Grant API Gateway permission in the method.")
    fine = invoke_result_text({"status": 200, "log": "Method completed with status: 200"}, "GET /")
    assert fine.startswith("Request: GET /\nStatus: 200\n")
    assert "Hint" not in fine and fine.endswith("Method completed with status: 200")
    assert call_result_text(202, [("X-A", "1")], "ok") == "HTTP 202\nX-A: 1\n\nok"


def test_usage_plan_request() -> None:
    assert plan_request("webhook-plan", "10", "5", "", "DAY", "abc:prod") == {
        "name": "webhook-plan",
        "throttle": {"rateLimit": 10.0, "burstLimit": 5},
        "apiStages": [{"apiId": "abc", "stage": "prod"}],
    }
    assert plan_request(" p ", "", "", "1000", "MONTH", None) == {
        "name": "p",
        "quota": {"limit": 1000, "period": "MONTH"},
    }
    for args, says in (
        (("", "", "", "", "DAY", None), "name"),
        (("p", "ten", "5", "", "DAY", None), "Throttle"),
        (("p", "10", "", "", "DAY", None), "Throttle"),
        (("p", "0", "5", "", "DAY", None), "above 0"),
        (("p", "", "", "x", "DAY", None), "Quota"),
    ):
        with pytest.raises(FormError, match=says):
            plan_request(*args)
    assert plan_row({"name": "p", "apiStages": [{"apiId": "a", "stage": "prod"}]}) == (
        "p", "a:prod", "none", "none",
    )  # fmt: skip
    row = plan_row({"name": "p", "throttle": {"rateLimit": 10, "burstLimit": 5},
                    "quota": {"limit": 9, "period": "DAY"}})  # fmt: skip
    assert row == ("p", "no stage", "10/s burst 5", "9/day")


def test_add_permission_request() -> None:
    source = "arn:aws:execute-api:us-east-1:123456789012:abc/*/POST/hooks/*"
    assert permission_request("fn", "webhook-api", "apigateway.amazonaws.com", "", source) == {
        "FunctionName": "fn",
        "StatementId": "webhook-api",
        "Action": "lambda:InvokeFunction",
        "Principal": "apigateway.amazonaws.com",
        "SourceArn": source,
    }
    assert "SourceArn" not in permission_request("fn", "s", "sns.amazonaws.com", "", " ")
    for args, says in (
        (("fn", "bad id!", "p", "", ""), "Statement ID"),
        (("fn", "s", "p", "s3:GetObject", ""), "Action"),
        (("fn", "s", "p", "", "execute-api:abc"), "Source ARN"),
    ):
        with pytest.raises(FormError, match=says):
            permission_request(*args)
