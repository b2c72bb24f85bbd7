"""The simulator seam: moto still lacks SimulatePrincipalPolicy and dispatches by method name."""

from __future__ import annotations

import inspect

from courseware.cloud.iam import simulate


def test_moto_has_no_simulator_of_its_own() -> None:
    from moto.iam.responses import IamResponse

    simulate.install()
    assert getattr(IamResponse, simulate.METHOD) is simulate._simulate_principal_policy
    own = [
        name
        for name, _ in inspect.getmembers(IamResponse, inspect.isfunction)
        if "simulate" in name and name != simulate.METHOD
    ]
    assert own == [], f"moto implements {own} now: drop or adapt simulate.py"
    simulate.check_seam()


def test_moto_dispatches_an_action_to_its_snake_case_method() -> None:
    from moto.core import responses

    source = inspect.getsource(responses.BaseResponse.call_action)
    assert "camelcase_to_underscores(self._get_action())" in source
    assert "isinstance(response, ActionResult)" in source


def test_botocore_models_the_operation_moto_serialises() -> None:
    import botocore.session

    model = botocore.session.get_session().get_service_model("iam")
    shape = model.operation_model("SimulatePrincipalPolicy").output_shape
    assert shape is not None and {"EvaluationResults", "IsTruncated"} <= set(shape.members)
