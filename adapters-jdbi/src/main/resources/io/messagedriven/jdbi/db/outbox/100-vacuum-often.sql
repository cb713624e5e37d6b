--liquibase formatted sql logicalFilePath:io/messagedriven/jdbi/db/outbox/100-vacuum-often.sql

--changeset message-driven:100-outbox-vacuumed-often
-- Every acknowledgement leaves a dead entry in the unfinished-events indexes, and each claim
-- walks past the dead entries of the oldest events until VACUUM removes them: with the default
-- (vacuum after a fifth of the table changed) a claim on a drained half of a 1,000,000-event
-- backlog walks half a million of them. Vacuum the outbox after 2% of it (at least 1,000 rows)
-- changed, and analyze it as often, so claims stay cheap and their plans fresh.
alter table ${message_driven_schema}.events set (
  autovacuum_vacuum_scale_factor = 0.02, autovacuum_vacuum_threshold = 1000,
  autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02);
--rollback alter table ${message_driven_schema}.events reset (autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold, autovacuum_vacuum_insert_scale_factor, autovacuum_analyze_scale_factor);
