"""SQL that keeps the bilan's facts right, in the database, whoever writes.

The facts (read by `technopark/impact/network.py`):

- `programs_startupsupport`: per startup with enrollments, `since` (its first enrollment's
  start), `directly_since` (the same in a direct program), `exited_since` (the end of its
  first graduated incubation);
- `startups_headcount.superseded_on` (the next headcount's date) and `counted_from` (its
  date, or the startup's `since` if later; empty without support);
- `startups_followup.superseded_on` (the next follow-up's date), `exit_on` (the end of the
  startup's latest graduated incubation on or before the observation) and `next_exit_on`
  (of its first one after).

Services, the import's bulk writes, the demo, the admin and the tests' factories all write
those tables; triggers keep the facts right after every insert, update and delete of an
enrollment, a program's `direct` or `kind`, a headcount or a follow-up. They live here, in
programs, because they read the enrollments; startups' tables are below in the layers.

While `programs_factsdeferral` holds a row (a bulk import, inside its transaction: see
`programs.services.facts.bilan_facts_deferred`), the triggers only note the startups written
in `programs_factspending`, and their facts are computed once, set by set, at the end.

SQLite: row triggers (an insert links the new row to its neighbours; other writes
recompute the startup's rows). PostgreSQL: statement triggers with transition tables, so a
bulk insert of 500 rows is one pass over their startups; each pass first locks those
startups' rows, so two transactions writing one startup's records recompute in turn.
"""

INCUBATION, GRADUATED = "incubation", "graduated"

# --- SQLite ---------------------------------------------------------------------------
# {ids}: what goes inside IN (...): NEW.startup_id, or a subquery.

_SQLITE_SUPPORT = f"""
    DELETE FROM programs_startupsupport WHERE startup_id IN ({{ids}})
        AND NOT EXISTS (SELECT 1 FROM programs_enrollment e
                        WHERE e.startup_id = programs_startupsupport.startup_id);
    INSERT OR REPLACE INTO programs_startupsupport
        (startup_id, since, directly_since, exited_since)
        SELECT e.startup_id, min(e.started_on), min(CASE WHEN p.direct THEN e.started_on END),
            min(CASE WHEN p.kind = '{INCUBATION}' AND e.outcome = '{GRADUATED}'
                THEN e.ended_on END)
        FROM programs_enrollment e JOIN programs_program p ON p.id = e.program_id
        WHERE e.startup_id IN ({{ids}}) GROUP BY e.startup_id;
"""
_SQLITE_HC_NEXT = """(SELECT min(h.as_of) FROM startups_headcount h
    WHERE h.startup_id = startups_headcount.startup_id AND h.as_of > startups_headcount.as_of)"""
_SQLITE_HC_COUNTED = """(SELECT CASE WHEN s.since > startups_headcount.as_of THEN s.since
    ELSE startups_headcount.as_of END FROM programs_startupsupport s
    WHERE s.startup_id = startups_headcount.startup_id)"""
_SQLITE_FU_NEXT = """(SELECT min(f.observed_on) FROM startups_followup f
    WHERE f.startup_id = startups_followup.startup_id
    AND f.observed_on > startups_followup.observed_on)"""
# The unary + keeps SQLite from searching the enrollments by outcome (all of them) rather
# than by startup (a few).
_SQLITE_EXIT = f"""(SELECT {{agg}}(e.ended_on) FROM programs_enrollment e
    JOIN programs_program p ON p.id = e.program_id
    WHERE e.startup_id = startups_followup.startup_id AND +e.outcome = '{GRADUATED}'
    AND p.kind = '{INCUBATION}' AND +e.ended_on {{op}} startups_followup.observed_on)"""
_SQLITE_FU_EXIT = _SQLITE_EXIT.format(agg="max", op="<=")
_SQLITE_FU_NEXT_EXIT = _SQLITE_EXIT.format(agg="min", op=">")

_SQLITE_HEADCOUNTS = f"""
    UPDATE startups_headcount SET superseded_on = {_SQLITE_HC_NEXT},
        counted_from = {_SQLITE_HC_COUNTED}
    WHERE startup_id IN ({{ids}});
"""
_SQLITE_FOLLOWUPS = f"""
    UPDATE startups_followup SET superseded_on = {_SQLITE_FU_NEXT},
        exit_on = {_SQLITE_FU_EXIT}, next_exit_on = {_SQLITE_FU_NEXT_EXIT}
    WHERE startup_id IN ({{ids}});
"""


