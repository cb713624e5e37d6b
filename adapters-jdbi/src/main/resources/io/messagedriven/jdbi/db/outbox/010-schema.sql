--liquibase formatted sql logicalFilePath:io/messagedriven/jdbi/db/outbox/010-schema.sql

--changeset message-driven:010-schema splitStatements:false
-- Every object of the library lives in this one schema, and every statement it runs names it, so
-- nothing of the application's (a table of the same name, a temporary table, a search_path)
-- can redirect one.
create schema if not exists ${message_driven_schema};

-- A database migrated by message-driven 0.1 has tenants, users and events (and the notify
-- function) in the schema that was first on its search_path. Move them, rows, indexes,
-- constraints, triggers, policies and identity sequences included, into the library's schema;
-- later changesets find them there and leave them be.
do $$
declare
  target constant text := '${message_driven_schema}';
  legacy text;
  moved text;
begin
  select n.nspname into legacy
  from pg_proc p join pg_namespace n on n.oid = p.pronamespace
  where p.proname = 'message_driven_notify_append' and n.nspname <> target
  limit 1;
  if legacy is null then
    return;
  end if;
  foreach moved in array array['tenants', 'users', 'events'] loop
    if to_regclass(format('%I.%I', legacy, moved)) is not null
        and to_regclass(format('%I.%I', target, moved)) is null then
      execute format('alter table %I.%I set schema %I', legacy, moved, target);
    end if;
  end loop;
  execute format('alter function %I.message_driven_notify_append() set schema %I', legacy, target);
  raise notice 'message-driven: moved the outbox of schema % into schema %', legacy, target;
end;
$$;
--rollback select 1;
