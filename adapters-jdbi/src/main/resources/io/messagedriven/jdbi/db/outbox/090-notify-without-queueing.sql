--liquibase formatted sql logicalFilePath:io/messagedriven/jdbi/db/outbox/090-notify-without-queueing.sql

--changeset message-driven:090-notify-at-commit-one-writer-at-a-time splitStatements:false
-- Wakes idle publishers without making writers wait on each other. PostgreSQL serialises the
-- commits of transactions that NOTIFY (each holds the notification queue's lock through its
-- commit), which with a notification per appending transaction capped concurrent writers at
-- about half their rate. Now the check runs at commit (a deferred constraint trigger), and a
-- transaction notifies only if it gets the outbox's advisory transaction lock without waiting:
-- while one committing transaction holds it, the others commit beside it, silently, and are
-- found by the claim its notification wakes (they committed at the same moment), the claim after
-- the publisher's acknowledgements, or at the latest the publisher's next poll. A notification
-- can so be skipped, never an event: the cost is bounded by the poll interval (also when the
-- holder rolls back, or when an application's SET CONSTRAINTS ALL IMMEDIATE fires the trigger
-- early and so holds the lock to the end of its transaction). The trigger fires per row, but
-- after the first row of a transaction the lock is held already and PostgreSQL folds the
-- repeated notification into one; a bulk insert pays a small queued trigger event per row. The
-- key is this table's: two integers (a key space of their own, apart from the single-bigint keys
-- applications usually take), 0x6d64 ("md") and the table's oid shifted into integer range.
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
