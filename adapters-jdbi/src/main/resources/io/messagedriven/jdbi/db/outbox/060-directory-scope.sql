--liquibase formatted sql logicalFilePath:io/messagedriven/jdbi/db/outbox/060-directory-scope.sql

--changeset message-driven:060-publishers-see-no-events-in-the-directory splitStatements:false
-- A transaction of the library with no tenant (withoutTenant: the tenant directory) sets
-- message_driven.directory = 'on'. The publishers' policy then shows no event, even to a member of
-- message_driven_publisher: only the publishers' own path, which sets neither setting, crosses
-- tenants.
do $$
declare
  target constant text := '${message_driven_schema}';
begin
  if exists (select from pg_policies where schemaname = target and tablename = 'events'
             and policyname = 'events_of_every_tenant_for_publishers') then
    execute format('alter policy events_of_every_tenant_for_publishers on %I.events '
      'using (nullif(current_setting(''message_driven.tenant_id'', true), '''') is null '
      'and coalesce(current_setting(''message_driven.directory'', true), '''') <> ''on'') '
      'with check (nullif(current_setting(''message_driven.tenant_id'', true), '''') is null '
      'and coalesce(current_setting(''message_driven.directory'', true), '''') <> ''on'')', target);
  end if;
end;
$$;
--rollback select 1;
