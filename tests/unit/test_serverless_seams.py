"""The CloudFormation/SAM, Step Functions Express and X-Ray seams: each fails here when moto moves.

Like test_moto_seams.py, each test pins what a plugin relies on in moto (names,
signatures, and the gaps it fills), whether or not the plugin is installed in this process.
"""

from __future__ import annotations

import inspect
import json
from typing import Any

from moto.awslambda.models import LambdaFunction
from moto.cloudformation import models as cfn_models
from moto.cloudformation import parsing
from moto.stepfunctions.parser.asl.eval.event import logging as sfn_logging
from moto.stepfunctions.parser.backend import execution
from moto.stepfunctions.parser.models import StepFunctionsParserBackend
from moto.stepfunctions.responses import StepFunctionResponse
from moto.xray.models import XRayBackend

from courseware.cloud.cfn import plugin as cfn_plugin
from courseware.cloud.cfn import resources, sam
from courseware.cloud.sfn import express_sync
from courseware.cloud.xray import trace_header


def _original(patched: Any, fallback: Any) -> Any:
    return patched if patched is not None else fallback


def _params(function: Any) -> list[str]:
    return list(inspect.signature(function).parameters)


def test_cfn_plugin_wraps_the_template_parsers_and_stack_creation() -> None:
    got = cfn_plugin._originals
    parse = _original(got.get("parse"), inspect.getattr_static(cfn_models.Stack, "parse_template"))
    parse = parse.__func__ if isinstance(parse, staticmethod) else parse
    assert _params(parse) == ["template"]
    assert _params(_original(got.get("cs_parse"), cfn_models.ChangeSet._parse_template)) == ["self"]
    assert _params(_original(got.get("create"), cfn_models.Stack.create_resources)) == ["self"]
    execute = _original(got.get("execute"), cfn_models.CloudFormationBackend.execute_change_set)
    assert _params(execute) == ["self", "change_set_name", "stack_name"]
    source = inspect.getsource(execute)
    assert "change_set.apply()" in source and "TODO: handle execution errors" in source
    resource = _original(got.get("resource"), parsing.parse_and_create_resource)
    assert _params(resource)[:3] == ["logical_id", "resource_json", "resources_map"]
    assert hasattr(parsing.get_model_map, "cache_clear"), "the model map is no longer a cache"


def test_moto_still_lacks_the_resource_types_we_add_and_skips_unknown_ones() -> None:
    native = {
        m.cloudformation_type()
        for m in parsing.CloudFormationModel.__subclasses__()
        if m.__module__.startswith("moto.")
    }
    ours = {m.cloudformation_type() for m in resources.MODELS}
    assert ours - native == {"AWS::SQS::QueuePolicy", "AWS::ApiGateway::Stage"}
    assert "No Moto CloudFormation support" in inspect.getsource(parsing.resource_class_from_type)


def test_sam_expansion_works_offline_from_motos_managed_policy_copy() -> None:
    arns = sam.managed_policy_arns()
    assert arns["AWSLambdaBasicExecutionRole"] == (
        "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
    )
    template = {
        "Transform": sam.SAM_TRANSFORM,
        "Resources": {
            "Fn": {
                "Type": "AWS::Serverless::Function",
                "Properties": {
                    "Handler": "app.handler",
                    "Runtime": "python3.12",
                    "CodeUri": "s3://b/k.zip",
                    "Policies": ["AWSLambdaBasicExecutionRole"],
                },
            }
        },
    }
    expanded = sam.expand(template, "us-east-1")
    assert expanded["Resources"]["Fn"]["Type"] == "AWS::Lambda::Function"
    role = expanded["Resources"]["FnRole"]["Properties"]
    assert arns["AWSLambdaBasicExecutionRole"] in role["ManagedPolicyArns"]


