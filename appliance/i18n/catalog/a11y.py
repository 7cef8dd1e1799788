"""Names for screen readers and keyboard users: the skip link, landmarks, icon-only buttons."""

STRINGS: dict[str, dict[str, str]] = {
    "shell.skip_to_content": {"ru": "Перейти к содержимому", "en": "Skip to content"},
    "shell.nav.label": {"ru": "Разделы", "en": "Sections"},
    "shell.lang.label": {"ru": "Язык интерфейса", "en": "Interface language"},
    "a11y.viewer.zoom_in": {"ru": "Увеличить", "en": "Zoom in"},
    "a11y.viewer.zoom_out": {"ru": "Уменьшить", "en": "Zoom out"},
    "a11y.close": {"ru": "Закрыть", "en": "Close"},
    "a11y.remove_day": {"ru": "Удалить день {day}", "en": "Remove {day}"},
    "a11y.upload_file": {"ru": "Выбрать файл", "en": "Choose a file"},
}
