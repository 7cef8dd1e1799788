"""Types the callers of services name in annotations."""

from appliance.store.db import Store

__all__ = ["Store"]
