--liquibase formatted sql logicalFilePath:io/messagedriven/jdbi/db/outbox/050-default-tenant.sql

--changeset message-driven:050-default-tenant
-- The tenant of services that have none of their own (TenantId.DEFAULT, the nil UUID): an
-- append that names no tenant lands here. Row-level security holds as for any other tenant.
insert into ${message_driven_schema}.tenants (id, slug, name, created_at)
values ('00000000-0000-0000-0000-000000000000', 'default', 'Default tenant', now())
on conflict do nothing;
--rollback delete from ${message_driven_schema}.tenants where id = '00000000-0000-0000-0000-000000000000';
