--liquibase formatted sql logicalFilePath:io/messagedriven/jdbi/db/004-retention.sql

--changeset message-driven:004-published-index
-- Published events by age: what the retention purge deletes first.
create index events_published on events (published_at) where status = 'PUBLISHED';
--rollback drop index events_published;
