--liquibase formatted sql logicalFilePath:io/messagedriven/jdbi/db/outbox/030-notify.sql

--changeset message-driven:030-notify-on-append splitStatements:false
-- Wakes idle publishers: one notification per transaction that appends events, sent at commit
-- (never before it, never after a rollback). PostgreSQL folds identical notifications of one
-- transaction into one. The function names pg_catalog itself, so no search_path redirects it.
create or replace function ${message_driven_schema}.message_driven_notify_append() returns trigger
  language plpgsql set search_path = pg_catalog as $$
begin
  perform pg_catalog.pg_notify('message_driven_events', '');
  return null;
end;
$$;
drop trigger if exists events_notify_append on ${message_driven_schema}.events;
create trigger events_notify_append
  after insert on ${message_driven_schema}.events
  for each statement execute function ${message_driven_schema}.message_driven_notify_append();
--rollback drop trigger events_notify_append on ${message_driven_schema}.events;
--rollback drop function ${message_driven_schema}.message_driven_notify_append();
