"""Days and times typed by people: the shapes accepted, and the years the portal holds."""

from collections.abc import Iterable
from datetime import datetime
from zoneinfo import ZoneInfo

# Far inside datetime's years 1-9999, so that moving between Asia/Ho_Chi_Minh and UTC,
# or adding the day that ends a date filter, can never overflow.
FIRST_YEAR, LAST_YEAR = 1900, 2200
DAY_FORMATS = ("%d/%m/%Y", "%Y-%m-%d")
MOMENT_FORMATS = ("%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%d/%m/%Y %H:%M", "%d/%m/%Y")


def read_local(raw: str, formats: Iterable[str], timezone: str) -> datetime:
    """Read the text with the first format that fits, as a time in the given zone.

    This is the one place a typed date is checked against FIRST_YEAR..LAST_YEAR.

    Raises:
        ValueError: no format fits, or the year lies outside the range.
    """
    for fmt in formats:
        try:
            moment = datetime.strptime(raw, fmt)
        except ValueError:
            continue
        if not FIRST_YEAR <= moment.year <= LAST_YEAR:
            raise ValueError(f"year {moment.year} outside {FIRST_YEAR}-{LAST_YEAR}")
        return moment.replace(tzinfo=ZoneInfo(timezone))
    raise ValueError(f"not a date: {raw[:40]!r}")


def parse_local_datetime(raw: str | None, timezone: str) -> datetime | None:
    """Read "2026-03-02T08:30" or "02/03/2026 08:30" as a time in the zone; None when blank.

    Raises:
        ValueError: the text is not a date in one of MOMENT_FORMATS, or its year is out of range.
    """
    raw = (raw or "").strip()
    return read_local(raw, MOMENT_FORMATS, timezone) if raw else None


def parse_day(raw: str | None, timezone: str) -> datetime | None:
    """A dd/mm/yyyy (or yyyy-mm-dd) day as the start of that day in the zone; None if not a day in range."""
    try:
        return read_local((raw or "").strip()[:20], DAY_FORMATS, timezone)
    except ValueError:
        return None
