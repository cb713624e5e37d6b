--liquibase formatted sql logicalFilePath:io/messagedriven/jdbi/user/010-users.sql

--changeset message-driven:user-010-users
-- An address is unique within its tenant, ignoring case; two tenants may share one. The address
-- lower-cased is stored for look-ups under row-level security: a condition on lower(email) may
-- not run before the policies' (lower() is not LEAKPROOF), so it could not use an index.
create table if not exists ${message_driven_schema}.users (
  id           uuid        primary key,
  tenant_id    uuid        not null references ${message_driven_schema}.tenants (id),
  email        text        not null,
  name         text        not null,
  created_at   timestamptz not null,
  email_lower  text        generated always as (lower(email)) stored,
  constraint users_email_length check (char_length(email) between 3 and 254),
  constraint users_name_length check (char_length(name) between 1 and 200)
);
create unique index if not exists users_email_per_tenant on ${message_driven_schema}.users (tenant_id, email_lower);
-- A tenant's users in creation order: the keyset pagination of the user queries.
create index if not exists users_tenant_created on ${message_driven_schema}.users (tenant_id, created_at, id);
alter table ${message_driven_schema}.users enable row level security;
alter table ${message_driven_schema}.users force row level security;
drop policy if exists users_of_current_tenant on ${message_driven_schema}.users;
create policy users_of_current_tenant on ${message_driven_schema}.users for all
  using (tenant_id = nullif(current_setting('message_driven.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('message_driven.tenant_id', true), '')::uuid);
--rollback drop table ${message_driven_schema}.users;

--changeset message-driven:user-010-grants runAlways:true runOnChange:true splitStatements:false
-- What the library's tenant transactions (role message_driven_tenant) may do with users.
do $$
declare
  target constant text := '${message_driven_schema}';
  privilege text;
begin
  if exists (select from pg_roles where rolname = 'message_driven_tenant') then
    foreach privilege in array array['select', 'insert', 'update', 'delete'] loop
      if not has_table_privilege('message_driven_tenant', format('%I.users', target), privilege) then
        execute format('grant %s on table %I.users to message_driven_tenant', privilege, target);
      end if;
    end loop;
  end if;
end;
$$;
--rollback select 1;
