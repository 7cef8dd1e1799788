"""``/faq``: the knowledge base. Without a query: by category, the most helpful first; with
``?q=``: the best matches of a search (``sync.faq_match``: Russian and English stems, substrings,
typos; title hits first). Filters: category, visibility, organisation, tag (all in the address,
so a filtered list can be shared).

Test markers: ``faq-search``, ``faq-article``, ``faq-found``, ``faq-new``, ``faq-filter-*``,
``faq-group``.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlencode

from nicegui import ui

from appliance.domain.faq_text import plain_text
from appliance.domain.permissions import Permission
from appliance.services import faq
from appliance.services.faq import Article, Filters
from appliance.ui.common.format import when
from appliance.ui.common.frame import frame
from appliance.ui.common.guard import require_user
from appliance.ui.common.session import Session

SHOWN = 200
_VISIBILITY = ("all", "public", "internal")


def _int(text: str) -> int | None:
    return int(text) if text.isdigit() else None


def register() -> None:
    @ui.page("/faq")
    @require_user(Permission.VIEW_FAQ)
    async def faq_page(
        session: Session, q: str = "", cat: str = "", vis: str = "", org: str = "", tag: str = ""
    ) -> None:
        filters = Filters(
            category_id=_int(cat),
            public={"public": True, "internal": False}.get(vis),
            org_id=_int(org) if org != "all-clients" else None,
            for_all=org == "all-clients",
            tag=tag.strip()[:40],
        )
        page = await faq.faq_page(
            session.store, session.actor, query=q, filters=filters, limit=SHOWN
        )
        options = await faq.choices(session.store, session.actor)
        state = {"q": page.query, "cat": cat, "vis": vis, "org": org, "tag": filters.tag}

        def go(**changes: str) -> None:
            state.update(changes)
            query = {k: v for k, v in state.items() if v}
            ui.navigate.to("/faq" + (f"?{urlencode(query)}" if query else ""))

        with frame(session, active="faq", title=session.t("shell.faq.title")):
            with ui.row().classes("items-center gap-2 w-full"):
                box = (
                    ui.input(
                        placeholder=session.t("shell.faq.search.placeholder"), value=page.query
                    )
                    .props("outlined dense clearable")
                    .classes("w-96")
                    .mark("faq-search")
                )
                box.on("keydown.enter", lambda: go(q=(box.value or "").strip()))
                ui.button(
                    session.t("shell.faq.search.button"),
                    icon="search",
                    on_click=lambda: go(q=(box.value or "").strip()),
                ).props("unelevated no-caps")
                ui.space()
                if session.may(Permission.MANAGE_FAQ):
                    ui.button(
                        session.t("faq.new"),
                        icon="add",
                        on_click=lambda: ui.navigate.to("/faq/new"),
                    ).props("unelevated no-caps color=primary").mark("faq-new")
            _filters(session, options, state, go)
            if page.query:
                summary = session.t("shell.faq.found", query=page.query, count=len(page.articles))
            else:
                summary = session.t("shell.faq.total", count=page.total)
            ui.label(summary).classes("text-body2 text-grey-8").mark("faq-found")
            if not page.articles:
                ui.label(session.t("shell.faq.none")).classes("text-body2 text-grey-7")
            tz = session.ctx.settings.time_zone
            if page.query:
                with ui.column().classes("w-full gap-1"):
                    for article in page.articles:
                        _row(session, article, tz)
            else:
                _by_category(session, page.articles, tz)


def _filters(
    session: Session, options: faq.Choices, state: dict[str, str], go: Callable[..., None]
) -> None:
    t = session.t
    with ui.row().classes("items-center gap-2 w-full"):
        cats = {
            "": t("faq.filter.any_category"),
            **{str(i): label for i, label in options.categories},
        }
        ui.select(
            cats,
            value=state["cat"] if state["cat"] in cats else "",
            label=t("faq.category"),
            on_change=lambda e: go(cat=e.value or ""),
        ).props("outlined dense options-dense").classes("w-64").mark("faq-filter-category")
        vis = {v: t(f"faq.filter.{v}") for v in _VISIBILITY}
        ui.select(
            vis,
            value=state["vis"] or "all",
            label=t("faq.visibility"),
            on_change=lambda e: go(vis="" if e.value == "all" else e.value),
        ).props("outlined dense options-dense").classes("w-48").mark("faq-filter-visibility")
        orgs = {
            "": t("faq.filter.any_org"),
            "all-clients": t("faq.for_all"),
            **{str(i): name for i, name in options.organisations},
        }
        ui.select(
            orgs,
            value=state["org"] if state["org"] in orgs else "",
            label=t("faq.organisation"),
            on_change=lambda e: go(org=e.value or ""),
        ).props("outlined dense options-dense").classes("w-56").mark("faq-filter-org")
        tag = (
            ui.input(t("faq.tag"), value=state["tag"])
            .props("outlined dense clearable")
            .classes("w-40")
            .mark("faq-filter-tag")
        )
        tag.on("keydown.enter", lambda: go(tag=(tag.value or "").strip()))


def _by_category(session: Session, articles: list[Article], tz: str) -> None:
    """Groups in the order of their most helpful article; "no category" last."""
    groups: dict[str, list[Article]] = {}
    for article in articles:
        groups.setdefault(article.category or "", []).append(article)
    for label, members in sorted(groups.items(), key=lambda g: g[0] == ""):
        with ui.column().classes("w-full gap-1").mark("faq-group"):
            ui.label(label or session.t("faq.no_category")).classes(
                "text-subtitle1 text-weight-medium text-grey-9 q-mt-sm"
            )
            for article in members:
                _row(session, article, tz)


def _row(session: Session, article: Article, tz: str) -> None:
    t = session.t
    caption = " · ".join(
        part
        for part in (
            article.category,
            t("shell.faq.public") if article.public else t("shell.faq.internal"),
            article.org_name or t("faq.for_all"),
            when(article.updated_at, tz),
            t("faq.helped_count", count=article.helped_count + article.solved_count),
            t("faq.views", count=article.view_count),
        )
        if part
    )
    with (
        ui.card()
        .props("flat bordered")
        .classes("w-full px-3 py-2 gap-0 cursor-pointer hover:bg-blue-grey-1")
        .on("click", lambda: ui.navigate.to(f"/faq/{article.id}"))
        .mark("faq-article")
    ):
        with ui.row().classes("items-center gap-2 no-wrap"):
            ui.icon("public" if article.public else "lock", color="grey-7", size="xs")
            ui.link(article.title, f"/faq/{article.id}").classes(
                "text-body1 text-primary no-underline"
            )
            for tag in article.tags:
                ui.badge(tag, color="blue-grey-1", text_color="blue-grey-9").props("rounded")
        ui.label(_excerpt(article.body)).classes("text-body2 text-grey-8 ellipsis-2-lines")
        ui.label(caption).classes("text-caption text-grey-7")


EXCERPT = 220


def _excerpt(markdown: str) -> str:
    """The first words of the body as plain text (shown with a label: never HTML)."""
    text = plain_text(markdown[: EXCERPT * 20])
    return text if len(text) <= EXCERPT else text[:EXCERPT].rsplit(" ", 1)[0] + "…"
