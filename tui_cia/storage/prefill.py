"""A new record's answers from the work context: the round, a survey date inside the round's
survey period, and the area worked (province, amphoe, tambon and village, down the cascade)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tui_cia.storage.settings import WorkContext

if TYPE_CHECKING:
    from tui_cia.survey import Form, FormSession
    from tui_cia.survey.schema import Field


def area_chain(form: Form) -> list[Field]:
    """The area fields from the top of the cascade down to the form's area field (province,
    amphoe, tambon, village), followed up through each one's `choice_filter`."""
    from tui_cia.survey.schema import Field

    chain: list[Field] = []
    item = form.items.get(form.settings.area or "")
    while isinstance(item, Field) and item.choices is not None and item not in chain:
        chain.insert(0, item)
        refs = sorted(item.choice_filter.refs) if item.choice_filter is not None else []
        parents = [form.items.get(name) for name in refs]
        item = next((p for p in parents if isinstance(p, Field) and p.choices), None)
    return chain


def area_values(chain: list[Field], code: str) -> dict[str, str]:
    """The answers that put a record in area `code` (a tambon or a village of the chain's
    lists): the field that lists it and every field above it. Empty if no list has it."""
    level = next((i for i, f in enumerate(chain) if f.choices and code in f.choices.by_value), -1)
    if level < 0:
        return {}
    values = {chain[level].name: code}
    child, value = chain[level], code
    for parent in reversed(chain[:level]):
        assert child.choices is not None and parent.choices is not None
        columns = child.choices.by_value[value].columns
        # The column of the parent's code is named as the parent field (tambon, amphoe, …).
        up = str(columns.get(parent.name, ""))
        if up not in parent.choices.by_value:
            break
        values[parent.name] = value = up
        child = parent
    return values


def survey_date_field(form: Form) -> Field | None:
    """The survey date: the form's first date outside a roster (birth dates are inside)."""
    return next((f for f in form.fields() if f.type == "date" and f.repeat is None), None)


def prefill(session: FormSession, context: WorkContext | None) -> None:
    """Fill a new record's round, survey date and area from `context`; an answer the form
    refuses (a round out of its range, a date after today) keeps the form's own default."""
    if context is None:
        return
    form = session.form
    if context.round and form.settings.round:
        _put(session, form.settings.round, context.round)  # before the date, checked by it
    date_field = survey_date_field(form)
    day = context.survey_date(session.today)
    if date_field is not None and day is not None:
        _put(session, date_field.name, day)
    if context.area:
        _put_area(session, context.area)


def _put_area(session: FormSession, code: str) -> None:
    chain = area_chain(session.form)
    wanted = area_values(chain, code)
    if not wanted:
        return
    for item in chain:  # top down: each list is filtered by the answer above it
        if item.name in wanted:
            _put(session, item.name, wanted[item.name])
        elif not _fits(session, item.name):  # carried from a record of another area
            _put(session, item.name, None)


def _fits(session: FormSession, name: str) -> bool:
    from tui_cia.survey import validate

    item, holder = session.field_at((name,))
    return validate.check_answer(session, item, holder, holder.values.get(name)) is None


def _put(session: FormSession, name: str, value: Any) -> bool:
    """Store `value` if the field's checks take it. A failing `warn` does not stop it: it is
    left unconfirmed, so the entry screen and F10 still ask the keyer."""
    from tui_cia.survey import validate

    item, holder = session.field_at((name,))
    if validate.check_answer(session, item, holder, value) is not None:
        return False
    session.store(item, holder, value)
    session.confirmed.discard(name)
    return True
