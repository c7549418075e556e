"""Options of a <select>: WTForms 3.3 wants SelectChoice objects, not (value, label) tuples."""

from collections.abc import Iterable

from wtforms.fields.choices import SelectChoice


def select_choices(pairs: Iterable[tuple[object, object]]) -> list[SelectChoice]:
    """WTForms options from (value, label) pairs; labels may be lazy translations."""
    return [SelectChoice(value, label) for value, label in pairs]  # type: ignore[arg-type]


def choice_values(choices: Iterable[SelectChoice]) -> set[object]:
    """The values a select offers."""
    return {choice.value for choice in choices}
