--liquibase formatted sql logicalFilePath:io/messagedriven/jdbi/db/002-notify.sql

--changeset message-driven:002-notify-on-append splitStatements:false
-- Wakes idle publishers: one notification per transaction that appends events, sent at commit.
-- PostgreSQL folds identical notifications of one transaction into one.
create function message_driven_notify_append() returns trigger language plpgsql as $$
begin
  perform pg_notify('message_driven_events', '');
  return null;
end;
$$;
create trigger events_notify_append
  after insert on events
  for each statement execute function message_driven_notify_append();
--rollback drop trigger events_notify_append on events; drop function message_driven_notify_append();
