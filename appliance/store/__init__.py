"""The encrypted store: connection set-up, key file, migrations, and one module of queries per
aggregate. Import ``Store`` from here."""

from appliance.store.connection import DEFAULT_CIPHER, StoreOpenError
from appliance.store.db import Store
from appliance.store.keys import KeyFileError, StoreKey

__all__ = ["DEFAULT_CIPHER", "KeyFileError", "Store", "StoreKey", "StoreOpenError"]
