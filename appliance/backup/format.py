"""The backup file: a header, then the body sealed in chunks (docs/backup-format.md).

    magic "TKTNBKUP"  | fixed header (bound as associated data to every chunk)
    version u16, cipher u8, chunk size u32, backup id 16 bytes
    key slot: kdf u8, time u32, memory KiB u32, lanes u8, salt 16, wrap nonce 12, wrapped key 48
    SHA-256 of all the above (tells a damaged header from a wrong passphrase)
    chunks: u32 length + AES-256-GCM(data key, nonce = counter u64 || last u32, ad = fixed header)

The data key is random per backup and wrapped (AES-256-GCM) by Argon2id(passphrase, salt). The
key slot has a fixed size, so a new passphrase rewrites 110 bytes in place and no chunk changes.
"""

from __future__ import annotations

import hashlib
import os
import secrets
import struct
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import BinaryIO

from argon2.low_level import Type, hash_secret_raw
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from appliance.domain.errors import InvalidInput, Unavailable

MAGIC = b"TKTNBKUP"
FORMAT_VERSION = 1
CIPHER_AES256_GCM = 1
KDF_ARGON2ID = 1
CHUNK_SIZE = 1024 * 1024
# Argon2id for a passphrase typed once per backup: RFC 9106's second recommended set, about
# half a second and 64 MiB on the box.
KDF_TIME_COST = 3
KDF_MEMORY_KIB = 64 * 1024
KDF_LANES = 4
# Refuse absurd parameters from a file before spending memory on them.
MAX_KDF_MEMORY_KIB = 4 * 1024 * 1024
MAX_KDF_TIME_COST = 64
MAX_CHUNK_SIZE = 64 * 1024 * 1024

_FIXED = struct.Struct(">8sHBI16s")  # magic, version, cipher, chunk size, backup id
_SLOT = struct.Struct(">BIIB16s12s48s")  # kdf, time, memory, lanes, salt, nonce, wrapped key
_LEN = struct.Struct(">I")
HEADER_SIZE = _FIXED.size + _SLOT.size + 32
TAG_SIZE = 16
_WRAP_AD = b"tiketnitsa backup key slot"


class BackupError(InvalidInput):
    """The backup file cannot be used: the key says why (wrong passphrase, damaged...)."""


class NoSpace(Unavailable):
    """The disk is full."""


@dataclass(frozen=True)
class KdfParams:
    time_cost: int = KDF_TIME_COST
    memory_kib: int = KDF_MEMORY_KIB
    lanes: int = KDF_LANES
    salt: bytes = b""

    def derive(self, passphrase: str) -> bytes:
        return hash_secret_raw(
            passphrase.encode("utf-8"),
            self.salt,
            time_cost=self.time_cost,
            memory_cost=self.memory_kib,
            parallelism=self.lanes,
            hash_len=32,
            type=Type.ID,
        )

    @classmethod
    def fresh(cls) -> KdfParams:
        return cls(salt=secrets.token_bytes(16))


@dataclass(frozen=True)
class WrappingKey:
    """A key derived from the passphrase, and the parameters that derived it. Kept by the
    scheduler (in the store) so that unattended backups need no passphrase typed."""

    kdf: KdfParams
    key: bytes

    def __repr__(self) -> str:
        return "WrappingKey(<hidden>)"

    @classmethod
    def from_passphrase(cls, passphrase: str, kdf: KdfParams | None = None) -> WrappingKey:
        kdf = kdf or KdfParams.fresh()
        return cls(kdf=kdf, key=kdf.derive(passphrase))


@dataclass(frozen=True)
class Header:
    version: int
    chunk_size: int
    backup_id: bytes
    kdf: KdfParams
    wrap_nonce: bytes
    wrapped_key: bytes

    def fixed_bytes(self) -> bytes:
        return _FIXED.pack(MAGIC, self.version, CIPHER_AES256_GCM, self.chunk_size, self.backup_id)

    def slot_bytes(self) -> bytes:
        k = self.kdf
        return _SLOT.pack(
            KDF_ARGON2ID,
            k.time_cost,
            k.memory_kib,
            k.lanes,
            k.salt,
            self.wrap_nonce,
            self.wrapped_key,
        )

    def to_bytes(self) -> bytes:
        body = self.fixed_bytes() + self.slot_bytes()
        return body + hashlib.sha256(body).digest()

    def unwrap(self, wrapping: WrappingKey) -> bytes:
        try:
            return AESGCM(wrapping.key).decrypt(
                self.wrap_nonce, self.wrapped_key, _WRAP_AD + self.fixed_bytes()
            )
        except InvalidTag:
            raise BackupError("backup.wrong_passphrase") from None

    def rewrapped(self, data_key: bytes, wrapping: WrappingKey) -> Header:
        nonce = secrets.token_bytes(12)
        wrapped = AESGCM(wrapping.key).encrypt(nonce, data_key, _WRAP_AD + self.fixed_bytes())
        return Header(self.version, self.chunk_size, self.backup_id, wrapping.kdf, nonce, wrapped)


