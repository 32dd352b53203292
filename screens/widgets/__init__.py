"""Reusable widgets: section menu, labelled fields, date field, pickers, rubric scorer."""