def test_sfn_plugin_fills_the_logging_session_and_adds_start_sync_execution() -> None:
    init = _original(express_sync._patched.get("init"), execution.Execution.__init__)
    assert _params(init) == express_sync.EXPECTED_INIT_PARAMS
    if not express_sync._patched:
        assert not hasattr(StepFunctionResponse, "start_sync_execution")
    assert hasattr(execution.SyncExecution, "to_start_sync_execution_output")
    from courseware.cloud.events import sfn_names

    start = _original(
        sfn_names._patched.get("start_execution"), StepFunctionsParserBackend.start_execution
    )
    assert "cloud_watch_logging_session=None" in inspect.getsource(start)
    config = sfn_logging.CloudWatchLoggingConfiguration.from_logging_configuration
    assert _params(config) == ["state_machine_arn", "logging_configuration"]
    assert callable(sfn_logging.is_logging_enabled_for)


def test_xray_plugin_keeps_tracing_config_that_moto_drops_on_update() -> None:
    source = inspect.getsource(LambdaFunction)  # the file's text, whatever is patched in
    assert 'self.tracing_config = spec.get("TracingConfig")' in source
    update = source.split("    def update_configuration", 1)[1].split("\n    def ", 1)[0]
    assert "TracingConfig" not in update, "moto now stores TracingConfig: drop the wrapper"
    assert len(inspect.signature(LambdaFunction.update_configuration).parameters) == 2


def test_xray_backend_takes_segment_documents_as_json() -> None:
    assert _params(XRayBackend.process_segment) == ["self", "doc"]
    backend = XRayBackend("us-east-1", "123456789012")
    trace = trace_header.new_trace_id()
    doc = {
        "name": "f",
        "id": trace_header.new_segment_id(),
        "trace_id": trace,
        "start_time": 1.0,
        "end_time": 2.0,
    }
    backend.process_segment(json.dumps(doc))
    [stored] = backend.get_trace_ids([trace])["Traces"]
    assert json.loads(stored["Segments"][0]["Document"])["name"] == "f"


def test_trace_header_has_the_aws_format() -> None:
    trace = trace_header.new_trace_id(now=0x5F000000)
    assert trace.startswith("1-5f000000-") and len(trace) == 35
    text = trace_header.header(trace, "a" * 16, sampled=True)
    assert trace_header.parse(text) == {"Root": trace, "Parent": "a" * 16, "Sampled": "1"}


def test_xray_hears_every_execution_end_through_the_worker_communication() -> None:
    from moto.stepfunctions.parser.backend.execution import BaseExecutionWorkerCommunication

    from courseware.cloud.xray import sfn_traces

    terminated = sfn_traces._originals.get(
        "terminated", BaseExecutionWorkerCommunication.terminated
    )
    assert _params(terminated) == ["self"]
    assert "_reflect_execution_status" in inspect.getsource(terminated)
    assert "terminated" not in vars(execution.SyncExecutionWorkerCommunication)
    assert {"stop_date", "exec_status", "trace_header", "exec_arn"} <= set(
        inspect.getsource(execution.Execution.__init__).replace("self.", " ").split()
    )


def test_capabilities_are_checked_in_front_of_motos_actions() -> None:
    from moto.cloudformation.responses import CloudFormationResponse

    from courseware.cloud.cfn import capabilities

    for name in capabilities.ACTIONS:
        action = cfn_plugin._originals.get(name, getattr(CloudFormationResponse, name))
        assert _params(action) == ["self"], name
        assert "Capabilities" not in inspect.getsource(action), f"moto now checks {name}"
    role = {"Type": "AWS::IAM::Role", "Properties": {"AssumeRolePolicyDocument": {}}}
    named = {"Type": "AWS::IAM::Role", "Properties": {"RoleName": "r"}}
    assert capabilities.missing({"Resources": {"R": role}}, []) == "CAPABILITY_IAM"
    assert capabilities.missing({"Resources": {"R": role}}, ["CAPABILITY_NAMED_IAM"]) is None
    assert capabilities.missing({"Resources": {"R": named}}, ["CAPABILITY_IAM"]) == (
        "CAPABILITY_NAMED_IAM"
    )
    assert capabilities.missing({"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}, []) is None