def _sqlite_all(ids: str) -> str:
    return (
        _SQLITE_SUPPORT.format(ids=ids)
        + _SQLITE_HEADCOUNTS.format(ids=ids)
        + _SQLITE_FOLLOWUPS.format(ids=ids)
    )


# Every trigger works only when no bulk write defers the facts; its twin (`_deferred`) then
# notes the startups instead.
_NOW = "WHEN NOT EXISTS (SELECT 1 FROM programs_factsdeferral)"
_LATER = "WHEN EXISTS (SELECT 1 FROM programs_factsdeferral)"
_NOTE = "INSERT OR IGNORE INTO programs_factspending (startup_id)"

# What a deferred bulk write leaves to do, for the startups noted.
SQLITE_PENDING = [
    sql.strip()
    for sql in _sqlite_all("SELECT startup_id FROM programs_factspending").split(";")
    if sql.strip()
]

SQLITE_FORWARD = [
    f"""CREATE TRIGGER facts_enrollment_insert AFTER INSERT ON programs_enrollment {_NOW} BEGIN
        {_sqlite_all("NEW.startup_id")} END""",
    f"""CREATE TRIGGER facts_enrollment_delete AFTER DELETE ON programs_enrollment {_NOW} BEGIN
        {_sqlite_all("OLD.startup_id")} END""",
    f"""CREATE TRIGGER facts_enrollment_update AFTER UPDATE OF startup_id, program_id,
        started_on, ended_on, outcome ON programs_enrollment {_NOW} BEGIN
        {_sqlite_all("OLD.startup_id, NEW.startup_id")} END""",
    f"""CREATE TRIGGER facts_program_update AFTER UPDATE OF direct, kind ON programs_program
        {_NOW} BEGIN
        {_sqlite_all("SELECT startup_id FROM programs_enrollment WHERE program_id = NEW.id")}
        END""",
    f"""CREATE TRIGGER facts_program_update_deferred AFTER UPDATE OF direct, kind
        ON programs_program {_LATER} BEGIN
        {_NOTE} SELECT startup_id FROM programs_enrollment WHERE program_id = NEW.id; END""",
    *(
        f"""CREATE TRIGGER facts_{name}_{op.lower()}_deferred AFTER {op}{of} ON {table}
        {_LATER} BEGIN {"".join(f"{_NOTE} VALUES ({row}.startup_id); " for row in rows)} END"""
        for name, table, columns in (
            (
                "enrollment",
                "programs_enrollment",
                "OF startup_id, program_id, started_on, ended_on, outcome",
            ),
            ("headcount", "startups_headcount", "OF startup_id, as_of"),
            ("followup", "startups_followup", "OF startup_id, observed_on"),
        )
        for op, rows in (("INSERT", ("NEW",)), ("DELETE", ("OLD",)), ("UPDATE", ("OLD", "NEW")))
        for of in [f" {columns}" if op == "UPDATE" else ""]
    ),
    # A new headcount: itself and the one before it (whose next it becomes).
    f"""CREATE TRIGGER facts_headcount_insert AFTER INSERT ON startups_headcount {_NOW} BEGIN
        UPDATE startups_headcount SET superseded_on = {_SQLITE_HC_NEXT}
        WHERE startup_id = NEW.startup_id AND as_of <= NEW.as_of
          AND (id = NEW.id OR superseded_on IS NULL OR superseded_on > NEW.as_of);
        UPDATE startups_headcount SET counted_from = {_SQLITE_HC_COUNTED} WHERE id = NEW.id;
        END""",
    f"""CREATE TRIGGER facts_headcount_delete AFTER DELETE ON startups_headcount {_NOW} BEGIN
        UPDATE startups_headcount SET superseded_on = OLD.superseded_on
        WHERE startup_id = OLD.startup_id AND superseded_on = OLD.as_of;
        END""",
    # Any save of the row (Django writes every column) recomputes its startups' rows.
    f"""CREATE TRIGGER facts_headcount_update AFTER UPDATE OF startup_id, as_of
        ON startups_headcount {_NOW} BEGIN
        {_SQLITE_HEADCOUNTS.format(ids="OLD.startup_id, NEW.startup_id")} END""",
    f"""CREATE TRIGGER facts_followup_insert AFTER INSERT ON startups_followup {_NOW} BEGIN
        UPDATE startups_followup SET superseded_on = {_SQLITE_FU_NEXT}
        WHERE startup_id = NEW.startup_id AND observed_on <= NEW.observed_on
          AND (id = NEW.id OR superseded_on IS NULL OR superseded_on > NEW.observed_on);
        UPDATE startups_followup SET exit_on = {_SQLITE_FU_EXIT},
            next_exit_on = {_SQLITE_FU_NEXT_EXIT} WHERE id = NEW.id;
        END""",
    f"""CREATE TRIGGER facts_followup_delete AFTER DELETE ON startups_followup {_NOW} BEGIN
        UPDATE startups_followup SET superseded_on = OLD.superseded_on
        WHERE startup_id = OLD.startup_id AND superseded_on = OLD.observed_on;
        END""",
    f"""CREATE TRIGGER facts_followup_update AFTER UPDATE OF startup_id, observed_on
        ON startups_followup {_NOW} BEGIN
        {_SQLITE_FOLLOWUPS.format(ids="OLD.startup_id, NEW.startup_id")} END""",
    # The facts of the records already there.
    f"""INSERT INTO programs_startupsupport (startup_id, since, directly_since, exited_since)
        SELECT e.startup_id, min(e.started_on), min(CASE WHEN p.direct THEN e.started_on END),
            min(CASE WHEN p.kind = '{INCUBATION}' AND e.outcome = '{GRADUATED}'
                THEN e.ended_on END)
        FROM programs_enrollment e JOIN programs_program p ON p.id = e.program_id
        GROUP BY e.startup_id""",
    f"UPDATE startups_headcount SET superseded_on = {_SQLITE_HC_NEXT}, "
    f"counted_from = {_SQLITE_HC_COUNTED}",
    f"UPDATE startups_followup SET superseded_on = {_SQLITE_FU_NEXT}, "
    f"exit_on = {_SQLITE_FU_EXIT}, next_exit_on = {_SQLITE_FU_NEXT_EXIT}",
]
SQLITE_BACKWARD = [
    f"DROP TRIGGER IF EXISTS facts_{name}{twin}"
    for name in (
        "enrollment_insert",
        "enrollment_delete",
        "enrollment_update",
        "program_update",
        "headcount_insert",
        "headcount_delete",
        "headcount_update",
        "followup_insert",
        "followup_delete",
        "followup_update",
    )
    for twin in ("", "_deferred")
]

