"""Times, durations and sizes: one wording everywhere (``appliance.ui.common.format``)."""

STRINGS: dict[str, dict[str, str]] = {
    "format.duration.days": {"ru": "{d} д {h} ч", "en": "{d} d {h} h"},
    "format.duration.days_only": {"ru": "{d} д", "en": "{d} d"},
    "format.duration.hours": {"ru": "{h} ч {m:02d} мин", "en": "{h} h {m:02d} min"},
    "format.duration.minutes": {"ru": "{m} мин", "en": "{m} min"},
    "format.duration.minutes_seconds": {"ru": "{m} мин {s:02d} с", "en": "{m} min {s:02d} s"},
    "format.duration.seconds": {"ru": "{s} с", "en": "{s} s"},
    "format.ago.now": {"ru": "только что", "en": "just now"},
    "format.ago.minutes": {"ru": "{n} мин назад", "en": "{n} min ago"},
    "format.ago.hours": {"ru": "{n} ч назад", "en": "{n} h ago"},
    "format.ago.days": {"ru": "{n} дн назад", "en": "{n} d ago"},
    "format.size.gib": {"ru": "{n} ГиБ", "en": "{n} GiB"},
    "format.size.mib": {"ru": "{n} МиБ", "en": "{n} MiB"},
}
