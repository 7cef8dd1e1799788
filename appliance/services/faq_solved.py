"""LiveViewer's "this solved it — don't send": an employee found the answer in a cached public
article. The PC queues it with a uuid of its own and sends it at the next sync; the uuid makes a
resend count once."""

from __future__ import annotations

import apsw

from appliance.domain.clock import utc_now
from appliance.services.types import Store
from appliance.store import audit, faq_feedback


async def record_solved(store: Store, *, device_id: int, uuid: str, article_id: int) -> bool:
    """Count it (True), or nothing when this uuid was counted before (False)."""

    def write(conn: apsw.Connection) -> bool:
        counted = faq_feedback.record_solved(
            conn, uuid, article_id, device_id=device_id, now=utc_now()
        )
        if counted:
            audit.record(
                conn,
                user_id=None,
                action="faq.solved",
                object_type="faq_article",
                object_id=article_id,
                detail=f"device_id={device_id}",
                remote_addr="device",
            )
        return counted

    return await store.write(write)
