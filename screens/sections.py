"""The sections of the app: one mode each, reached by a number key or the menu."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    mode: str  # the App mode name, also the binding id "section-<mode>"
    key: str  # the key that opens it from anywhere
    title_key: str  # catalogue key of its name
    module: str  # where its screen lives, imported when first opened
    screen: str
    shown: str = ""  # how the key is written, when its name is not the key itself

    @property
    def key_display(self) -> str:
        return self.shown or self.key


SECTIONS: tuple[Section, ...] = (
    Section("dashboard", "1", "app.section_dashboard", "screens.dashboard", "DashboardScreen"),
    Section("lecturers", "2", "app.section_lecturers", "screens.lecturers", "LecturersScreen"),
    Section(
        "observations",
        "3",
        "app.section_observations",
        "screens.observations",
        "ObservationsScreen",
    ),
    Section("reviews", "4", "app.section_reviews", "screens.reviews", "ReviewsScreen"),
    Section("trials", "5", "app.section_trials", "screens.trials", "TrialsScreen"),
    Section("meetings", "6", "app.section_meetings", "screens.meetings", "MeetingsScreen"),
    Section("sessions", "7", "app.section_sessions", "screens.sessions", "SessionsScreen"),
    Section(
        "development", "8", "app.section_development", "screens.development", "DevelopmentScreen"
    ),
    Section("settings", "9", "app.section_settings", "screens.settings", "SettingsScreen"),
    Section("exchange", "0", "app.section_exchange", "screens.exchange", "ExchangeScreen"),
    # The digits are taken: the key after 0 on the number row.
    Section("classes", "minus", "app.section_classes", "screens.classes", "ClassesScreen", "-"),
    Section("plan", "equals_sign", "app.section_plan", "screens.plan", "PlanScreen", "="),
)
