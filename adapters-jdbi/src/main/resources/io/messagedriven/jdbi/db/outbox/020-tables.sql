--liquibase formatted sql logicalFilePath:io/messagedriven/jdbi/db/outbox/020-tables.sql

--changeset message-driven:020-tenants
create table if not exists ${message_driven_schema}.tenants (
  id          uuid        primary key,
  slug        text        not null,
  name        text        not null,
  created_at  timestamptz not null,
  constraint tenants_slug_unique unique (slug),
  constraint tenants_slug_format check (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  constraint tenants_name_length check (char_length(name) between 1 and 200)
);
--rollback drop table ${message_driven_schema}.tenants;

--changeset message-driven:020-events
-- The outbox. position is the write order (not a key: only the partial indexes below order by
-- it, so claims can never wander through published rows); status moves
-- PENDING -> IN_FLIGHT -> PUBLISHED | PENDING (retry) | FAILED.
-- next_attempt_at is when the event is next due: for a pending event its next attempt,
-- for an in-flight one the end of its lease (then another publisher may take it over).
create table if not exists ${message_driven_schema}.events (
  id                  uuid        primary key,
  position            bigint      not null generated always as identity,
  tenant_id           uuid        not null references ${message_driven_schema}.tenants (id),
  aggregate_type      text        not null,
  aggregate_id        text        not null,
  name                text        not null,
  payload             json        not null,
  headers             json        not null default '{}',
  occurred_at         timestamptz not null,
  status              text        not null default 'PENDING',
  attempts            integer     not null default 0,
  next_attempt_at     timestamptz not null default now(),
  lease_owner         text,
  lease_token         uuid,
  lease_until         timestamptz,
  last_error_class    text,
  last_error_message  text,
  last_error_stack    text,
  published_at        timestamptz,
  failed_at           timestamptz,
  created_at          timestamptz not null default now(),
  constraint events_status check (status in ('PENDING', 'IN_FLIGHT', 'PUBLISHED', 'FAILED')),
  constraint events_attempts check (attempts >= 0),
  constraint events_lease check ((status = 'IN_FLIGHT') = (lease_token is not null)),
  constraint events_finished check ((published_at is null or status = 'PUBLISHED') and (failed_at is null or status = 'FAILED'))
) with (fillfactor = 50);
-- Unfinished events per tenant in write order: what a claim scans, tenant by tenant. The
-- predicates name only columns a claim leaves alone, and pages keep half their space free
-- (fillfactor 50) for the claimed version of every row, so a claim is a heap-only (HOT) update
-- that writes no index entries; only the final acknowledgement touches the indexes.
create index if not exists events_unfinished on ${message_driven_schema}.events (tenant_id, position)
  where published_at is null and failed_at is null;
-- Unfinished events per aggregate: the per-aggregate order check (is an earlier one unfinished?).
create index if not exists events_aggregate_unfinished
  on ${message_driven_schema}.events (tenant_id, aggregate_type, aggregate_id, position)
  where published_at is null;
-- An aggregate's whole history in write order.
create index if not exists events_aggregate
  on ${message_driven_schema}.events (tenant_id, aggregate_type, aggregate_id, position);
-- Published events by age: what the retention purge deletes first. The predicate names
-- published_at, not status, so claims (which change status) stay heap-only updates.
create index if not exists events_published on ${message_driven_schema}.events (published_at)
  where published_at is not null;
--rollback drop table ${message_driven_schema}.events;
