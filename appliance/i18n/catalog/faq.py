"""The FAQ: its pages, the editor, history, the ticket screen's FAQ card, the faq commands and
their errors."""

STRINGS: dict[str, dict[str, str]] = {
    # Errors (services, store, domain)
    "faq.error.org_unknown": {"ru": "Такой организации нет", "en": "No such organisation"},
    "faq.error.title_long": {
        "ru": "Заголовок длиннее {limit} символов",
        "en": "The title is longer than {limit} characters",
    },
    "faq.error.body_long": {
        "ru": "Текст статьи длиннее {limit} символов",
        "en": "The article is longer than {limit} characters",
    },
    "faq.error.stale": {
        "ru": "Статью уже сохранили в версии {version}, пока вы её правили",
        "en": "Someone saved version {version} of the article while you were editing it",
    },
    "faq.error.version_missing": {
        "ru": "Такой версии статьи нет",
        "en": "The article has no such version",
    },
    "faq.error.ticket_missing": {"ru": "Заявка не найдена", "en": "The ticket was not found"},
    "faq.error.needs_user": {
        "ru": "Черновик принадлежит пользователю: войдите в веб-интерфейс",
        "en": "A draft belongs to a user: sign in to the web interface",
    },
    "faq.error.image_large": {
        "ru": "Картинка больше {limit} МБ",
        "en": "The picture is larger than {limit} MB",
    },
    "faq.error.image_type": {
        "ru": "Это не картинка PNG, JPEG, WebP или GIF",
        "en": "This is not a PNG, JPEG, WebP or GIF picture",
    },
    "faq.error.no_folder": {"ru": "Папки {path} нет", "en": "There is no folder {path}"},
    "faq.error.too_many_files": {
        "ru": "Больше {limit} файлов за раз не импортируется",
        "en": "At most {limit} files are imported at once",
    },
    "faq.error.file_front_matter": {
        "ru": "{file}: файл должен начинаться с заголовка между строками «---»",
        "en": "{file}: the file must start with front matter between “---” lines",
    },
    "faq.error.file_key": {
        "ru": "{file}: непонятная строка заголовка «{line}»",
        "en": "{file}: front matter line “{line}” is not understood",
    },
    "faq.error.file_title": {"ru": "{file}: нет title", "en": "{file}: no title"},
    "faq.error.file_body": {"ru": "{file}: нет текста статьи", "en": "{file}: the body is empty"},
    "faq.error.file_image": {
        "ru": "{file}: картинки {image} нет рядом с файлом",
        "en": "{file}: picture {image} is not beside the file",
    },
    "faq.error.file_image_bad": {
        "ru": "{file}: картинка не читается или слишком большая",
        "en": "{file}: a picture cannot be read or is too large",
    },
    "faq.error.file_category": {
        "ru": "{file}: категории «{category}» нет",
        "en": "{file}: there is no category “{category}”",
    },
    "faq.error.file_org": {
        "ru": "{file}: организации «{org}» нет",
        "en": "{file}: there is no organisation “{org}”",
    },
    "faq.error.file_large": {"ru": "{file}: файл слишком большой", "en": "{file}: file too large"},
    "faq.error.file_encoding": {
        "ru": "{file}: файл не в UTF-8",
        "en": "{file}: the file is not UTF-8",
    },
    # Commands
    "faq.cli.imported": {
        "ru": "Импортировано: новых {created}, обновлено {updated}, без изменений {unchanged}",
        "en": "Imported: {created} new, {updated} updated, {unchanged} unchanged",
    },
    "faq.cli.exported": {
        "ru": "Выгружено статей: {count}, картинок: {images} в {path}",
        "en": "Exported {count} articles and {images} pictures to {path}",
    },
    "faq.cli.none": {"ru": "Ничего не найдено", "en": "Nothing found"},
    # Pages
    "faq.new": {"ru": "Новая статья", "en": "New article"},
    "faq.back": {"ru": "База знаний", "en": "FAQ"},
    "faq.back_to_article": {"ru": "К статье", "en": "Back to the article"},
    "faq.category": {"ru": "Категория", "en": "Category"},
    "faq.visibility": {"ru": "Кому видна", "en": "Visible to"},
    "faq.organisation": {"ru": "Организация", "en": "Organisation"},
    "faq.tag": {"ru": "Метка", "en": "Tag"},
    "faq.filter.any_category": {"ru": "Все категории", "en": "All categories"},
    "faq.filter.any_org": {"ru": "Все организации", "en": "All organisations"},
    "faq.filter.all": {"ru": "Все статьи", "en": "All articles"},
    "faq.filter.public": {"ru": "Видны клиентам", "en": "Visible to clients"},
    "faq.filter.internal": {"ru": "Для специалистов", "en": "Staff only"},
    "faq.for_all": {"ru": "для всех клиентов", "en": "for every client"},
    "faq.no_category": {"ru": "Без категории", "en": "No category"},
    "faq.helped_count": {"ru": "помогла: {count}", "en": "helped: {count}"},
    "faq.solved_count": {
        "ru": "решила без заявки: {count}",
        "en": "solved without a request: {count}",
    },
    "faq.views": {"ru": "просмотров: {count}", "en": "views: {count}"},
    "faq.written_by": {"ru": "автор: {name}", "en": "by {name}"},
    "faq.updated": {
        "ru": "изменена {at} (версия {version})",
        "en": "updated {at} (version {version})",
    },
    "faq.edit": {"ru": "Править", "en": "Edit"},
    "faq.history": {"ru": "История", "en": "History"},
    "faq.delete": {"ru": "Удалить", "en": "Delete"},
    "faq.delete_confirm": {
        "ru": "Удалить статью вместе с историей? Это не отменить.",
        "en": "Delete the article with its history? This cannot be undone.",
    },
    "faq.deleted": {"ru": "Статья удалена", "en": "The article was deleted"},
    "faq.cancel": {"ru": "Отмена", "en": "Cancel"},
    # Editor
    "faq.edit_title": {"ru": "Правка: {title}", "en": "Editing: {title}"},
    "faq.field.title": {"ru": "Заголовок", "en": "Title"},
    "faq.field.body": {
        "ru": "Текст (Markdown; картинку можно вставить из буфера)",
        "en": "Text (Markdown; paste a picture from the clipboard)",
    },
    "faq.field.tags": {"ru": "Метки через запятую", "en": "Tags, comma separated"},
    "faq.field.public": {
        "ru": "Видна клиентам (LiveViewer)",
        "en": "Visible to clients (LiveViewer)",
    },
    "faq.preview": {"ru": "Как увидят читатели", "en": "What readers will see"},
    "faq.image_upload": {"ru": "Добавить картинку", "en": "Add a picture"},
    "faq.image_hint": {
        "ru": "PNG, JPEG, WebP, GIF до 10 МБ",
        "en": "PNG, JPEG, WebP, GIF up to 10 MB",
    },
    "faq.save": {"ru": "Сохранить", "en": "Save"},
    "faq.saved": {"ru": "Статья сохранена", "en": "The article was saved"},
    "faq.draft_saved": {"ru": "Черновик сохранён {at}", "en": "Draft saved at {at}"},
    "faq.draft_restored": {
        "ru": "Открыт ваш черновик от {at}: он ещё не опубликован",
        "en": "Your draft of {at} is open: it is not published yet",
    },
    "faq.conflict": {
        "ru": "Пока вы правили, статью сохранили в версии {version}. Ваш текст не потерян: он"
        " здесь и в черновике. Посмотрите, что изменилось, перенесите нужное и сохраните снова.",
        "en": "While you were editing, someone saved version {version}. Your text is not lost:"
        " it is here and in your draft. See what changed, carry over what is needed, and save"
        " again.",
    },
    "faq.rebase": {
        "ru": "Сохранять поверх новой версии",
        "en": "Save over the new version",
    },
    "faq.rebased": {
        "ru": "Следующее сохранение заменит версию {version} вашим текстом",
        "en": "The next save replaces version {version} with your text",
    },
    "faq.see_history": {"ru": "Что изменилось", "en": "What changed"},
    # History
    "faq.history_title": {"ru": "История: {title}", "en": "History: {title}"},
    "faq.version": {"ru": "Версия {version}", "en": "Version {version}"},
    "faq.restored_from": {
        "ru": "восстановлена из версии {version}",
        "en": "restored from {version}",
    },
    "faq.restore": {"ru": "Восстановить", "en": "Restore"},
    "faq.restored": {
        "ru": "Версия {version} восстановлена как версия {new}",
        "en": "Version {version} was restored as version {new}",
    },
    "faq.diff_title": {
        "ru": "Изменения версии {new} относительно {old}",
        "en": "What version {new} changed from {old}",
    },
    "faq.first_version": {"ru": "Первая версия статьи", "en": "The article's first version"},
    "faq.no_changes": {"ru": "Текст не менялся", "en": "The text did not change"},
    # Ticket screen
    "faq.no_match": {
        "ru": "Подходящих статей не нашлось",
        "en": "No article matches this ticket",
    },
    "faq.helped": {"ru": "Это помогло", "en": "This helped"},
    "faq.helped_done": {"ru": "помогло с этой заявкой", "en": "helped with this ticket"},
    "faq.helped_noted": {
        "ru": "Отмечено: «{title}» помогла",
        "en": "Noted: “{title}” helped",
    },
    "faq.open": {"ru": "Открыть статью", "en": "Open the article"},
    "faq.from_ticket": {"ru": "Сделать статью из заявки", "en": "Make an article from this ticket"},
}
