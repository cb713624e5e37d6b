--liquibase formatted sql logicalFilePath:io/messagedriven/jdbi/db/004-retention.sql

--changeset message-driven:004-published-index
-- Published events by age: what the retention purge deletes first. The predicate names
-- published_at, not status, so claims (which change status) stay heap-only updates.
create index events_published on events (published_at) where published_at is not null;
--rollback drop index events_published;
