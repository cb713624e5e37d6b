--liquibase formatted sql logicalFilePath:io/messagedriven/jdbi/db/001-tables.sql

--changeset message-driven:001-tenants
create table tenants (
  id          uuid        primary key,
  slug        text        not null,
  name        text        not null,
  created_at  timestamptz not null,
  constraint tenants_slug_unique unique (slug),
  constraint tenants_slug_format check (slug ~ '^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$'),
  constraint tenants_name_length check (char_length(name) between 1 and 200)
);
--rollback drop table tenants;

--changeset message-driven:001-users
create table users (
  id          uuid        primary key,
  tenant_id   uuid        not null references tenants (id),
  email       text        not null,
  name        text        not null,
  created_at  timestamptz not null,
  constraint users_email_length check (char_length(email) between 3 and 254),
  constraint users_name_length check (char_length(name) between 1 and 200)
);
-- An address is unique within its tenant, ignoring case; two tenants may share one.
create unique index users_email_per_tenant on users (tenant_id, lower(email));
--rollback drop table users;

--changeset message-driven:001-events
-- The outbox. position is the write order (not a key: only the partial indexes below order by
-- it, so claims can never wander through published rows); status moves
-- PENDING -> IN_FLIGHT -> PUBLISHED | PENDING (retry) | FAILED.
-- next_attempt_at is when the event is next due: for a pending event its next attempt,
-- for an in-flight one the end of its lease (then another publisher may take it over).
create table events (
  id                  uuid        primary key,
  position            bigint      not null generated always as identity,
  tenant_id           uuid        not null references tenants (id),
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
create index events_unfinished on events (tenant_id, position) where published_at is null and failed_at is null;
-- Unfinished events per aggregate: the per-aggregate order check (is an earlier one unfinished?).
create index events_aggregate_unfinished on events (tenant_id, aggregate_type, aggregate_id, position)
  where published_at is null;
-- An aggregate's whole history in write order.
create index events_aggregate on events (tenant_id, aggregate_type, aggregate_id, position);
--rollback drop table events;
