"""Every record giangvien stores, as pydantic models."""

from giangvien.models.base import Part, Record, new_id, now
from giangvien.models.briefing import Briefing, Form, Level, Talk
from giangvien.models.follow_up import Acted, SuggestionCheck
from giangvien.models.history import Action, FieldChange, HistoryEntry
from giangvien.models.lecturer import LEADER_POSITIONS, Employment, Lecturer, Position
from giangvien.models.meeting import ContentUpdate, Meeting, Remark, Task
from giangvien.models.observation import Observation, OwnPart, Recorded
from giangvien.models.parts import Attendance, PersonRef, Presence
from giangvien.models.plan import PlanEntry, PlanTarget, plan_id
from giangvien.models.settings import SETTINGS_ID, Layout, NormKind, Settings, TeachingNorm
from giangvien.models.training import (
    ClassLesson,
    Conference,
    ConferenceKind,
    FieldTrip,
    TrainingClass,
)
from giangvien.models.trial import PanelMember, Trial, Verdict

# Table name in the data file and the interchange format -> the model it holds.
# Rubrics live in giangvien.rubric (they are data about scoring, not events).
TABLES: dict[str, type[Record]] = {
    "settings": Settings,
    "lecturers": Lecturer,
    "observations": Observation,
    "trials": Trial,
    "meetings": Meeting,
    "sessions": Briefing,
    "history": HistoryEntry,
    "classes": TrainingClass,
    "conferences": Conference,
    "plans": PlanEntry,
}

__all__ = [
    "LEADER_POSITIONS",
    "SETTINGS_ID",
    "TABLES",
    "Acted",
    "Action",
    "Attendance",
    "Briefing",
    "ClassLesson",
    "Conference",
    "ConferenceKind",
    "ContentUpdate",
    "Employment",
    "FieldChange",
    "FieldTrip",
    "Form",
    "HistoryEntry",
    "Layout",
    "Lecturer",
    "Level",
    "Meeting",
    "NormKind",
    "Observation",
    "OwnPart",
    "PanelMember",
    "Part",
    "PersonRef",
    "PlanEntry",
    "PlanTarget",
    "Position",
    "Presence",
    "Record",
    "Recorded",
    "Remark",
    "Settings",
    "SuggestionCheck",
    "Talk",
    "Task",
    "TeachingNorm",
    "TrainingClass",
    "Trial",
    "Verdict",
    "new_id",
    "now",
    "plan_id",
]
