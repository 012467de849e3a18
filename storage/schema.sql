-- Rapport notebook schema, version 1, as it shipped: it brings test notebooks of version 1 up.
-- The schema now is declared by the peewee models (storage/models.py); later changes are
-- numbered migrations in migrations.py.
CREATE TABLE customer (
    id INTEGER PRIMARY KEY,
    given_name TEXT NOT NULL DEFAULT '',
    family_name TEXT NOT NULL DEFAULT '',
    preferred_name TEXT NOT NULL DEFAULT '',
    pronunciation TEXT NOT NULL DEFAULT '',
    company TEXT NOT NULL DEFAULT '',
    role TEXT NOT NULL DEFAULT '',
    referred_by INTEGER REFERENCES customer(id) ON DELETE SET NULL,
    cadence_days INTEGER,
    customer_since TEXT,
    preferred_channels TEXT NOT NULL DEFAULT '',
    do_not_contact TEXT NOT NULL DEFAULT '',
    notes TEXT NOT NULL DEFAULT '',
    sort_key TEXT NOT NULL DEFAULT '',
    created TEXT NOT NULL,
    updated TEXT NOT NULL
);
CREATE INDEX customer_sort_key ON customer(sort_key);
CREATE INDEX customer_referred_by ON customer(referred_by);

CREATE TABLE email (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    address TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX email_customer ON email(customer_id, position);
CREATE INDEX email_address ON email(address COLLATE NOCASE);

CREATE TABLE phone (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    number TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX phone_customer ON phone(customer_id, position);
CREATE INDEX phone_number ON phone(number);

CREATE TABLE address (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    street TEXT NOT NULL DEFAULT '',
    city TEXT NOT NULL DEFAULT '',
    region TEXT NOT NULL DEFAULT '',
    postal_code TEXT NOT NULL DEFAULT '',
    country TEXT NOT NULL DEFAULT '',
    mailing INTEGER NOT NULL DEFAULT 0,
    label TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX address_customer ON address(customer_id, position);

CREATE TABLE tag (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    UNIQUE (customer_id, name)
);
CREATE INDEX tag_name ON tag(name);

CREATE TABLE tag_setting (
    name TEXT PRIMARY KEY,
    cadence_days INTEGER
);

CREATE TABLE fact (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    relation TEXT NOT NULL DEFAULT '',
    birthday TEXT,
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX fact_customer ON fact(customer_id, position);

CREATE TABLE milestone (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    year INTEGER,
    month INTEGER NOT NULL,
    day INTEGER NOT NULL,
    day_of_year INTEGER NOT NULL,  -- in a leap year: Feb 29 = 60, for fast upcoming queries
    yearly INTEGER NOT NULL DEFAULT 1,
    whose TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX milestone_customer ON milestone(customer_id);
CREATE INDEX milestone_day ON milestone(day_of_year);

CREATE TABLE interaction (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    kind TEXT NOT NULL,
    channel TEXT,
    summary TEXT NOT NULL DEFAULT ''
);
CREATE INDEX interaction_customer ON interaction(customer_id, date);

CREATE TABLE purchase (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    amount_cents INTEGER NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT ''
);
CREATE INDEX purchase_customer ON purchase(customer_id, date);

CREATE TABLE promise (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    made TEXT NOT NULL,
    due TEXT NOT NULL,
    what TEXT NOT NULL,
    status TEXT NOT NULL DEFAULT 'open'
);
CREATE INDEX promise_customer ON promise(customer_id);
CREATE INDEX promise_status ON promise(status, due);

CREATE TABLE problem (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    opened TEXT NOT NULL,
    summary TEXT NOT NULL,
    waiting_on TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open',
    resolved TEXT
);
CREATE INDEX problem_customer ON problem(customer_id);

CREATE TABLE problem_update (
    id INTEGER PRIMARY KEY,
    problem_id INTEGER NOT NULL REFERENCES problem(id) ON DELETE CASCADE,
    date TEXT NOT NULL,
    summary TEXT NOT NULL
);
CREATE INDEX problem_update_problem ON problem_update(problem_id);

CREATE TABLE template (
    id INTEGER PRIMARY KEY,
    occasion TEXT NOT NULL,
    name TEXT NOT NULL,
    body TEXT NOT NULL,
    variant INTEGER NOT NULL DEFAULT 1,
    card_format TEXT NOT NULL DEFAULT 'a2-folded',
    signature TEXT NOT NULL DEFAULT '',
    builtin INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE card (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    occasion TEXT NOT NULL,
    template_id INTEGER REFERENCES template(id) ON DELETE SET NULL,
    text TEXT NOT NULL,
    card_format TEXT NOT NULL DEFAULT 'a2-folded',
    status TEXT NOT NULL DEFAULT 'draft',
    created TEXT,
    printed TEXT,
    mailed TEXT
);
CREATE INDEX card_customer ON card(customer_id);
CREATE INDEX card_status ON card(status);

CREATE TABLE setting (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL  -- JSON
);

CREATE TABLE suggestion_state (
    id INTEGER PRIMARY KEY,
    customer_id INTEGER NOT NULL REFERENCES customer(id) ON DELETE CASCADE,
    key TEXT NOT NULL,  -- the suggestion's kind and occurrence, e.g. 'milestone:12:2026'
    snoozed_until TEXT,
    dismissed INTEGER NOT NULL DEFAULT 0,
    UNIQUE (customer_id, key)
);

-- Search over names, company, notes and personal details; rowid is the customer's id.
CREATE VIRTUAL TABLE customer_fts USING fts5(
    name, company, notes, details,
    tokenize = 'unicode61 remove_diacritics 2'
);