# --- PostgreSQL -----------------------------------------------------------------------

# How each facts function starts: planned at each call (a plan kept from a bulk import's
# first calls, made while the tables were nearly empty, would scan whole tables later); the
# startups come in as a joined list rather than `= ANY(ids)`, and only the startup narrows
# the enrollments, so the plan searches by startup even before the tables have statistics;
# then the startups' rows are locked, so two transactions recompute one startup in turn.
_PG_FACTS_HEAD = """    LANGUAGE plpgsql
    SET plan_cache_mode = force_custom_plan AS $$
    BEGIN
        PERFORM 1 FROM unnest(ids) AS i(id) JOIN startups_startup t ON t.id = i.id
            ORDER BY t.id FOR NO KEY UPDATE OF t;
"""

PG_FORWARD = [
    f"""
    CREATE OR REPLACE FUNCTION programs_facts_support(ids bigint[]) RETURNS void
{_PG_FACTS_HEAD}        DELETE FROM programs_startupsupport s USING unnest(ids) AS i(id)
            WHERE s.startup_id = i.id AND NOT EXISTS (
                SELECT 1 FROM programs_enrollment e WHERE e.startup_id = s.startup_id);
        INSERT INTO programs_startupsupport AS s (startup_id, since, directly_since, exited_since)
            SELECT e.startup_id, min(e.started_on), min(e.started_on) FILTER (WHERE p.direct),
                min(e.ended_on) FILTER (WHERE p.kind = '{INCUBATION}' AND e.outcome = '{GRADUATED}')
            FROM unnest(ids) AS i(id)
            JOIN programs_enrollment e ON e.startup_id = i.id
            JOIN programs_program p ON p.id = e.program_id
            GROUP BY e.startup_id
        ON CONFLICT (startup_id) DO UPDATE SET since = EXCLUDED.since,
            directly_since = EXCLUDED.directly_since, exited_since = EXCLUDED.exited_since
            WHERE (s.since, s.directly_since, s.exited_since)
                IS DISTINCT FROM (EXCLUDED.since, EXCLUDED.directly_since, EXCLUDED.exited_since);
    END $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION programs_facts_headcounts(ids bigint[]) RETURNS void
{_PG_FACTS_HEAD}        UPDATE startups_headcount h SET superseded_on = x.next_as_of, counted_from = x.counted
        FROM (
            SELECT h2.id, lead(h2.as_of) OVER (PARTITION BY h2.startup_id ORDER BY h2.as_of)
                AS next_as_of,
                CASE WHEN s.since IS NULL THEN NULL ELSE GREATEST(h2.as_of, s.since) END
                AS counted
            FROM unnest(ids) AS i(id)
            JOIN startups_headcount h2 ON h2.startup_id = i.id
            LEFT JOIN programs_startupsupport s ON s.startup_id = h2.startup_id
        ) x
        WHERE h.id = x.id
          AND (h.superseded_on, h.counted_from) IS DISTINCT FROM (x.next_as_of, x.counted);
    END $$
    """,
    f"""
    CREATE OR REPLACE FUNCTION programs_facts_followups(ids bigint[]) RETURNS void
{_PG_FACTS_HEAD}        UPDATE startups_followup f
        SET superseded_on = x.next_on, exit_on = x.exit_on, next_exit_on = x.next_exit_on
        FROM (
            SELECT f2.id,
                lead(f2.observed_on) OVER (PARTITION BY f2.startup_id ORDER BY f2.observed_on)
                AS next_on,
                (SELECT max(e.ended_on) FILTER (WHERE e.outcome = '{GRADUATED}'
                    AND p.kind = '{INCUBATION}' AND e.ended_on <= f2.observed_on)
                 FROM programs_enrollment e JOIN programs_program p ON p.id = e.program_id
                 WHERE e.startup_id = f2.startup_id) AS exit_on,
                (SELECT min(e.ended_on) FILTER (WHERE e.outcome = '{GRADUATED}'
                    AND p.kind = '{INCUBATION}' AND e.ended_on > f2.observed_on)
                 FROM programs_enrollment e JOIN programs_program p ON p.id = e.program_id
                 WHERE e.startup_id = f2.startup_id) AS next_exit_on
            FROM unnest(ids) AS i(id) JOIN startups_followup f2 ON f2.startup_id = i.id
        ) x
        WHERE f.id = x.id AND (f.superseded_on, f.exit_on, f.next_exit_on)
            IS DISTINCT FROM (x.next_on, x.exit_on, x.next_exit_on);
    END $$
    """,
    # One trigger function per table: the startups of the rows written, then the facts.
    """
    CREATE OR REPLACE FUNCTION programs_facts_after_write() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        ids bigint[];
    BEGIN
        IF pg_trigger_depth() > 1 OR current_setting('technopark.facts_computing', true) = 'on'
        THEN
            RETURN NULL;  -- the facts' own updates
        ELSIF TG_OP = 'INSERT' THEN
            ids := ARRAY(SELECT DISTINCT startup_id FROM new_rows);
        ELSIF TG_OP = 'DELETE' THEN
            ids := ARRAY(SELECT DISTINCT startup_id FROM old_rows);
        ELSE
            ids := ARRAY(SELECT startup_id FROM old_rows UNION SELECT startup_id FROM new_rows);
        END IF;
        IF EXISTS (SELECT 1 FROM programs_factsdeferral) THEN  -- a bulk write: note them
            INSERT INTO programs_factspending (startup_id) SELECT DISTINCT i FROM unnest(ids) i
                ON CONFLICT DO NOTHING;
            RETURN NULL;
        END IF;
        IF TG_TABLE_NAME = 'programs_enrollment' THEN
            PERFORM programs_facts_support(ids);
            PERFORM programs_facts_headcounts(ids);
            PERFORM programs_facts_followups(ids);
        ELSIF TG_TABLE_NAME = 'startups_headcount' THEN
            PERFORM programs_facts_headcounts(ids);
        ELSE
            PERFORM programs_facts_followups(ids);
        END IF;
        RETURN NULL;
    END $$
    """,
    """
    CREATE OR REPLACE FUNCTION programs_facts_after_program() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE
        ids bigint[] := ARRAY(
            SELECT DISTINCT startup_id FROM programs_enrollment WHERE program_id = NEW.id);
    BEGIN
        IF EXISTS (SELECT 1 FROM programs_factsdeferral) THEN  -- a bulk write: note them
            INSERT INTO programs_factspending (startup_id) SELECT i FROM unnest(ids) i
                ON CONFLICT DO NOTHING;
            RETURN NULL;
        END IF;
        PERFORM programs_facts_support(ids);
        PERFORM programs_facts_headcounts(ids);
        PERFORM programs_facts_followups(ids);
        RETURN NULL;
    END $$
    """,
    """
    CREATE TRIGGER facts_program_update AFTER UPDATE OF direct, kind ON programs_program
    FOR EACH ROW WHEN ((OLD.direct, OLD.kind) IS DISTINCT FROM (NEW.direct, NEW.kind))
    EXECUTE FUNCTION programs_facts_after_program()
    """,
    *(
        f"""
        CREATE TRIGGER facts_{name}_{op.lower()} AFTER {op} ON {table}
        REFERENCING {transition} FOR EACH STATEMENT EXECUTE FUNCTION programs_facts_after_write()
        """
        for name, table in (
            ("enrollment", "programs_enrollment"),
            ("headcount", "startups_headcount"),
            ("followup", "startups_followup"),
        )
        for op, transition in (
            ("INSERT", "NEW TABLE AS new_rows"),
            ("DELETE", "OLD TABLE AS old_rows"),
            ("UPDATE", "OLD TABLE AS old_rows NEW TABLE AS new_rows"),
        )
    ),
    # The facts of the records already there.
    f"""
    INSERT INTO programs_startupsupport (startup_id, since, directly_since, exited_since)
        SELECT e.startup_id, min(e.started_on), min(e.started_on) FILTER (WHERE p.direct),
            min(e.ended_on) FILTER (WHERE p.kind = '{INCUBATION}' AND e.outcome = '{GRADUATED}')
        FROM programs_enrollment e JOIN programs_program p ON p.id = e.program_id
        GROUP BY e.startup_id
    """,
    "SELECT programs_facts_headcounts(ARRAY(SELECT DISTINCT startup_id FROM startups_headcount))",
    "SELECT programs_facts_followups(ARRAY(SELECT DISTINCT startup_id FROM startups_followup))",
]
PG_PENDING = [
    # The facts' own updates below fire the tables' statement triggers: skip them.
    "SELECT set_config('technopark.facts_computing', 'on', true)",
    *(
        f"SELECT programs_facts_{what}(ARRAY(SELECT startup_id FROM programs_factspending))"
        for what in ("support", "headcounts", "followups")
    ),
    "SELECT set_config('technopark.facts_computing', 'off', true)",
]
PG_BACKWARD = [
    *(
        f"DROP TRIGGER IF EXISTS facts_{name}_{op} ON {table}"
        for name, table in (
            ("enrollment", "programs_enrollment"),
            ("headcount", "startups_headcount"),
            ("followup", "startups_followup"),
        )
        for op in ("insert", "delete", "update")
    ),
    "DROP TRIGGER IF EXISTS facts_program_update ON programs_program",
    "DROP FUNCTION IF EXISTS programs_facts_after_program()",
    "DROP FUNCTION IF EXISTS programs_facts_after_write()",
    "DROP FUNCTION IF EXISTS programs_facts_followups(bigint[])",
    "DROP FUNCTION IF EXISTS programs_facts_headcounts(bigint[])",
    "DROP FUNCTION IF EXISTS programs_facts_support(bigint[])",
]


def forward(apps, schema_editor):
    statements = PG_FORWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_FORWARD
    for sql in statements:
        schema_editor.execute(sql)


def backward(apps, schema_editor):
    statements = PG_BACKWARD if schema_editor.connection.vendor == "postgresql" else SQLITE_BACKWARD
    for sql in statements:
        schema_editor.execute(sql)
