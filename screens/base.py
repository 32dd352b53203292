"""The frame every section shares: header, read-only banner, menu, content, footer."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar, cast

from textual._context import active_app
from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen, Screen
from textual.widgets import Header
from textual.worker import Worker

from screens.localise import localise_bindings
from screens.sections import SECTIONS
from screens.widgets.banner import ReadOnlyBanner
from screens.widgets.footer import KeyFooter
from screens.widgets.menu import SectionMenu
from store.gcpause import keep_what_lives

if TYPE_CHECKING:
    from screens.app import GiangvienApp


def area_keys(area: str) -> Callable[..., Binding]:
    """``key(keys, action, name)`` for one area: description and tooltip are its catalogue keys."""

    def key(keys: str, action: str, name: str, **extra: Any) -> Binding:
        tip = f"{area}.key_{name}"
        return Binding(keys, action, tip, id=f"{area}-{name}", tooltip=f"{tip}_tip", **extra)

    return key


def breakpoint_classes(app: App[Any]) -> list[str]:
    """The classes of the app's breakpoints that fit its size, as Textual picks them."""
    width, height = app.size
    found = []
    for points, dimension in (
        (app.HORIZONTAL_BREAKPOINTS or [], width),
        (app.VERTICAL_BREAKPOINTS or [], height),
    ):
        fits = [name for at, name in sorted(points, reverse=True) if dimension >= at]
        found.extend(fits[:1])
    return found


class Localised:
    """Mixed into screens so their footer speaks the user's language.

    It also passes the state of the screen's own workers to the app, whose one
    handler says what failed (a worker's messages go to its screen only).
    """

    def _make_ready(self) -> None:
        """Called at the end of each screen's ``__init__``."""
        screen = cast(Screen[Any], self)
        localise_bindings(screen)
        # The width class (-narrow/-wide) Textual would add on the first resize, added
        # now: added later, it restyles every widget of the screen again (a form of
        # 500 widgets paid 0.1-0.2 s for it on each opening).
        with suppress(LookupError):
            screen.add_class(*breakpoint_classes(active_app.get()))

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        cast("GiangvienApp", cast(Screen[Any], self).app).worker_failed(event)


class SectionScreen(Screen[None], Localised):
    """A section of the app. Subclasses set SECTION and compose_content()."""

    SECTION = ""

    # The number keys belong to the sections themselves, not to the App: a form,
    # dialog or preview pushed over a section never sees them, so a digit typed
    # there (on a button, a checkbox, a dropdown) stays with that screen.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            s.key,
            f"app.section('{s.mode}')",
            s.title_key,
            id=f"section-{s.mode}",
            show=False,
            key_display=s.shown or None,
        )
        for s in SECTIONS
    ]

    def __init__(self) -> None:
        super().__init__()
        self._make_ready()

    @property
    def gv(self) -> GiangvienApp:
        return cast("GiangvienApp", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        yield ReadOnlyBanner(self.gv.repo.read_only_reason)
        with Horizontal(id="frame"):
            yield SectionMenu(self.SECTION)
            with Vertical(id="content"):
                yield from self.compose_content()
        yield KeyFooter()

    def compose_content(self) -> ComposeResult:
        raise NotImplementedError

    def on_mount(self) -> None:
        # Textual runs every on_mount of the class chain, subclass first: a
        # subclass sets up its widgets in its own on_mount and must not call
        # this one (it would read the data twice and watch twice).
        self._shown_version = self.gv.data_version
        self.watch(self.gv, "data_version", self._data_changed, init=False)
        self.refresh_data()
        self.call_after_refresh(keep_what_lives)  # this screen lives on, as a mode

    def _data_changed(self, version: int) -> None:
        # Textual also calls watchers when it initialises the app's reactives,
        # with the value already shown: only a real write needs a new read.
        if version == self._shown_version:
            return
        self._shown_version = version
        self.refresh_data()

    def refresh_data(self) -> None:
        """Show the stored records again; called on mount and after every write."""


ResultT = TypeVar("ResultT")


class Modal(ModalScreen[ResultT], Localised):
    """A modal dialog with translated bindings."""

    def __init__(self) -> None:
        super().__init__()
        self._make_ready()

    @property
    def gv(self) -> GiangvienApp:
        return cast("GiangvienApp", self.app)
