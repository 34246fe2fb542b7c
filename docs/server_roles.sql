-- A team's PostgreSQL server for the workbench (README, "Working as a team").
-- Run the first part as a superuser; then open the store once as workbench_owner (any
-- `python -m coding` command with that URL), which creates the tables; then run the grants
-- as workbench_owner, connected to the workbench database. Repeat the grants after an
-- upgrade that adds tables. Choose real passwords; keep them out of the repository.

-- as a superuser
CREATE ROLE workbench_owner LOGIN PASSWORD 'change-me-owner';
CREATE DATABASE workbench OWNER workbench_owner;
CREATE ROLE workbench_app LOGIN PASSWORD 'change-me-app';

-- as workbench_owner, in the workbench database, after the first open
GRANT CONNECT ON DATABASE workbench TO workbench_app;
GRANT USAGE ON SCHEMA public TO workbench_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO workbench_app;
GRANT USAGE ON ALL SEQUENCES IN SCHEMA public TO workbench_app;
REVOKE UPDATE, DELETE, TRUNCATE ON history FROM workbench_app;