def new_header(wrapping: WrappingKey, *, chunk_size: int = CHUNK_SIZE) -> tuple[Header, bytes]:
    """A header for a new backup and its fresh random data key."""
    data_key = AESGCM.generate_key(bit_length=256)
    blank = Header(FORMAT_VERSION, chunk_size, secrets.token_bytes(16), wrapping.kdf, b"", b"")
    return blank.rewrapped(data_key, wrapping), data_key


def parse_header(raw: bytes) -> Header:
    """The header from the file's first bytes, or the sentence for what is wrong with it."""
    if len(raw) < _FIXED.size or not raw.startswith(MAGIC):
        if len(raw) < len(MAGIC) and MAGIC.startswith(raw):
            raise BackupError("backup.truncated")
        raise BackupError("backup.not_a_backup")
    _, version, cipher, chunk_size, backup_id = _FIXED.unpack_from(raw)
    if version > FORMAT_VERSION:
        raise BackupError("backup.newer_format", version=version)
    if len(raw) < HEADER_SIZE:
        raise BackupError("backup.truncated")
    body, digest = raw[: HEADER_SIZE - 32], raw[HEADER_SIZE - 32 : HEADER_SIZE]
    if hashlib.sha256(body).digest() != digest:
        raise BackupError("backup.damaged_header")
    kdf, time_cost, memory, lanes, salt, nonce, wrapped = _SLOT.unpack_from(raw, _FIXED.size)
    sane = (
        version == FORMAT_VERSION
        and cipher == CIPHER_AES256_GCM
        and kdf == KDF_ARGON2ID
        and 0 < chunk_size <= MAX_CHUNK_SIZE
        and 0 < time_cost <= MAX_KDF_TIME_COST
        and 8 <= memory <= MAX_KDF_MEMORY_KIB
        and lanes > 0
    )
    if not sane:
        raise BackupError("backup.damaged_header")
    return Header(
        version, chunk_size, backup_id, KdfParams(time_cost, memory, lanes, salt), nonce, wrapped
    )


def read_header(source: BinaryIO) -> Header:
    return parse_header(source.read(HEADER_SIZE))


def _nonce(counter: int, last: bool) -> bytes:
    return struct.pack(">QI", counter, 1 if last else 0)


# Chunks are sealed and opened on this many threads (AES-GCM releases the GIL for a 1 MiB chunk),
# with at most twice as many in flight: the file is written and read in order.
WORKERS = 2
_DEPTH = 2 * WORKERS


class ChunkWriter:
    """Seals a byte stream into chunks of ``chunk_size``; ``close`` seals the last one (which
    may be empty), so a file cut at a chunk boundary still lacks its last-chunk flag.

    A chunk is sealed only once it is known whether more follows (the last-chunk flag), on
    ``WORKERS`` threads, and written in order. Data written in whole chunks (the snapshot is read
    that way) is sealed without being copied, so it must not change after ``write``."""

    def __init__(
        self, out: BinaryIO, header: Header, data_key: bytes, *, workers: int = WORKERS
    ) -> None:
        self._out = out
        self._aead = AESGCM(data_key)
        self._ad = header.fixed_bytes()
        self._size = header.chunk_size
        self._part = bytearray()  # less than a chunk
        self._full: bytes | memoryview | None = None  # a whole chunk, sealed when more comes
        self._counter = 0
        self._pool = ThreadPoolExecutor(workers) if workers > 1 else None
        self._inflight: deque[Future[bytes]] = deque()
        out.write(header.to_bytes())

    def __enter__(self) -> ChunkWriter:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)

    def write(self, data: bytes | memoryview) -> None:
        view = memoryview(data)
        while view:
            if self._full is not None:  # more data follows: the held chunk is not the last
                self._seal(self._full, last=False)
                self._full = None
            if self._part:
                take = self._size - len(self._part)
                self._part += view[:take]
                view = view[take:]
                if len(self._part) == self._size:
                    self._full = bytes(self._part)
                    self._part.clear()
            elif len(view) >= self._size:
                self._full = view[: self._size]
                view = view[self._size :]
            else:
                self._part += view
                break

    def _seal(self, plain: bytes | memoryview, *, last: bool) -> None:
        nonce = _nonce(self._counter, last)
        self._counter += 1
        if self._pool is None:
            self._emit(self._aead.encrypt(nonce, plain, self._ad))
            return
        self._inflight.append(self._pool.submit(self._aead.encrypt, nonce, plain, self._ad))
        while len(self._inflight) > _DEPTH:
            self._emit(self._inflight.popleft().result())

    def _emit(self, sealed: bytes) -> None:
        self._out.write(_LEN.pack(len(sealed)))
        self._out.write(sealed)

    def close(self) -> None:
        self._seal(self._full if self._full is not None else bytes(self._part), last=True)
        self._full = None
        self._part.clear()
        while self._inflight:
            self._emit(self._inflight.popleft().result())
        if self._pool is not None:
            self._pool.shutdown(wait=True)


