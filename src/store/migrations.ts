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
    SELECT 'out', 'out:' || id, COALESCE(conversation_key, 'staff:' || recipient), recipient, 'text', text,
      created_at, id
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
  `
  -- Tickets: R repair, C complaint, K card business, H handoff; numbered per letter.
  CREATE TABLE ticket_counters (
    prefix  TEXT PRIMARY KEY,
    last    INTEGER NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE tickets (
    id                INTEGER PRIMARY KEY,
    number            TEXT NOT NULL UNIQUE,
    type              TEXT NOT NULL CHECK (type IN ('repair', 'complaint', 'card', 'handoff')),
    category          TEXT NOT NULL,          -- service-level category
    status            TEXT NOT NULL CHECK (status IN
                        ('new', 'claimed', 'in_progress', 'done', 'confirmed', 'closed', 'reopened', 'cancelled')),
    party             TEXT NOT NULL,          -- the resident's wechat id
    reply_to          TEXT NOT NULL,          -- where the resident is answered (person or room)
    conversation_key  TEXT NOT NULL,
    resident_id       TEXT,
    unit_id           TEXT,
    owner_id          TEXT REFERENCES staff(id),
    summary           TEXT NOT NULL,
    created_at        INTEGER NOT NULL,
    updated_at        INTEGER NOT NULL
  );
  CREATE INDEX tickets_open ON tickets(owner_id, id) WHERE status NOT IN ('done', 'confirmed', 'closed', 'cancelled');
  CREATE INDEX tickets_by_party ON tickets(party, id);

  -- Every promise: what, by whom (office or resident), due when, and what became of it.
  CREATE TABLE commitments (
    id                  INTEGER PRIMARY KEY,
    kind                TEXT NOT NULL CHECK (kind IN
                          ('repair_visit', 'complaint_reply', 'callback', 'payment', 'card_service', 'inquiry_reply')),
    party               TEXT NOT NULL CHECK (party IN ('office', 'resident')),
    status              TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'kept', 'broken', 'cancelled',
      'renegotiated')),
    due_at              INTEGER NOT NULL,
    warn_at             INTEGER,              -- when the owner is warned; NULL: no warning
    warned_at           INTEGER,
    ticket_id           INTEGER REFERENCES tickets(id),
    owner_id            TEXT REFERENCES staff(id),   -- NULL: the service desk as a whole
    resident_party      TEXT,                 -- the resident's wechat id
    resident_id         TEXT,
    unit_id             TEXT,
    summary             TEXT NOT NULL,
    source_conversation TEXT,
    source_message      TEXT,
    replaces_id         INTEGER REFERENCES commitments(id),
    created_at          INTEGER NOT NULL,
    settled_at          INTEGER,              -- when it was kept, broken, cancelled or renegotiated
    escalation_level    INTEGER NOT NULL DEFAULT 0,   -- 0 owner, 1 supervisor, 2 manager
    next_escalation_at  INTEGER
  );
  CREATE INDEX commitments_open_due ON commitments(due_at) WHERE status = 'open';
  CREATE INDEX commitments_warn_due ON commitments(warn_at) WHERE status = 'open' AND warned_at IS NULL;
  CREATE INDEX commitments_escalation_due ON commitments(next_escalation_at) WHERE next_escalation_at IS NOT NULL;
  CREATE INDEX commitments_by_ticket ON commitments(ticket_id);

  -- The promises an outgoing message names: a sentence with a time is sent only with its commitment.
  ALTER TABLE outbox ADD COLUMN commitment_ids TEXT;
  `,
  `
  -- Failed attempts to bind a wechat id to a unit; three in a row lock binding for that id a while.
  CREATE TABLE binding_attempts (
    wechat_id     TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL DEFAULT 0,
    locked_until  INTEGER
  ) WITHOUT ROWID;
  `,
  `
  -- A visit is promised as a window: from window_start until due_at.
  ALTER TABLE commitments ADD COLUMN window_start INTEGER;
  CREATE INDEX commitments_visits ON commitments(window_start, owner_id)
    WHERE kind = 'repair_visit' AND status = 'open';
  `,
  `
  -- What a complaint is about (noise, parking…), and tickets raised because the same thing came back.
  ALTER TABLE tickets ADD COLUMN topic TEXT;
  ALTER TABLE tickets ADD COLUMN priority TEXT NOT NULL DEFAULT 'normal' CHECK (priority IN ('normal', 'high'));
  CREATE INDEX tickets_by_topic ON tickets(topic, created_at) WHERE topic IS NOT NULL;
  CREATE INDEX events_by_type ON events(type, id);
  `,
  `
  -- Proactive messages (reminders, notices) go through the governor; replies never wait for it.
  ALTER TABLE outbox ADD COLUMN proactive TEXT;
  CREATE TABLE delivery_log (
    id         INTEGER PRIMARY KEY,
    outbox_id  INTEGER NOT NULL REFERENCES outbox(id),
    at         INTEGER NOT NULL,
    outcome    TEXT NOT NULL CHECK (outcome IN ('sent', 'deferred', 'skipped', 'failed')),
    reason     TEXT
  );
  CREATE INDEX delivery_log_by_outcome ON delivery_log(outcome, at);
  `,
  `
  -- Answers staff approved in the chat (#入库), beside the office's data/faq.zh-CN.yaml.
  CREATE TABLE faq_additions (
    id        TEXT PRIMARY KEY,
    question  TEXT NOT NULL,
    answer    TEXT NOT NULL,
    ticket    TEXT NOT NULL UNIQUE,
    added_by  TEXT NOT NULL,
    added_at  INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  `
  -- Photos and files residents send: evidence on their repair or complaint ticket.
  CREATE TABLE attachments (
    id               INTEGER PRIMARY KEY,
    message_id       TEXT NOT NULL UNIQUE,
    party            TEXT NOT NULL,
    conversation_key TEXT NOT NULL,
    kind             TEXT NOT NULL,
    path             TEXT NOT NULL,
    at               INTEGER NOT NULL,
    ticket_id        INTEGER REFERENCES tickets(id)
  );
  CREATE INDEX attachments_unlinked ON attachments(conversation_key, at) WHERE ticket_id IS NULL;
  CREATE INDEX attachments_by_ticket ON attachments(ticket_id) WHERE ticket_id IS NOT NULL;
  -- Platform state that must survive a restart (the WeCom customer-service cursor, say).
  CREATE TABLE platform_state (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL
  ) WITHOUT ROWID;
  -- WeCom customer service: who wrote through which account, and the reply window since.
  CREATE TABLE kf_customers (
    external_userid  TEXT PRIMARY KEY,
    open_kfid        TEXT NOT NULL,
    last_inbound_at  INTEGER NOT NULL,
    sent_since       INTEGER NOT NULL DEFAULT 0
  ) WITHOUT ROWID;
  `,
  `
  -- Console sign-in: a password per staff member (scrypt), and sessions with their CSRF token.
  CREATE TABLE staff_credentials (
    staff_id       TEXT PRIMARY KEY REFERENCES staff(id),
    password_hash  TEXT NOT NULL,
    updated_at     INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE console_sessions (
    id          TEXT PRIMARY KEY,
    staff_id    TEXT NOT NULL REFERENCES staff(id),
    csrf        TEXT NOT NULL,
    expires_at  INTEGER NOT NULL
  ) WITHOUT ROWID;
  `,
  `
  -- A redelivery is found by its conversation and message id (a message id always comes back from
  -- the same sender): one index serves the dedupe and the transcript, where there were two, so
  -- every turn writes one b-tree less.
  DROP VIEW message_log;
  CREATE TABLE inbound_messages_by_conversation (
    id                INTEGER PRIMARY KEY,
    msg_id            TEXT NOT NULL,
    conversation_key  TEXT NOT NULL,
    party             TEXT NOT NULL,
    room              TEXT,
    kind              TEXT NOT NULL,
    text              TEXT,
    mentions          TEXT,
    at                INTEGER NOT NULL,
    processed_at      INTEGER,
    UNIQUE (conversation_key, msg_id)
  );
  INSERT INTO inbound_messages_by_conversation (id, msg_id, conversation_key, party, room, kind, text, mentions, at,
    processed_at)
    SELECT id, msg_id, conversation_key, party, room, kind, text, mentions, at, processed_at
      FROM inbound_messages ORDER BY id;
  DROP TABLE inbound_messages;
  ALTER TABLE inbound_messages_by_conversation RENAME TO inbound_messages;
  CREATE INDEX inbound_unprocessed ON inbound_messages(id) WHERE processed_at IS NULL;
  CREATE VIEW message_log AS
    SELECT 'in' AS direction, msg_id, conversation_key, party, kind, text, at, id AS seq FROM inbound_messages
    UNION ALL
    SELECT 'out', 'out:' || id, COALESCE(conversation_key, 'staff:' || recipient), recipient, 'text', text,
      created_at, id
    FROM outbox;
  `,
  `
  -- Who repairs what, when, and who is paged at night come with the office's own staff file
  -- (optional columns); NULL means the policy's default in data/technicians.yaml.
  ALTER TABLE staff ADD COLUMN skills TEXT;    -- JSON array of repair categories
  ALTER TABLE staff ADD COLUMN weekdays TEXT;  -- JSON array of ISO weekdays (1 = Monday)
  ALTER TABLE staff ADD COLUMN on_call INTEGER CHECK (on_call IN (0, 1));
  `,
  `
  -- A second matter raised in the same message (arrears, and a repair besides) waits here, as the resident
  -- wrote it, until the first is done: nothing a resident starts is dropped.
  ALTER TABLE conversations ADD COLUMN queued TEXT;
  `,
  `
  -- Security (issue 19). Failed chat bindings with their time, counted per unit and overall within
  -- a window (binding_attempts keeps counting per wechat id); and the locks those counts place on a
  -- unit ('unit:3-2-1201') or on every chat binding ('all'), with when each was placed.
  CREATE TABLE binding_failures (
    id         INTEGER PRIMARY KEY,
    at         INTEGER NOT NULL,
    wechat_id  TEXT NOT NULL,
    unit_id    TEXT NOT NULL
  );
  CREATE INDEX binding_failures_by_unit ON binding_failures(unit_id, at);
  CREATE INDEX binding_failures_by_time ON binding_failures(at);
  CREATE TABLE binding_locks (
    scope         TEXT PRIMARY KEY,
    placed_at     INTEGER NOT NULL,
    locked_until  INTEGER NOT NULL
  ) WITHOUT ROWID;
  -- WeCom callback signatures accepted, until they could no longer pass the timestamp check: a
  -- replay is refused after a restart too.
  CREATE TABLE callback_signatures (
    signature   TEXT PRIMARY KEY,
    expires_at  INTEGER NOT NULL
  ) WITHOUT ROWID;
  -- Console sessions by the SHA-256 of their cookie: a copy of the database opens no session. The
  -- CSRF token is derived from the cookie, so it is not stored at all. Open sessions end here.
  DROP TABLE console_sessions;
  CREATE TABLE console_sessions (
    id_hash     TEXT PRIMARY KEY,
    staff_id    TEXT NOT NULL REFERENCES staff(id),
    expires_at  INTEGER NOT NULL
  ) WITHOUT ROWID;
  -- Failed console sign-ins per staff id ('staff:s001') and per client address ('address:…'):
  -- how many in a row, the last one, and a lock after too many.
  CREATE TABLE signin_failures (
    key           TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    last_at       INTEGER NOT NULL,
    locked_until  INTEGER
  ) WITHOUT ROWID;
  `,
  `
  -- A room is one number however it was written: 1-1-0301 and 1-1-301 are the same unit, kept
  -- under the id residents and staff write (no leading zeros), with everything that names it.
  CREATE TEMP TABLE unit_renames AS
    SELECT id AS old, building || '-' || entrance || '-' || ltrim(room, '0') AS new,
           building, entrance, ltrim(room, '0') AS room
    FROM units WHERE room LIKE '0%' AND ltrim(room, '0') <> '';
  INSERT OR IGNORE INTO units (id, building, entrance, room) SELECT new, building, entrance, room FROM unit_renames;
  UPDATE residents SET unit_id = (SELECT new FROM unit_renames WHERE old = unit_id) WHERE unit_id IN (SELECT old
    FROM unit_renames);
  -- A row already kept under the new id wins; its twin under the old one goes.
  UPDATE OR IGNORE arrears SET unit_id = (SELECT new FROM unit_renames WHERE old = unit_id)
    WHERE unit_id IN (SELECT old FROM unit_renames);
  DELETE FROM arrears WHERE unit_id IN (SELECT old FROM unit_renames);
  UPDATE tickets SET unit_id = (SELECT new FROM unit_renames WHERE old = unit_id) WHERE unit_id IN (SELECT old
    FROM unit_renames);
  UPDATE commitments SET unit_id = (SELECT new FROM unit_renames WHERE old = unit_id)
    WHERE unit_id IN (SELECT old FROM unit_renames);
  UPDATE binding_failures SET unit_id = (SELECT new FROM unit_renames WHERE old = unit_id)
    WHERE unit_id IN (SELECT old FROM unit_renames);
  UPDATE OR IGNORE binding_locks SET scope = 'unit:' || (SELECT new FROM unit_renames
    WHERE 'unit:' || old = scope) WHERE scope IN (SELECT 'unit:' || old FROM unit_renames);
  DELETE FROM units WHERE id IN (SELECT old FROM unit_renames);
  DROP TABLE unit_renames;
  `,
  `
  -- What a platform that shows more than text may show with a message (issue 22), as JSON: the
  -- phrase keys it was made from, the choices it offers (WeCom's menu buttons), a staff card's
  -- ticket and buttons. The text stays the message for every other platform.
  ALTER TABLE outbox ADD COLUMN rich TEXT;
  `,
  `
  -- A message that cannot reach its recipient until they write again (WeCom's reply window) is
  -- 'held', its reason in last_error; it was 'pending', never due, with last_error 'held: <reason>'.
  -- SQLite changes a CHECK only by rebuilding the table. The delivery log, whose rows name outbox
  -- rows, is set aside meanwhile: with foreign keys on, the old table could not be dropped under it.
  DROP VIEW message_log;
  CREATE TEMP TABLE delivery_log_kept AS SELECT * FROM delivery_log;
  DROP TABLE delivery_log;
  CREATE TABLE outbox_with_held (
    id               INTEGER PRIMARY KEY,
    recipient        TEXT NOT NULL,
    text             TEXT NOT NULL,
    conversation_key TEXT,
    created_at       INTEGER NOT NULL,
    status           TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'held', 'sent', 'failed')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    sent_at          INTEGER,
    last_error       TEXT,
    commitment_ids   TEXT,
    proactive        TEXT,
    rich             TEXT
  );
  INSERT INTO outbox_with_held (id, recipient, text, conversation_key, created_at, status, attempts, next_attempt_at,
                                sent_at, last_error, commitment_ids, proactive, rich)
    SELECT id, recipient, text, conversation_key, created_at,
           CASE WHEN status = 'pending' AND last_error LIKE 'held:%' THEN 'held' ELSE status END,
           attempts, next_attempt_at, sent_at,
           CASE WHEN status = 'pending' AND last_error LIKE 'held:%' THEN ltrim(substr(last_error, 6))
             ELSE last_error END,
           commitment_ids, proactive, rich
    FROM outbox ORDER BY id;
  DROP TABLE outbox;
  ALTER TABLE outbox_with_held RENAME TO outbox;
  CREATE INDEX outbox_pending ON outbox(id, next_attempt_at) WHERE status = 'pending';
  CREATE INDEX outbox_by_conversation ON outbox(conversation_key, id);
  -- Looked up on every message a resident writes while any message is held (to release it).
  CREATE INDEX outbox_held ON outbox(recipient, id) WHERE status = 'held';
  -- outbox_sent_by_recipient is made again when a platform with per-recipient limits starts.
  CREATE TABLE delivery_log (
    id         INTEGER PRIMARY KEY,
    outbox_id  INTEGER NOT NULL REFERENCES outbox(id),
    at         INTEGER NOT NULL,
    outcome    TEXT NOT NULL CHECK (outcome IN ('sent', 'deferred', 'skipped', 'failed')),
    reason     TEXT
  );
  INSERT INTO delivery_log (id, outbox_id, at, outcome, reason)
    SELECT id, outbox_id, at, outcome, reason FROM delivery_log_kept ORDER BY id;
  DROP TABLE delivery_log_kept;
  CREATE INDEX delivery_log_by_outcome ON delivery_log(outcome, at);
  CREATE VIEW message_log AS
    SELECT 'in' AS direction, msg_id, conversation_key, party, kind, text, at, id AS seq FROM inbound_messages
    UNION ALL
    SELECT 'out', 'out:' || id, COALESCE(conversation_key, 'staff:' || recipient), recipient, 'text', text,
      created_at, id
    FROM outbox;
  `,
  `
  -- Written with every message the bot sends and read by no query: the transcript reads outbox rows
  -- through message_log, whose COALESCE(conversation_key, …) no index on conversation_key serves.
  -- One b-tree page less in every turn's commit.
  DROP INDEX IF EXISTS outbox_by_conversation;
  `,
  `
  -- Billed periods were stored as the office wrote them until they were written one way (2026-10), so a
  -- re-import of 2026-10 beside a stored 2026年10月 billed that month twice. Each month is kept once:
  -- the latest import's amount, and paid if it was paid under either name.
  INSERT OR IGNORE INTO arrears (unit_id, item, period, amount_fen, paid_at)
    SELECT unit_id, item, normalised_period(period), amount_fen, paid_at FROM arrears
     WHERE period <> normalised_period(period) ORDER BY id DESC;
  UPDATE arrears AS kept SET paid_at = (
      SELECT min(other.paid_at) FROM arrears AS other
       WHERE other.unit_id = kept.unit_id AND other.item = kept.item
         AND normalised_period(other.period) = kept.period AND other.paid_at IS NOT NULL)
   WHERE kept.paid_at IS NULL AND kept.period = normalised_period(kept.period) AND EXISTS (
      SELECT 1 FROM arrears AS other
       WHERE other.unit_id = kept.unit_id AND other.item = kept.item
         AND normalised_period(other.period) = kept.period AND other.paid_at IS NOT NULL);
  DELETE FROM arrears WHERE period <> normalised_period(period);
  `,
  `
  -- Staff who left: kept for the record (who worked which ticket), never messaged, assigned or signed in again.
  ALTER TABLE staff ADD COLUMN left_at INTEGER;
  `,
  `
  -- A message held for the morning that a finished ticket makes moot (an apology, news it was taken up): its ticket.
  ALTER TABLE outbox ADD COLUMN lapses_with TEXT;
  `,
];
