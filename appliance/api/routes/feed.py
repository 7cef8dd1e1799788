"""GET /api/v1/feed: what happened to this device's tickets since a cursor, and the FAQ."""

from __future__ import annotations

from typing import Annotated

import apsw
from fastapi import APIRouter, Query

from appliance.api.deps import CallerDep
from appliance.api.routes.responses import errors
from appliance.store.faq import faq_version, public_articles
from appliance.store.feed import device_events
from sync.wire import FEED_PAGE_SIZE, FaqArticle, FeedEvent, FeedPage

router = APIRouter(tags=["feed"])


@router.get("/feed", response_model=FeedPage, responses=errors(401, 422, 429))
async def read_feed(
    caller: CallerDep,
    since: Annotated[int, Query(ge=0, description="the last seq seen; 0 for everything")] = 0,
    faq_version_seen: Annotated[
        str, Query(alias="faq_version", max_length=64, description="the FAQ version held")
    ] = "",
) -> FeedPage:
    """Number, status and reply events of this device's tickets after ``since``, oldest first."""
    device, state = caller.device, caller.state

    def read(conn: apsw.Connection) -> FeedPage:
        page = device_events(conn, device.device_id, since=since, limit=FEED_PAGE_SIZE)
        version = faq_version(conn)
        faq = None
        if version != faq_version_seen:
            faq = [
                FaqArticle(id=a.id, title=a.title, body=a.body, updated_at=a.updated_at)
                for a in public_articles(conn)
            ]
        return FeedPage(
            events=[
                FeedEvent(
                    seq=e.seq,
                    kind=e.kind,
                    at=e.at,
                    ticket_uuid=e.ticket_uuid,
                    ticket_number=e.ticket_number,
                    status=e.status,
                    text=e.text,
                    action_id=e.action_id,
                )
                for e in page.events
            ],
            next=page.next,
            more=page.more,
            faq_version=version,
            faq=faq,
        )

    return await state.ctx.store.read(read)
