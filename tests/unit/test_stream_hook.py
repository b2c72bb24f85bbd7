"""The stream poller's seams into moto: fail loudly if an upgrade moves them."""

from __future__ import annotations

import inspect

from moto.awslambda.models import LambdaBackend
from moto.dynamodb.models.table import StreamShard
from moto.kinesis.models import Stream

from courseware.cloud.events import stream_poller, stream_sources


def test_moto_still_delivers_streams_through_the_methods_we_replace() -> None:
    assert "send_dynamodb_items(" in inspect.getsource(StreamShard.add)
    assert "if result:" in inspect.getsource(StreamShard.add), "records kept on a falsy result"
    assert "send_kinesis_message(" in inspect.getsource(Stream.put_record)
    stream_poller.install()
    assert LambdaBackend.send_dynamodb_items is stream_poller._no_delivery
    assert LambdaBackend.send_kinesis_message is stream_poller._no_delivery
    assert LambdaBackend.create_event_source_mapping is stream_poller._create_mapping


def test_stream_kinds() -> None:
    table = "arn:aws:dynamodb:us-east-1:123456789012:table/Orders/stream/2026-12-02T00:00:00.000"
    assert stream_sources.kind(table) == "dynamodb"
    assert stream_sources.kind("arn:aws:dynamodb:us-east-1:123456789012:table/Orders") is None
    assert stream_sources.kind("arn:aws:kinesis:us-east-1:123456789012:stream/clicks") == "kinesis"
    assert stream_sources.kind("arn:aws:sqs:us-east-1:123456789012:orders") is None
