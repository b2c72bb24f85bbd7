"""The lab runner against the real cloud: checks, automatic re-checks, help, answers, reset.

Lab resources have fixed names (from lab.yaml), so every test resets the lab first and all
lab-runner tests live in this one module.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

import pytest
from botocore.exceptions import ClientError
from textual.pilot import Pilot
from textual.widgets import Button, Input, Static

from courseware.cloud.endpoint import Endpoint
from courseware.course import labstate
from courseware.course.loader import load_course
from courseware.course.runner import solve_step
from courseware.tui.lab.lab import LabScreen
from courseware.tui.lab.lab_confirm import LabConfirmScreen
from courseware.tui.lab.lab_picker_screen import LabPickerScreen
from courseware.tui.lab.lab_result import CheckResultView
from courseware.tui.lab.lab_step_detail import LabStepDetail
from courseware.tui.lab.lab_steps import LabStepList
from courseware.tui.lab.lab_work import reset
from courseware.tui.shell import settings
from courseware.tui.shell.app import CoursewareApp
from tests.tui.pilot_helpers import open_console, until

LAB_ID = "simple-lambda"
ROLE = "hello-lambda-role"
BASIC = "arn:aws:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"
Check = Callable[[], bool]


@pytest.fixture
def lab(cloud: Endpoint) -> Any:
    """simple-lambda, reset: no resources, nothing recorded."""
    lab = load_course().lab(LAB_ID)
    assert lab is not None
    reset(lab, cloud)
    return lab


async def open_lab(app: CoursewareApp, pilot: Pilot[None]) -> LabScreen:
    """Open simple-lambda from another area and wait for its first check."""
    await app.open_lab(LAB_ID)
    screen = app.screen
    assert isinstance(screen, LabScreen)
    await until(pilot, lambda: checked(screen))
    return screen


def runner_of(app: CoursewareApp) -> LabScreen:
    screen = app.screen_stack[0]
    assert isinstance(screen, LabScreen)
    return screen


def checked(screen: LabScreen) -> bool:
    return screen.state is not None and screen.state.checked


def status(screen: LabScreen, step_id: str) -> str:
    assert screen.state is not None
    return screen.state.status(step_id)


def line(screen: LabScreen, number: int) -> str:
    return str(screen.query_one(LabStepList).get_option_at_index(number - 1).prompt)


def shown_result(screen: LabScreen) -> str:
    return str(screen.query_one(CheckResultView).render())


def notes(app: CoursewareApp) -> list[str]:
    return [n.message for n in app._notifications]


def create_role(iam: Any) -> None:
    document = (load_course().root / "labs" / LAB_ID / "trust-policy.json").read_text()
    iam.create_role(RoleName=ROLE, AssumeRolePolicyDocument=document)
    iam.attach_role_policy(RoleName=ROLE, PolicyArn=BASIC)


def test_a_fresh_lab_shows_every_step_failing_with_expected_and_actual(
    make_app: Callable[..., CoursewareApp], lab: Any
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_lab(app, pilot)
            statuses = [status(screen, s.id) for s in lab.steps]
            assert statuses == ["failed"] * 4 + ["pending"] * 2
            assert line(screen, 1).startswith("✘ 1. Create an execution role")
            assert line(screen, 5).startswith("○ 5. Read the REPORT line")
            result = shown_result(screen)
            assert "There is no IAM role named 'hello-lambda-role' yet." in result
            assert "expected: role hello-lambda-role" in result
            assert "actual:   no such role" in result
            assert str(screen.query_one("#lab-state", Static).render()).startswith("0/6 passed")
            assert settings.load()["last"] == {"kind": "lab", "id": LAB_ID}

    asyncio.run(scenario())


def test_a_step_done_outside_the_app_passes_without_pressing_anything(
    make_app: Callable[..., CoursewareApp], aws_client: Callable[[str], Any], lab: Any
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_lab(app, pilot)
            assert screen.query_one(LabStepList).step_id == "role"
            await asyncio.to_thread(create_role, aws_client("iam"))
            await until(pilot, lambda: status(screen, "role") == "passed")
            assert line(screen, 1).startswith("✔ 1. Create an execution role")
            assert "Step 1 passed: Create an execution role with basic Lambda permissions" in (
                notes(app)
            )
            assert screen.query_one(LabStepList).step_id == "function"
            assert "no Lambda function named 'hello-lambda'" in shown_result(screen)

    asyncio.run(scenario())


def test_checks_go_on_while_the_learner_is_in_another_area(
    make_app: Callable[..., CoursewareApp], aws_client: Callable[[str], Any], lab: Any
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_lab(app, pilot)
            await open_console(pilot, "lambda")
            await asyncio.to_thread(create_role, aws_client("iam"))
            await until(pilot, lambda: status(screen, "role") == "passed")
            assert app.current_mode == "lambda"
            await pilot.press("f4")
            await pilot.pause()
            assert app.screen is screen
            assert line(screen, 1).startswith("✔ 1.")

    asyncio.run(scenario())


def test_c_checks_now_and_an_in_app_change_rechecks_at_once(
    make_app: Callable[..., CoursewareApp], aws_client: Callable[[str], Any], lab: Any
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_lab(app, pilot)
            await pilot.press("t")  # automatic re-check off: only c or the signal re-check now
            assert not screen.auto_check
            assert "auto off" in str(screen.query_one("#lab-state", Static).render())
            document = (lab.path / "trust-policy.json").read_text()
            iam = aws_client("iam")
            await asyncio.to_thread(
                iam.create_role, RoleName=ROLE, AssumeRolePolicyDocument=document
            )
            await pilot.press("c")
            await until(pilot, lambda: "does not allow logs:" in shown_result(screen))
            assert status(screen, "role") == "failed"
            await app.call("iam", "attach_role_policy", RoleName=ROLE, PolicyArn=BASIC)
            await until(pilot, lambda: status(screen, "role") == "passed", seconds=10)
            await pilot.press("t")
            assert screen.auto_check

    asyncio.run(scenario())


def test_hints_are_revealed_one_by_one_and_recorded(
    make_app: Callable[..., CoursewareApp], lab: Any
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_lab(app, pilot)
            hints = screen.query_one("#lab-hints", Static)
            assert not hints.display
            await pilot.press("h")
            await until(pilot, lambda: labstate.step(LAB_ID, "role").get("used_hint") is True)
            assert hints.display
            text = str(hints.render())
            assert "Hint 1/2: The trust policy must name the service principal" in text
            assert "Hint 2/2" not in text
            assert line(screen, 1).startswith("✘ 1. (hint) Create")
            await pilot.press("h")
            await pilot.pause()
            assert "Hint 2/2: Attach the managed policy" in str(hints.render())
            await pilot.press("h")
            await pilot.pause()
            assert "No more hints for this step." in notes(app)
            assert labstate.step(LAB_ID, "function") == {}
            await until(pilot, lambda: labstate.step(LAB_ID, "role").get("hints_shown") == 2)

    asyncio.run(scenario())

    async def reopened() -> None:  # a new session shows the hints already revealed
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_lab(app, pilot)
            hints = screen.query_one("#lab-hints", Static)
            await until(pilot, lambda: "Hint 2/2: Attach the managed policy" in str(hints.render()))
            assert "Hint 1/2" in str(hints.render())

    asyncio.run(reopened())


def test_running_a_solution_passes_the_step_with_the_solution(
    make_app: Callable[..., CoursewareApp], aws_client: Callable[[str], Any], lab: Any
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_lab(app, pilot)
            detail = screen.query_one(LabStepDetail)
            await pilot.press("s")
            solution = detail.query_one("#lab-solution", Static)
            await until(pilot, lambda: solution.display)
            assert "courseware aws iam create-role --role-name hello-lambda-role" in str(
                solution.render()
            )
            await pilot.press("S")
            await until(pilot, lambda: status(screen, "role") == "passed", seconds=60)
            assert line(screen, 1).startswith("✔ 1. (solution) Create")
            assert screen.query_one(LabStepList).step_id == "function"
            await pilot.press("up")
            await pilot.pause()
            assert "passed with the solution" in shown_result(screen)
            assert str(detail.query_one("#lab-output", Static).render()).startswith(
                "✔ The solution ran."
            )
            assert labstate.step(LAB_ID, "role")["used_solution"] is True
            role = aws_client("iam").get_role(RoleName=ROLE)["Role"]
            assert role["RoleName"] == ROLE

    asyncio.run(scenario())


def test_a_solution_that_fails_shows_its_output_and_the_step_stays_failed(
    make_app: Callable[..., CoursewareApp], lab: Any
) -> None:
    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_lab(app, pilot)
            screen.query_one(LabStepList).select_step("edit-code")  # no function yet
            await pilot.pause()
            await pilot.press("s")
            button = screen.query_one("#lab-run-solution", Button)
            await until(pilot, lambda: button.display)
            button.press()  # the Run solution button below the revealed solution
            output = screen.query_one("#lab-output", Static)
            await until(pilot, lambda: "failed" in str(output.render()), seconds=60)
            text = str(output.render())
            assert text.startswith("✘ The solution failed.")
            assert "ResourceNotFoundException" in text
            assert status(screen, "edit-code") == "failed"
            assert app.is_running

    asyncio.run(scenario())


def test_a_knowledge_answer_typed_in_place_fails_then_passes(
    make_app: Callable[..., CoursewareApp],
    aws_client: Callable[[str], Any],
    cloud: Endpoint,
    lab: Any,
) -> None:
    create_role(aws_client("iam"))
    assert solve_step(lab, lab.step("function"), cloud).ok

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_lab(app, pilot)
            steps = screen.query_one(LabStepList)
            assert steps.step_id == "edit-code"  # the first step not passed
            steps.select_step("permissions")
            await pilot.pause()
            answer = screen.query_one("#lab-answer", Input)
            assert answer.display
            await pilot.press("a")
            assert answer.has_focus
            await pilot.press(*"AdministratorAccess", "enter")
            await until(pilot, lambda: status(screen, "permissions") == "failed")
            assert "is not what the cloud shows for this question" in shown_result(screen)
            assert answer.value == "AdministratorAccess"  # the learner's text stays
            await pilot.press("escape")  # leaves the answer box, not the lab
            assert app.current_mode == "lab" and not answer.has_focus
            await pilot.press("escape")
            assert app.current_mode == "home"
            await app.open_lab(LAB_ID)  # opening the open lab again keeps what was typed
            await pilot.pause()
            assert screen.query_one(LabStepList).step_id == "permissions"
            assert answer.value == "AdministratorAccess"
            await until(pilot, lambda: not screen._checking)
            await pilot.press("c")  # a re-check does not forget the wrong answer
            await until(pilot, lambda: not screen._checking)
            assert line(screen, 6).startswith("✘ 6.")
            await pilot.press("a")
            assert answer.has_focus
            answer.value = ""
            told: list[str] = []  # every note, however soon it expires (3 s) on a slow machine
            tell = app.notify
            app.notify = lambda message, *a, **k: (
                told.append(str(message)) or tell(message, *a, **k)
            )  # type: ignore[method-assign]
            await pilot.press(*"AWSLambdaBasicExecutionRole", "enter")
            await until(pilot, lambda: status(screen, "permissions") == "passed")
            await until(pilot, lambda: any(n.startswith("Step 6 passed") for n in told))
            assert "Step 6 passed: Inspect the execution role's permissions" in told
            saved = labstate.step(LAB_ID, "permissions")
            assert saved["answer"] == "AWSLambdaBasicExecutionRole"
            assert "used_solution" not in saved

    asyncio.run(scenario())


def test_reset_asks_then_returns_the_lab_to_failing(
    make_app: Callable[..., CoursewareApp],
    aws_client: Callable[[str], Any],
    cloud: Endpoint,
    lab: Any,
) -> None:
    create_role(aws_client("iam"))

    async def scenario() -> None:
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            screen = await open_lab(app, pilot)
            assert status(screen, "role") == "passed"
            await pilot.press("h")
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, LabConfirmScreen)
            await pilot.press("escape")  # cancel: nothing happens
            await pilot.pause()
            assert not isinstance(app.screen, LabConfirmScreen)
            assert aws_client("iam").get_role(RoleName=ROLE)
            await pilot.press("r")
            await pilot.pause()
            before = screen.state
            await pilot.click("#lab-confirm-yes")
            await until(pilot, lambda: screen.state is not before and checked(screen))
            assert status(screen, "role") == "failed"
            assert line(screen, 2).startswith("✘ 2. Create")
            assert "Lab reset: deleted role hello-lambda-role." in notes(app)
            with pytest.raises(ClientError):
                aws_client("iam").get_role(RoleName=ROLE)
            assert labstate.step(LAB_ID, "role") == {}

    asyncio.run(scenario())


def test_without_a_last_lab_the_picker_opens_the_chosen_lab(
    make_app: Callable[..., CoursewareApp], lab: Any
) -> None:
    settings.save(last=None)

    async def scenario() -> None:
        app = make_app(start_screen="lab")
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: isinstance(app.screen, LabPickerScreen))
            screen = runner_of(app)
            assert screen.state is None
            order = [course_lab.id for course_lab in app.course.labs]
            await pilot.press(*["down"] * order.index("state-machine"), "enter")
            await until(pilot, lambda: checked(screen))
            assert app.screen is screen
            assert screen.lab is not None and screen.lab.id == "state-machine"
            assert settings.load()["last"] == {"kind": "lab", "id": "state-machine"}
            await pilot.press("l")
            await pilot.pause()
            assert isinstance(app.screen, LabPickerScreen)
            await pilot.press("escape")  # back to the open lab
            await pilot.pause()
            assert app.screen is screen and app.current_mode == "lab"
            await pilot.press("l")
            await pilot.pause()
            await app.open_lab(LAB_ID)  # e.g. from the home screen: the picker goes away
            await until(pilot, lambda: screen.lab is not None and screen.lab.id == LAB_ID)
            assert app.screen is screen

    asyncio.run(scenario())


def test_before_the_cloud_is_up_the_runner_waits_then_checks(cloud: Endpoint, lab: Any) -> None:
    settings.save(last={"kind": "lab", "id": LAB_ID})

    async def scenario() -> None:
        app = CoursewareApp(start_cloud=False, start_screen="lab")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = runner_of(app)
            assert screen.lab is not None and screen.lab.id == LAB_ID
            assert "waiting for the cloud to start" in shown_result(screen)
            assert "cloud starting" in str(screen.query_one("#lab-state", Static).render())
            await pilot.press("c", "S", "r")
            await pilot.pause()
            assert app.screen is screen  # no reset question without a cloud
            assert "The cloud is still starting; try again in a moment." in notes(app)
            app._set_cloud(cloud, "cloud ready")  # what the app does once its cloud is up
            await until(pilot, lambda: checked(screen))
            assert status(screen, "role") == "failed"

    asyncio.run(scenario())