def read_chunks(
    source: BinaryIO,
    header: Header,
    data_key: bytes,
    *,
    progress: Callable[[int], None] | None = None,
    workers: int = WORKERS,
) -> Iterator[bytes]:
    """The plaintext chunks in order, each authenticated. Raises ``BackupError`` on the first
    chunk that is damaged, out of place, missing (truncation) or followed by anything.

    Chunks are read ahead and opened on ``workers`` threads; every verdict is still given in the
    file's order (a fault found ahead is raised only when its place is reached)."""
    aead = AESGCM(data_key)
    ad = header.fixed_bytes()
    limit = header.chunk_size + TAG_SIZE

    def open_chunk(counter: int, sealed: bytes) -> tuple[bytes, bool]:
        try:
            return aead.decrypt(_nonce(counter, False), sealed, ad), False
        except InvalidTag:
            try:
                return aead.decrypt(_nonce(counter, True), sealed, ad), True
            except InvalidTag:
                raise BackupError("backup.damaged") from None

    def fault(key: str) -> Future[tuple[bytes, bool]]:
        failed: Future[tuple[bytes, bool]] = Future()
        failed.set_exception(BackupError(key))
        return failed

    pending: deque[tuple[Future[tuple[bytes, bool]], int]] = deque()
    counter = 0
    at_end = False  # the file ended where a chunk would begin
    stopped = False  # nothing more is read: the file ended or a fault was queued
    with ThreadPoolExecutor(max(1, workers)) as pool:
        while True:
            while not stopped and len(pending) < max(1, workers) * 2:
                raw_len = source.read(_LEN.size)
                if not raw_len:
                    at_end = stopped = True
                    break
                stopped = True  # unless a whole, sane chunk follows
                if len(raw_len) < _LEN.size:
                    pending.append((fault("backup.truncated"), 0))
                    break
                (length,) = _LEN.unpack(raw_len)
                if not TAG_SIZE <= length <= limit:
                    pending.append((fault("backup.damaged"), 0))
                    break
                sealed = source.read(length)
                if len(sealed) < length:
                    pending.append((fault("backup.truncated"), 0))
                    break
                stopped = False
                pending.append((pool.submit(open_chunk, counter, sealed), _LEN.size + length))
                counter += 1
            if not pending:
                assert at_end
                raise BackupError("backup.truncated")
            future, size = pending.popleft()
            plain, last = future.result()
            if progress is not None:
                progress(size)
            yield plain
            if last:
                # Anything after the last chunk, read ahead already or still in the file.
                if pending or (not at_end and source.read(1)):
                    raise BackupError("backup.trailing_data")
                return


def rewrite_key_slot(path: os.PathLike[str] | str, old: str, new: WrappingKey) -> None:
    """A new passphrase for an existing backup: the data key rewrapped, the header rewritten in
    place (one write of ``HEADER_SIZE`` bytes), no chunk read or changed."""
    with open(path, "rb") as f:
        header = read_header(f)
    rewrap_file(path, WrappingKey.from_passphrase(old, header.kdf), new)


def rewrap_file(path: os.PathLike[str] | str, old: WrappingKey, new: WrappingKey) -> bool:
    """Rewrap with ``new`` when ``old`` wraps the file's key (same salt and parameters); False
    (nothing written) for a file made under another passphrase."""
    with open(path, "r+b") as f:
        header = read_header(f)
        if header.kdf != old.kdf:
            return False
        data_key = header.unwrap(old)
        f.seek(0)
        f.write(header.rewrapped(data_key, new).to_bytes())
        f.flush()
        os.fsync(f.fileno())
    return True
