"""Exam results: scaled score, pass/fail, per-domain breakdown, and a review of every answer."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, Static, TabbedContent, TabPane
from textual.widgets.option_list import Option

from courseware.course.quiz import ExamOutcome
from courseware.course.quiz.coverage import TaskResult, task_results
from courseware.tui.quiz.explanations import explanation_text
from courseware.tui.quiz.quiz_context import QuizContext
from courseware.tui.shell.footer import KeysFooter
from courseware.tui.shell.header import Header
from courseware.tui.shell.messages import OpenSection
from courseware.tui.shell.reflow import reflow


class ExamResultsScreen(Screen[None]):
    """What the learner scored, where, and why each answer was right or wrong."""

    BINDINGS = [
        Binding("escape", "app.pop_screen", "Done", id="exam.results.done", tooltip="Back"),
        Binding(
            "o",
            "open_section",
            "Read section",
            id="exam.results.open",
            tooltip="Open the chapter section of the highlighted question",
        ),
    ]

    WEAK_PERCENT = 70  # below about the pass mark's share correct, a task statement is weak

    def __init__(self, context: QuizContext, outcome: ExamOutcome) -> None:
        super().__init__()
        self.context = context
        self.outcome = outcome
        coverage = context.catalog.coverage
        if coverage is not None and coverage.exam != outcome.profile.id:
            coverage = None
        answered = [(r.question, r.correct) for r in outcome.review]
        self.tasks: list[TaskResult] = task_results(coverage, answered) if coverage else []

    def compose(self) -> ComposeResult:
        score, profile = self.outcome.score, self.outcome.profile
        verdict = Text()
        verdict.append(f"{score.scaled}", style="bold")
        verdict.append(f" / {profile.max_score}  ")
        verdict.append(
            "PASS" if score.passed else "FAIL", style="bold green" if score.passed else "bold red"
        )
        verdict.append(
            f"  ·  {score.correct} of {score.total} correct ({score.percent:.0f} %)"
            f"  ·  pass mark {profile.passing_score}"
        )
        yield Header()
        yield Static(verdict, id="exam-results-score")
        with TabbedContent(id="exam-results-tabs"):
            with TabPane("Domains", id="exam-results-domains-tab"):
                yield DataTable(id="exam-results-domains", cursor_type="row", zebra_stripes=True)
                yield Static(
                    "Scaled score: a linear map of the percentage correct onto "
                    f"{profile.min_score}-{profile.max_score} (AWS does not publish its scaling).",
                    id="exam-results-note",
                )
            with TabPane("Task statements", id="exam-results-tasks-tab"):
                yield OptionList(
                    *[Option(self._task_line(r), id=r.task.id) for r in self.tasks],
                    id="exam-results-tasks",
                )
                yield Static(
                    "Weakest first. Enter opens the chapter section that teaches the task.",
                    id="exam-results-tasks-note",
                )
            with TabPane("Review answers", id="exam-results-review-tab"):
                yield OptionList(
                    *[
                        Option(self._review_line(i), id=str(i))
                        for i in range(len(self.outcome.review))
                    ],
                    id="exam-results-review",
                )
                yield Static(id="exam-results-detail")
        yield KeysFooter()

    def _task_line(self, result: TaskResult) -> Text:
        line = Text(f"{result.task.id} ")
        weak = result.percent < self.WEAK_PERCENT
        line.append(
            f"{result.correct}/{result.total} ({result.percent:.0f} %)",
            style="bold red" if weak else "green",
        )
        line.append("  weak  " if weak else "        ", style="red")
        line.append(result.task.title)
        if weak and result.task.sections:
            chapter, section = result.task.sections[0]
            catalog = self.context.catalog
            line.append(
                f"  → {catalog.chapter_title(chapter)} › {catalog.section_title(chapter, section)}",
                style="dim",
            )
        return line

    def weak_tasks(self) -> list[str]:
        """The ids of the task statements answered below the weak mark (for tests)."""
        return [r.task.id for r in self.tasks if r.percent < self.WEAK_PERCENT]

    def _review_line(self, index: int) -> Text:
        item = self.outcome.review[index]
        line = Text(f"{item.number:>3} ")
        line.append("✔" if item.correct else "✘", style="green" if item.correct else "red")
        line.append(" ⚑ " if item.flagged else "   ", style="yellow")
        line.append(" ".join(item.question.stem.split())[:70])
        return line

    def on_mount(self) -> None:
        """Fill the domain table."""
        self.title = f"{self.outcome.profile.code} exam results"
        table = self.query_one("#exam-results-domains", DataTable)
        table.add_columns("Domain", "Weight", "Correct", "Score")
        for domain in self.outcome.profile.domains:
            right, total = self.outcome.score.by_domain.get(domain.id, (0, 0))
            pct = f"{100 * right / total:.0f} %" if total else "–"
            table.add_row(domain.name, f"{domain.weight} %", f"{right}/{total}", pct, key=domain.id)
        self._show_detail(0)

    def domain_rows(self) -> list[tuple[str, str, str, str]]:
        """The domain table's cells (for tests and copy-paste)."""
        table = self.query_one("#exam-results-domains", DataTable)
        return [tuple(str(c) for c in table.get_row_at(i)) for i in range(table.row_count)]  # type: ignore[misc]

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Explain the highlighted answer."""
        if event.option_list.id == "exam-results-review":
            self._show_detail(int(event.option.id or 0))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Open the section that teaches the chosen task statement."""
        if event.option_list.id != "exam-results-tasks":
            return
        result = next(r for r in self.tasks if r.task.id == event.option.id)
        if result.task.sections:
            chapter, section = result.task.sections[0]
            self.post_message(OpenSection(chapter, section))

    def _show_detail(self, index: int) -> None:
        if not self.outcome.review:
            return
        item = self.outcome.review[index]
        catalog = self.context.catalog
        q = item.question
        text = Text(f"{item.number}. ", style="bold")
        text.append(reflow(q.stem) + "\n\n")
        for letter, option in zip(q.letters, q.options, strict=True):
            text.append(f"{letter}. {reflow(option.text)}\n")
        text.append("\n")
        text.append(explanation_text(q, item.chosen))
        text.append(
            f"\n\nRead: {catalog.chapter_title(q.chapter)} › "
            f"{catalog.section_title(q.chapter, q.section)} (o) · Source: {q.source}",
            style="dim",
        )
        self.query_one("#exam-results-detail", Static).update(text)

    def action_open_section(self) -> None:
        """Open the reader at the highlighted question's section."""
        index = self.query_one("#exam-results-review", OptionList).highlighted or 0
        q = self.outcome.review[index].question
        catalog = self.context.catalog
        self.notify(
            f"Opening {catalog.chapter_title(q.chapter)} › "
            f"{catalog.section_title(q.chapter, q.section)}",
            timeout=3,
        )
        self.post_message(OpenSection(q.chapter, q.section))
