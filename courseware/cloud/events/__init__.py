"""Event plumbing like AWS's: Lambda's SQS poller, asynchronous invocation with retries,
dead-letter queues and destinations, and SNS / S3 notifications delivered asynchronously."""

from __future__ import annotations
