--liquibase formatted sql logicalFilePath:io/messagedriven/jdbi/db/outbox/040-tenancy.sql

--changeset message-driven:040-row-level-security
-- Tenant isolation, enforced by PostgreSQL. The tenant of a transaction is the setting
-- message_driven.tenant_id, which the library sets transaction-locally (set_config(..., true)).
-- With no tenant set, no event is visible and none can be written. FORCE makes the policies bind
-- the tables' owner too. Superusers and roles with BYPASSRLS still skip every policy, so the
-- library also switches its transactions to the role message_driven_tenant
-- (changeset 040-roles-and-grants).
alter table ${message_driven_schema}.tenants enable row level security;
alter table ${message_driven_schema}.tenants force row level security;
alter table ${message_driven_schema}.events enable row level security;
alter table ${message_driven_schema}.events force row level security;

-- The tenant directory: with no tenant set (resolving a slug, creating a tenant) every tenant;
-- inside a tenant, that tenant alone. Tenants are created only with no tenant set, a tenant may
-- change its own row only, and no policy lets anyone delete one. (A database upgraded from 0.1
-- has these policies already: they are made anew.)
drop policy if exists tenants_visible on ${message_driven_schema}.tenants;
create policy tenants_visible on ${message_driven_schema}.tenants for select
  using (nullif(current_setting('message_driven.tenant_id', true), '') is null
         or id = nullif(current_setting('message_driven.tenant_id', true), '')::uuid);
drop policy if exists tenants_created_without_tenant on ${message_driven_schema}.tenants;
create policy tenants_created_without_tenant on ${message_driven_schema}.tenants for insert
  with check (nullif(current_setting('message_driven.tenant_id', true), '') is null);
drop policy if exists tenants_own_row on ${message_driven_schema}.tenants;
create policy tenants_own_row on ${message_driven_schema}.tenants for update
  using (id = nullif(current_setting('message_driven.tenant_id', true), '')::uuid)
  with check (id = nullif(current_setting('message_driven.tenant_id', true), '')::uuid);

drop policy if exists events_of_current_tenant on ${message_driven_schema}.events;
create policy events_of_current_tenant on ${message_driven_schema}.events for all
  using (tenant_id = nullif(current_setting('message_driven.tenant_id', true), '')::uuid)
  with check (tenant_id = nullif(current_setting('message_driven.tenant_id', true), '')::uuid);
--rollback drop policy events_of_current_tenant on ${message_driven_schema}.events;
--rollback drop policy tenants_own_row on ${message_driven_schema}.tenants;
--rollback drop policy tenants_created_without_tenant on ${message_driven_schema}.tenants;
--rollback drop policy tenants_visible on ${message_driven_schema}.tenants;

--changeset message-driven:040-roles-and-grants runAlways:true runOnChange:true splitStatements:false
-- The roles of tenancy, re-checked on every run so that what could not be done once (the
-- migrating role lacked CREATEROLE) is done as soon as an administrator has created the roles.
--   message_driven_tenant     NOLOGIN, subject to row-level security: the library's
--                             transactions switch to it (SET LOCAL ROLE), so the policies hold
--                             even when the application connects as a superuser.
--   message_driven_publisher  NOLOGIN: members read and update every tenant's events; the
--                             publishers' explicit cross-tenant path.
-- Roles belong to the whole server: a role that exists already (another database) is reused.
-- Whatever cannot be done is reported with a WARNING; the README ("Tenancy") says what an
-- administrator must set up instead. Nothing is granted or created twice, so a re-run writes
-- nothing.
do $$
declare
  target constant text := '${message_driven_schema}';
  tenant_role constant text := 'message_driven_tenant';
  publisher_role constant text := 'message_driven_publisher';
  me pg_roles%rowtype;
  role_name text;
  grant_spec text[];
begin
  select * into me from pg_roles where rolname = current_user;

  foreach role_name in array array[tenant_role, publisher_role] loop
    if not exists (select from pg_roles where rolname = role_name) then
      if me.rolsuper or me.rolcreaterole then
        begin
          execute format('create role %I nologin', role_name);
        exception when duplicate_object or unique_violation then
          null; -- created meanwhile by a migration of another database
        end;
      else
        raise warning 'message-driven: role % does not exist and % may not create it (no CREATEROLE); '
          'see the README, section Tenancy', role_name, current_user;
      end if;
    end if;
  end loop;

  -- The migrating role usually is the application's role: let it switch to the tenant role
  -- (SET on PostgreSQL 16+, membership before) and inherit the publisher role's policy (USAGE).
  if not me.rolsuper then
    foreach grant_spec slice 1 in array array[
        [tenant_role, case when current_setting('server_version_num')::int >= 160000 then 'SET' else 'MEMBER' end],
        [publisher_role, 'USAGE']] loop
      if exists (select from pg_roles where rolname = grant_spec[1]) and not pg_has_role(grant_spec[1], grant_spec[2]) then
        begin
          execute format('grant %I to %I', grant_spec[1], current_user);
        exception when insufficient_privilege or invalid_grant_operation then
          raise warning 'message-driven: % may not grant itself role %; have an administrator run: grant % to %',
            current_user, grant_spec[1], grant_spec[1], current_user;
        end;
      end if;
    end loop;
  end if;

  -- Table privileges: {role, table, privilege}.
  foreach grant_spec slice 1 in array array[
      [tenant_role, 'tenants', 'select'], [tenant_role, 'tenants', 'insert'], [tenant_role, 'tenants', 'update'],
      [tenant_role, 'events', 'select'], [tenant_role, 'events', 'insert'], [tenant_role, 'events', 'update'],
      [tenant_role, 'events', 'delete'],
      [publisher_role, 'tenants', 'select'],
      [publisher_role, 'events', 'select'], [publisher_role, 'events', 'update'], [publisher_role, 'events', 'delete']] loop
    if exists (select from pg_roles where rolname = grant_spec[1])
        and not has_table_privilege(grant_spec[1], format('%I.%I', target, grant_spec[2]), grant_spec[3]) then
      execute format('grant %s on table %I.%I to %I', grant_spec[3], target, grant_spec[2], grant_spec[1]);
    end if;
  end loop;
  foreach role_name in array array[tenant_role, publisher_role] loop
    if exists (select from pg_roles where rolname = role_name)
        and not has_schema_privilege(role_name, target, 'USAGE') then
      execute format('grant usage on schema %I to %I', target, role_name);
    end if;
  end loop;

  if exists (select from pg_roles where rolname = publisher_role)
      and not exists (select from pg_policies
                      where schemaname = target and tablename = 'events'
                        and policyname = 'events_of_every_tenant_for_publishers') then
    -- Only outside a tenant transaction: a publisher-role member that also runs tenant
    -- transactions (it cannot switch roles) must see just that tenant's events inside them.
    -- Nor in the library's transactions without a tenant (the directory): changeset 060.
    execute format('create policy events_of_every_tenant_for_publishers on %I.events for all to %I '
      'using (nullif(current_setting(''message_driven.tenant_id'', true), '''') is null '
      'and coalesce(current_setting(''message_driven.directory'', true), '''') <> ''on'') '
      'with check (nullif(current_setting(''message_driven.tenant_id'', true), '''') is null '
      'and coalesce(current_setting(''message_driven.directory'', true), '''') <> ''on'')',
      target, publisher_role);
  end if;
end;
$$;
--rollback drop policy if exists events_of_every_tenant_for_publishers on ${message_driven_schema}.events;
