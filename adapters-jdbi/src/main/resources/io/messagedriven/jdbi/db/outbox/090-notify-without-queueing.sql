--liquibase formatted sql logicalFilePath:io/messagedriven/jdbi/db/outbox/090-notify-without-queueing.sql

--changeset message-driven:090-one-notifying-writer-at-a-time splitStatements:false
-- Wakes idle publishers without making writers wait on each other. PostgreSQL serialises the
-- commits of transactions that NOTIFY (each holds the notification queue's lock through its
-- commit), which with a notification per appending transaction capped concurrent writers at
-- about half their rate. Now a transaction notifies only if it gets the outbox's advisory
-- transaction lock without waiting: while one appending transaction holds it (until its commit),
-- the others append silently, commit side by side, and are found by the claim that the
-- notifying one wakes, or the one after the publisher's acknowledgements, or at the latest the
-- publisher's next poll. A notification can so be skipped, never an event: the cost is bounded
-- by the poll interval. The key is this table's: two integers (a key space of their own, apart
-- from the single-bigint keys applications usually take), 0x6d64 ("md") and the table's oid.
create or replace function ${message_driven_schema}.message_driven_notify_append() returns trigger
  language plpgsql set search_path = pg_catalog as $$
begin
  if pg_catalog.pg_try_advisory_xact_lock(28004, (tg_relid::bigint - 2147483648)::integer) then
    perform pg_catalog.pg_notify('message_driven_events', '');
  end if;
  return null;
end;
$$;
--rollback create or replace function ${message_driven_schema}.message_driven_notify_append() returns trigger
--rollback   language plpgsql set search_path = pg_catalog as $$
--rollback begin
--rollback   perform pg_catalog.pg_notify('message_driven_events', '');
--rollback   return null;
--rollback end;
--rollback $$;
