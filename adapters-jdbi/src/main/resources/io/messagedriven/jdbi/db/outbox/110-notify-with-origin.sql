--liquibase formatted sql logicalFilePath:io/messagedriven/jdbi/db/outbox/110-notify-with-origin.sql

--changeset message-driven:110-notify-with-origin splitStatements:false
-- The notification's payload names where the commit came from: the transaction setting
-- message_driven.origin, which a PostgresStore sets in the transactions whose commit it sees
-- return (empty for any other writer). The store's own publishers heard of those commits already,
-- with the ids of their events, and drop the notification instead of claiming a second time. The
-- rest is as in 090: notify at commit, only when the advisory lock is free.
create or replace function ${message_driven_schema}.message_driven_notify_append() returns trigger
  language plpgsql set search_path = pg_catalog as $$
begin
  if pg_catalog.pg_try_advisory_xact_lock(28004, (tg_relid::bigint - 2147483648)::integer) then
    perform pg_catalog.pg_notify('message_driven_events',
      coalesce(pg_catalog.current_setting('message_driven.origin', true), ''));
  end if;
  return null;
end;
$$;
--rollback create or replace function ${message_driven_schema}.message_driven_notify_append() returns trigger
--rollback   language plpgsql set search_path = pg_catalog as $$
--rollback begin
--rollback   if pg_catalog.pg_try_advisory_xact_lock(28004, (tg_relid::bigint - 2147483648)::integer) then
--rollback     perform pg_catalog.pg_notify('message_driven_events', '');
--rollback   end if;
--rollback   return null;
--rollback end;
--rollback $$;
