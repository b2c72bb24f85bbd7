"""Segment documents into moto's X-Ray backend, where GetTraceSummaries/BatchGetTraces read them."""

from __future__ import annotations

import json
import logging
from typing import Any

from courseware.cloud.endpoint import ACCOUNT_ID, REGION

log = logging.getLogger(__name__)


def put(document: dict[str, Any] | str, account_id: str = ACCOUNT_ID, region: str = REGION) -> bool:
    """Store one segment document (a dict or its JSON); False when X-Ray would reject it."""
    from moto.core.exceptions import AWSError
    from moto.xray.models import xray_backends

    text = document if isinstance(document, str) else json.dumps(document)
    try:
        xray_backends[account_id][region].process_segment(text)
    except (AWSError, ValueError, TypeError, KeyError) as exc:
        log.info("X-Ray segment dropped: %s", exc)
        return False
    return True
