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
    # trials (5) and briefing sessions (7): add here when their screen exists
    # meetings (6): add here when its screen exists
    # development (8): add here when its screen exists
    Section("settings", "9", "app.section_settings", "screens.settings", "SettingsScreen"),
)
