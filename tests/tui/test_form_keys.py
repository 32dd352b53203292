"""Keys typed inside a form stay in the form: no section switch, no new record.

A user typing a date or a number while the focus happens to be on a button,
a checkbox or a dropdown must not be thrown into another section, nor have a
second form opened on top of the first.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from textual.widget import Widget
from textual.widgets import Button, Checkbox, DataTable, Select, SelectionList
from textual.widgets._select import SelectOverlay

from giangvien.follow_up import to_ask
from giangvien.models import Briefing, Meeting, Observation, Record, Trial
from screens.app import GiangvienApp
from screens.record_form import RecordForm
from screens.widgets.lecturer_picker import LecturerPicker
from screens.widgets.suggestion_checks import AnswerChoice
from store.repository import Repository
from tests.tui.conftest import SIZE
from tests.tui.helpers import until

MakeApp = Callable[..., GiangvienApp]

# Every section's number, and the letters the record lists bind (n new, e open,
# u updates, p preview, t statistics, m minutes, c cleared).
KEYS = [*"123456789", *"neuptmc", "slash"]

FORMS: list[tuple[str, type[Record]]] = [
    ("observations", Observation),
    ("trials", Trial),
    ("meetings", Meeting),
    ("sessions", Briefing),
]

# The kinds of widget in the forms that do not take text.
KINDS: tuple[type[Widget], ...] = (
    Button, Checkbox, Select, SelectionList, DataTable, AnswerChoice,
)  # fmt: skip


def asking(repo: Repository) -> str:
    """A lecturer whose earlier suggestions a new sheet today asks about."""
    sheets = repo.all(Observation)
    return next(lec.id for lec in repo.lecturers()
                if to_ask(sheets, lec.id, dt.date.today(), this_sheet=None))  # fmt: skip


def _non_text(form: RecordForm) -> list[Widget]:
    """One widget of each kind the form has (the first, which is on screen)."""
    found: dict[type[Widget], Widget] = {}
    for widget in form.query("*"):
        if not widget.can_focus or isinstance(widget, SelectOverlay):
            continue
        kind = next((k for k in KINDS if isinstance(widget, k)), None)
        if kind is not None and kind not in found:
            found[kind] = widget
    return list(found.values())


@pytest.mark.parametrize(("mode", "model"), FORMS, ids=[m for m, _ in FORMS])
async def test_digits_and_letters_on_non_text_widgets_stay_in_the_form(
    demo_repo: Repository, make_app: MakeApp, mode: str, model: type[Record]
) -> None:
    before = len(demo_repo.all(model))
    app = make_app(demo_repo, start=mode)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, RecordForm), form
        depth = len(app.screen_stack)
        if mode == "observations":  # the answers about earlier suggestions show too
            form.query_one(LecturerPicker).value = asking(demo_repo)
            await until(pilot, lambda: bool(form.query(AnswerChoice)), "the suggestions")
        widgets = _non_text(form)
        kinds = {type(w) for w in widgets}
        assert any(issubclass(k, Button) for k in kinds) or mode == "observations"
        assert any(issubclass(k, Select) for k in kinds)
        assert any(issubclass(k, AnswerChoice) for k in kinds) or mode != "observations"
        for widget in widgets:
            widget.focus()
            await pilot.pause()
            for key in KEYS:
                await pilot.press(key)
                await pilot.pause()
                where = f"{key!r} on {type(widget).__name__}"
                assert app.current_mode == mode, where
                assert app.screen is form, where
                assert len(app.screen_stack) == depth, where
        # The same with a dropdown open: its list takes the keys, nothing else.
        select = next(w for w in widgets if isinstance(w, Select))
        select.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert select.expanded
        for key in KEYS:
            await pilot.press(key)
            await pilot.pause()
            assert app.current_mode == mode and app.screen is form, f"{key!r} in an open list"
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is form
    assert len(demo_repo.all(model)) == before


# What each form action means, across the forms: one key, one meaning.
MEANINGS = {
    "save": "save",
    "leave": "leave",
    "add_row": "add a row",
    "add_member": "add a row",
    "add_talk": "add a row",
    "remove_row": "remove the row",
    "remove_member": "remove the row",
    "remove_talk": "remove the row",
    "fill_review": "fill in from the data",
    "guest": "add a guest",
}


def test_one_key_means_one_thing_in_every_form() -> None:
    from screens.meeting_form import MeetingFormScreen
    from screens.observation_form import ObservationFormScreen
    from screens.session_form import SessionFormScreen
    from screens.trial_form import TrialFormScreen

    meant: dict[str, set[str]] = {}
    for form in (ObservationFormScreen, TrialFormScreen, MeetingFormScreen, SessionFormScreen):
        for key, bindings in form._merge_bindings().key_to_bindings.items():
            for binding in bindings:
                meant.setdefault(key, set()).add(MEANINGS.get(binding.action, binding.action))
    assert {k: m for k, m in meant.items() if len(m) > 1} == {}
    assert meant["ctrl+r"] == meant["ctrl+delete"] == {"remove the row"}
    assert meant["ctrl+n"] == {"add a row"}
