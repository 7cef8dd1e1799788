"""GET /api/v1/feed: what happened to this device's tickets since a cursor, and the FAQ."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from appliance.api.deps import CallerDep
from appliance.api.routes.responses import errors
from appliance.services.devices import read_feed as device_feed
from sync.wire import FEED_PAGE_SIZE, MAX_INT64, FaqArticle, FeedEvent, FeedPage

router = APIRouter(tags=["feed"])


@router.get("/feed", response_model=FeedPage, responses=errors(401, 422, 429))
async def read_feed(
    caller: CallerDep,
    since: Annotated[
        int, Query(ge=0, le=MAX_INT64, description="the last seq seen; 0 for everything")
    ] = 0,
    faq_version_seen: Annotated[
        str, Query(alias="faq_version", max_length=64, description="the FAQ version held")
    ] = "",
) -> FeedPage:
    """Number, status and reply events of this device's tickets after ``since``, oldest first."""
    feed = await device_feed(
        caller.state.ctx.store,
        caller.device.device_id,
        since=since,
        limit=FEED_PAGE_SIZE,
        faq_version_seen=faq_version_seen,
    )
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
            for e in feed.events
        ],
        next=feed.next,
        more=feed.more,
        faq_version=feed.faq_version,
        faq=None
        if feed.faq is None
        else [
            FaqArticle(
                id=a.id, title=a.title, body=a.body, updated_at=a.updated_at, tags=list(a.tags)
            )
            for a in feed.faq
        ],
    )
