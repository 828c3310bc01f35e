/** Schema migrations, applied in order; `PRAGMA user_version` counts how many have run. Append only. */
export const MIGRATIONS: string[] = [
  `
  CREATE TABLE units (
    id        TEXT PRIMARY KEY,            -- building-entrance-room, e.g. 3-2-1201
    building  TEXT NOT NULL,
    entrance  TEXT NOT NULL,
    room      TEXT NOT NULL
  );

  CREATE TABLE residents (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    phone      TEXT NOT NULL,
    unit_id    TEXT NOT NULL REFERENCES units(id),
    wechat_id  TEXT
  );
  CREATE INDEX residents_by_wechat ON residents(wechat_id) WHERE wechat_id IS NOT NULL;
  CREATE INDEX residents_by_unit ON residents(unit_id);

  CREATE TABLE staff (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    role       TEXT NOT NULL CHECK (role IN ('service', 'technician', 'supervisor', 'manager')),
    wechat_id  TEXT UNIQUE,
    phone      TEXT NOT NULL
  );

  CREATE TABLE arrears (
    id          INTEGER PRIMARY KEY,
    unit_id     TEXT NOT NULL REFERENCES units(id),
    item        TEXT NOT NULL,
    period      TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL CHECK (amount_fen > 0),
    paid_at     INTEGER,
    UNIQUE (unit_id, item, period)
  );

  -- One row per chat partner (a person, or a person inside a room). The snapshot is the flow
  -- machine's persisted state; machine_version lets a changed flow restart old conversations politely.
  CREATE TABLE conversations (
    key              TEXT PRIMARY KEY,
    party            TEXT NOT NULL,        -- wechat id of the person
    reply_to         TEXT NOT NULL,        -- wechat id or room id the bot answers to
    flow             TEXT NOT NULL,
    machine_version  INTEGER NOT NULL,
    snapshot         TEXT NOT NULL,
    status           TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    started_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL
  ) WITHOUT ROWID;

  -- Every message received. Rows are written on receipt, before processing, so a crash mid-turn
  -- loses nothing: unprocessed rows are replayed on start. msg_id dedupes redeliveries.
  CREATE TABLE inbound_messages (
    id                INTEGER PRIMARY KEY,
    msg_id            TEXT NOT NULL UNIQUE,
    conversation_key  TEXT NOT NULL,
    party             TEXT NOT NULL,
    room              TEXT,
    kind              TEXT NOT NULL,
    text              TEXT,
    mentions          TEXT,
    at                INTEGER NOT NULL,
    processed_at      INTEGER
  );
  CREATE INDEX inbound_unprocessed ON inbound_messages(id) WHERE processed_at IS NULL;
  CREATE INDEX inbound_by_conversation ON inbound_messages(conversation_key, id);

  -- What the bot says, written in the transaction of the turn that decided it, sent afterwards.
  CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY,
    recipient        TEXT NOT NULL,
    text             TEXT NOT NULL,
    conversation_key TEXT,
    created_at       INTEGER NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    sent_at          INTEGER,
    last_error       TEXT
  );
  CREATE INDEX outbox_pending ON outbox(id, next_attempt_at) WHERE status = 'pending';
  CREATE INDEX outbox_by_conversation ON outbox(conversation_key, id);

  -- The message log, both ways: what came in, and what went out (the outbox is the delivery log).
  CREATE VIEW message_log AS
    SELECT 'in' AS direction, msg_id, conversation_key, party, kind, text, at, id AS seq FROM inbound_messages
    UNION ALL
    SELECT 'out', 'out:' || id, COALESCE(conversation_key, 'staff:' || recipient), recipient, 'text', text, created_at, id
    FROM outbox;

  -- Durable timers: XState's own timers die with the process, these survive restarts.
  CREATE TABLE timers (
    id                INTEGER PRIMARY KEY,
    name              TEXT NOT NULL UNIQUE,   -- e.g. idle:<conversation key>; re-arming replaces it
    conversation_key  TEXT,
    event             TEXT NOT NULL,          -- JSON event delivered when due
    due_at            INTEGER NOT NULL,
    status            TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'fired', 'cancelled')),
    fired_at          INTEGER
  );
  CREATE INDEX timers_due ON timers(due_at, id) WHERE status = 'pending';

  CREATE TABLE events (
    id      INTEGER PRIMARY KEY,
    at      INTEGER NOT NULL,
    actor   TEXT NOT NULL,
    type    TEXT NOT NULL,
    ref     TEXT,
    data    TEXT
  );
  CREATE INDEX events_by_ref ON events(ref, id);
  `,
];
