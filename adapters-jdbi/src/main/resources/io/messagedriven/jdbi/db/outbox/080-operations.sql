--liquibase formatted sql logicalFilePath:io/messagedriven/jdbi/db/outbox/080-operations.sql

--changeset message-driven:080-operations-tables
-- What operators read and change besides the events: the publishers seen (each writes a
-- heartbeat row every few seconds), the tenants paused (claims skip them), and the events
-- published per minute and tenant (written with each acknowledgement, kept two hours), so a
-- throughput chart never counts rows of the events table.
create table if not exists ${message_driven_schema}.publishers (
  owner         text        primary key,
  host          text        not null,
  started_at    timestamptz not null,
  last_seen_at  timestamptz not null default now(),
  in_flight     integer     not null default 0,
  stopped_at    timestamptz
);
create table if not exists ${message_driven_schema}.paused_tenants (
  tenant_id  uuid        primary key references ${message_driven_schema}.tenants (id),
  paused_at  timestamptz not null default now(),
  reason     text        not null default ''
);
create table if not exists ${message_driven_schema}.published_minutes (
  minute     timestamptz not null,
  tenant_id  uuid        not null,
  published  bigint      not null,
  primary key (minute, tenant_id)
);
-- The cause of a failed event: a key of the error class and the message's shape (see
-- failure_cause), written when the event fails for good. Only a failure writes it, so a retry
-- (which rewrites the last error) stays a heap-only update.
alter table ${message_driven_schema}.events add column if not exists last_error_cause text;
--rollback drop table ${message_driven_schema}.published_minutes;
--rollback drop table ${message_driven_schema}.paused_tenants;
--rollback drop table ${message_driven_schema}.publishers;
--rollback alter table ${message_driven_schema}.events drop column last_error_cause;

--changeset message-driven:080-failure-cause splitStatements:false runOnChange:true
-- An error message's shape: quoted strings, UUIDs, hexadecimal and decimal numbers replaced by ?,
-- white space collapsed, cut to 500 characters; so "order 42 not found" and "order 43 not found"
-- are one cause.
create or replace function ${message_driven_schema}.failure_message_shape(message text) returns text
language sql immutable parallel safe as $$
  select left(btrim(regexp_replace(regexp_replace(regexp_replace(regexp_replace(regexp_replace(
      coalesce(message, ''),
      '''[^'']*''|"[^"]*"', '?', 'g'),
      '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}', '?', 'g'),
      '\m0[xX][0-9a-fA-F]+\M|\m[0-9a-fA-F]{8,}\M', '?', 'g'),
      '\m[0-9]+([.,][0-9]+)*', '?', 'g'),
      '\s+', ' ', 'g')), 500)
$$;
-- The key of a cause: 16 hex digits of the md5 of the error class and the message's shape.
create or replace function ${message_driven_schema}.failure_cause(error_class text, message text) returns text
language sql immutable parallel safe as $$
  select left(md5(coalesce(error_class, '') || ': ' || ${message_driven_schema}.failure_message_shape(message)), 16)
$$;
--rollback drop function ${message_driven_schema}.failure_cause(text, text);
--rollback drop function ${message_driven_schema}.failure_message_shape(text);

--changeset message-driven:080-operations-indexes
update ${message_driven_schema}.events
set last_error_cause = ${message_driven_schema}.failure_cause(last_error_class, last_error_message)
where failed_at is not null and last_error_cause is null;
-- Failed events by cause, in write order: cause groups (counted from the index alone, hence the
-- included columns), and bulk requeue or delete of one.
create index if not exists events_failed_cause on ${message_driven_schema}.events (last_error_cause, position)
  include (tenant_id, failed_at, id) where failed_at is not null;
-- Failed events per tenant in write order: counts and lists of failures.
create index if not exists events_failed on ${message_driven_schema}.events (tenant_id, position)
  where failed_at is not null;
-- Published events per tenant: their counts. Written once per event, by its acknowledgement.
create index if not exists events_published_tenant on ${message_driven_schema}.events (tenant_id, published_at)
  where published_at is not null;
-- Every event in write order: lists newest first, across tenants. Appends go to its right edge.
create index if not exists events_position on ${message_driven_schema}.events (position);
--rollback drop index ${message_driven_schema}.events_position;
--rollback drop index ${message_driven_schema}.events_published_tenant;
--rollback drop index ${message_driven_schema}.events_failed;
--rollback drop index ${message_driven_schema}.events_failed_cause;

--changeset message-driven:080-operations-grants runAlways:true runOnChange:true splitStatements:false
-- The publishers' role writes heartbeats and throughput and reads the paused tenants; operators'
-- tools work on the same cross-tenant path (see 040-roles-and-grants), so it may change them all.
-- Tenant transactions need none of these tables.
do $$
declare
  target constant text := '${message_driven_schema}';
  publisher_role constant text := 'message_driven_publisher';
  table_name text;
  privilege text;
begin
  if not exists (select from pg_roles where rolname = publisher_role) then
    return;
  end if;
  foreach table_name in array array['publishers', 'paused_tenants', 'published_minutes'] loop
    foreach privilege in array array['select', 'insert', 'update', 'delete'] loop
      if not has_table_privilege(publisher_role, format('%I.%I', target, table_name), privilege) then
        execute format('grant %s on table %I.%I to %I', privilege, target, table_name, publisher_role);
      end if;
    end loop;
  end loop;
end;
$$;
--rollback select 1;
