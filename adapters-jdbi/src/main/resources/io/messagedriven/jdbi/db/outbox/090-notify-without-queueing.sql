--liquibase formatted sql logicalFilePath:io/messagedriven/jdbi/db/outbox/090-notify-without-queueing.sql

--changeset message-driven:090-one-notifying-writer-at-a-time splitStatements:false
-- Wakes idle publishers without making writers wait on each other. PostgreSQL serialises the
-- commits of transactions that NOTIFY (each holds the notification queue's lock through its
-- commit), which with a notification per appending transaction capped concurrent writers at
-- about half their rate. Now the check runs at commit (a deferred constraint trigger), and a
-- transaction notifies only if it gets the outbox's advisory transaction lock without waiting:
-- while one committing transaction holds it, the others commit beside it, silently, and are
-- found by the claim its notification wakes (they committed at the same moment), the claim after
-- the publisher's acknowledgements, or at the latest the publisher's next poll. A notification
-- can so be skipped, never an event: the cost is bounded by the poll interval. The trigger fires
-- per row, but after the first row of a transaction the lock is held already and PostgreSQL
-- folds the repeated notification into one. The key is this table's: two integers (a key space
-- of their own, apart from the single-bigint keys applications usually take), 0x6d64 ("md") and
-- the table's oid.
create or replace function ${message_driven_schema}.message_driven_notify_append() returns trigger
  language plpgsql set search_path = pg_catalog as $$
begin
  if pg_catalog.pg_try_advisory_xact_lock(28004, (tg_relid::bigint - 2147483648)::integer) then
    perform pg_catalog.pg_notify('message_driven_events', '');
  end if;
  return null;
end;
$$;
drop trigger if exists events_notify_append on ${message_driven_schema}.events;
create constraint trigger events_notify_append
  after insert on ${message_driven_schema}.events
  deferrable initially deferred
  for each row execute function ${message_driven_schema}.message_driven_notify_append();
--rollback drop trigger if exists events_notify_append on ${message_driven_schema}.events;
--rollback create or replace function ${message_driven_schema}.message_driven_notify_append() returns trigger
--rollback   language plpgsql set search_path = pg_catalog as $$
--rollback begin
--rollback   perform pg_catalog.pg_notify('message_driven_events', '');
--rollback   return null;
--rollback end;
--rollback $$;
--rollback create trigger events_notify_append after insert on ${message_driven_schema}.events
--rollback   for each statement execute function ${message_driven_schema}.message_driven_notify_append();

--changeset message-driven:090-outbox-vacuumed-often
-- Every acknowledgement leaves a dead entry in the unfinished-events indexes, and each claim
-- walks past the dead entries of the oldest events until VACUUM removes them: with the default
-- (vacuum after a fifth of the table changed) a claim on a drained half of a 1,000,000-event
-- backlog walks half a million of them. Vacuum the outbox after 2% of it (at least 1,000 rows)
-- changed, and analyze it as often, so claims stay cheap and their plans fresh.
alter table ${message_driven_schema}.events set (
  autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000,
  autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
--rollback alter table ${message_driven_schema}.events reset (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, autovacuum_vacuum_insert_scale_factor, autovacuum_analyze_scale_factor);
