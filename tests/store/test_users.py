"""Users in the store: rows mapped by column name, flags read back as booleans."""

from __future__ import annotations

from appliance.store import Store
from appliance.store.users import (
    create_user,
    find_user,
    get_user,
    list_users,
    login_record,
    password_hash_of,
    record_failed_login,
    set_active,
    set_can_reveal_credentials,
    set_notify,
)


def test_a_user_reads_back_field_by_field(store: Store) -> None:
    def seed(conn):
        user_id = create_user(
            conn,
            login="petrova",
            password_hash="hash",
            role="manager",
            full_name="Мария Петрова",
            email="p@example.com",
            lang="en",
        )
        create_user(conn, login="adam", password_hash="x", role="admin")
        set_can_reveal_credentials(conn, user_id, True)
        set_notify(conn, user_id, sound=False, browser=True)
        set_active(conn, user_id, False)
        record_failed_login(conn, user_id, "2030-01-01T00:00:00.000000Z")
        return user_id

    user_id = store.write_sync(seed)
    user = store.read_sync(lambda conn: get_user(conn, user_id))
    assert user is not None
    assert (user.login, user.full_name, user.email, user.role, user.lang) == (
        "petrova",
        "Мария Петрова",
        "p@example.com",
        "manager",
        "en",
    )
    assert (user.active, user.can_reveal_credentials, user.notify_sound, user.notify_browser) == (
        False,
        True,
        False,
        True,
    )
    assert store.read_sync(lambda conn: find_user(conn, "petrova")) == user
    assert [u.login for u in store.read_sync(list_users)] == ["adam", "petrova"]
    record = store.read_sync(lambda conn: login_record(conn, "petrova"))
    assert record is not None
    assert (record.id, record.password_hash, record.active, record.failed_logins) == (
        user_id,
        "hash",
        False,
        1,
    )
    assert store.read_sync(lambda conn: password_hash_of(conn, "petrova")) == (
        user_id,
        "hash",
        False,
    )
    assert store.read_sync(lambda conn: login_record(conn, "nobody")) is None
