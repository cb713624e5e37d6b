--liquibase formatted sql logicalFilePath:io/messagedriven/jdbi/db/outbox/070-delivered-targets.sql

--changeset message-driven:070-events-remember-the-targets-that-have-them
-- The targets of a multi-target handler that acknowledged an event while another failed it: a
-- retry or a requeue goes to the others only.
alter table ${message_driven_schema}.events add column delivered_to text[] not null default '{}';
--rollback alter table ${message_driven_schema}.events drop column delivered_to;
