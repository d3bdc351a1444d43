--
-- PostgreSQL database dump
--

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: access_tokens; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.access_tokens (
    token_hash text NOT NULL,
    workspace_id bigint NOT NULL,
    id bigint NOT NULL,
    admin_id bigint NOT NULL,
    scopes text NOT NULL,
    created_at bigint NOT NULL,
    revoked_at bigint
);

--
-- Name: admins; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.admins (
    workspace_id bigint NOT NULL,
    id bigint NOT NULL,
    name text NOT NULL,
    email text NOT NULL,
    job_title text,
    away_mode_enabled boolean NOT NULL,
    away_mode_reassign boolean NOT NULL,
    has_inbox_seat boolean NOT NULL,
    owner boolean NOT NULL,
    created_at bigint NOT NULL
);

--
-- Name: blob_deletions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.blob_deletions (
    workspace_id bigint NOT NULL,
    blob_key text NOT NULL,
    enqueued_at bigint NOT NULL,
    attempts integer NOT NULL
);

--
-- Name: contacts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.contacts (
    workspace_id bigint NOT NULL,
    id text NOT NULL,
    role text NOT NULL,
    email text,
    external_id text,
    name text,
    phone text,
    avatar text,
    owner_id bigint,
    unsubscribed_from_emails boolean NOT NULL,
    custom_attributes text NOT NULL,
    signed_up_at bigint,
    last_seen_at bigint,
    last_replied_at bigint,
    archived boolean NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL
);
ALTER TABLE ONLY public.contacts ALTER COLUMN email SET STATISTICS 0;
ALTER TABLE ONLY public.contacts ALTER COLUMN external_id SET STATISTICS 0;
ALTER TABLE ONLY public.contacts ALTER COLUMN name SET STATISTICS 0;
ALTER TABLE ONLY public.contacts ALTER COLUMN phone SET STATISTICS 0;
ALTER TABLE ONLY public.contacts ALTER COLUMN avatar SET STATISTICS 0;
ALTER TABLE ONLY public.contacts ALTER COLUMN custom_attributes SET STATISTICS 0;

--
-- Name: conversation_contacts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.conversation_contacts (
    workspace_id bigint NOT NULL,
    conversation_id bigint NOT NULL,
    contact_id text NOT NULL,
    "position" integer NOT NULL
);

--
-- Name: conversation_metrics; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.conversation_metrics (
    workspace_id bigint NOT NULL,
    conversation_id bigint NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    state text NOT NULL,
    source_type text NOT NULL,
    source_delivered_as text NOT NULL,
    admin_assignee_id bigint,
    team_assignee_id bigint,
    first_contact_reply_at bigint,
    first_assignment_at bigint,
    first_admin_reply_at bigint,
    first_close_at bigint,
    last_assignment_at bigint,
    last_assignment_admin_reply_at bigint,
    last_contact_reply_at bigint,
    last_admin_reply_at bigint,
    last_close_at bigint,
    last_closed_by_id bigint,
    count_parts integer NOT NULL,
    count_reopens integer NOT NULL,
    count_assignments integer NOT NULL,
    deleted_at bigint
);

--
-- Name: conversation_parts; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.conversation_parts (
    workspace_id bigint NOT NULL,
    id bigint NOT NULL,
    conversation_id bigint NOT NULL,
    part_type text NOT NULL,
    body text,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    notified_at bigint NOT NULL,
    author_type text NOT NULL,
    author_id text NOT NULL,
    assigned_to_type text,
    assigned_to_id text,
    metadata text,
    state text NOT NULL,
    redacted boolean NOT NULL
);
ALTER TABLE ONLY public.conversation_parts ALTER COLUMN body SET STATISTICS 0;
ALTER TABLE ONLY public.conversation_parts ALTER COLUMN metadata SET STATISTICS 0;

--
-- Name: conversation_tags; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.conversation_tags (
    workspace_id bigint NOT NULL,
    conversation_id bigint NOT NULL,
    tag_id bigint NOT NULL,
    applied_at bigint NOT NULL,
    applied_by_admin_id bigint
);

--
-- Name: conversation_words; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.conversation_words (
    workspace_id bigint NOT NULL,
    word text NOT NULL,
    conversation_id bigint NOT NULL
);
ALTER TABLE ONLY public.conversation_words ALTER COLUMN word SET STATISTICS 0;

--
-- Name: conversations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.conversations (
    workspace_id bigint NOT NULL,
    id bigint NOT NULL,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    title text,
    state text NOT NULL,
    is_read boolean NOT NULL,
    priority text NOT NULL,
    admin_assignee_id bigint,
    team_assignee_id bigint,
    snoozed_until bigint,
    waiting_since bigint,
    custom_attributes text NOT NULL,
    source_id bigint NOT NULL,
    source_type text NOT NULL,
    source_delivered_as text NOT NULL,
    source_subject text NOT NULL,
    source_body text,
    source_author_type text NOT NULL,
    source_author_id text NOT NULL,
    source_url text,
    source_redacted boolean NOT NULL,
    first_contact_reply_at bigint
);
ALTER TABLE ONLY public.conversations ALTER COLUMN title SET STATISTICS 0;
ALTER TABLE ONLY public.conversations ALTER COLUMN custom_attributes SET STATISTICS 0;
ALTER TABLE ONLY public.conversations ALTER COLUMN source_subject SET STATISTICS 0;
ALTER TABLE ONLY public.conversations ALTER COLUMN source_body SET STATISTICS 0;
ALTER TABLE ONLY public.conversations ALTER COLUMN source_url SET STATISTICS 0;

--
-- Name: erasures; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.erasures (
    workspace_id bigint NOT NULL,
    id bigint NOT NULL,
    conversation_id bigint NOT NULL,
    admin_id bigint,
    token_id bigint,
    erased_at bigint NOT NULL,
    parts_erased integer NOT NULL,
    uploads_erased integer NOT NULL,
    retain_metrics boolean NOT NULL
);

--
-- Name: export_jobs; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.export_jobs (
    workspace_id bigint NOT NULL,
    id text NOT NULL,
    dataset_id text NOT NULL,
    attribute_ids text NOT NULL,
    start_time bigint NOT NULL,
    end_time bigint NOT NULL,
    status text NOT NULL,
    generation bigint NOT NULL,
    attempts integer NOT NULL,
    claimed_by text,
    heartbeat_at bigint,
    row_count bigint,
    file_size bigint,
    created_at bigint NOT NULL,
    completed_at bigint,
    expires_at bigint,
    updated_at bigint NOT NULL
);

--
-- Name: flyway_schema_history; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.flyway_schema_history (
    installed_rank integer NOT NULL,
    version character varying(50),
    description character varying(200) NOT NULL,
    type character varying(20) NOT NULL,
    script character varying(1000) NOT NULL,
    checksum integer,
    installed_by character varying(100) NOT NULL,
    installed_on timestamp without time zone DEFAULT now() NOT NULL,
    execution_time integer NOT NULL,
    success boolean NOT NULL
);

--
-- Name: id_counters; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.id_counters (
    name text NOT NULL,
    next_id bigint NOT NULL
);

--
-- Name: ids_admin; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ids_admin
    START WITH 1000001
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: ids_conversation; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ids_conversation
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: ids_erasure; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ids_erasure
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: ids_part; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ids_part
    START WITH 100000001
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: ids_tag; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ids_tag
    START WITH 3000001
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: ids_team; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ids_team
    START WITH 2000001
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: ids_token; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ids_token
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: ids_upload; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ids_upload
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: ids_workspace; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.ids_workspace
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;

--
-- Name: rate_limit_windows; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.rate_limit_windows (
    workspace_id bigint NOT NULL,
    window_start bigint NOT NULL,
    reserved bigint NOT NULL,
    last_grant bigint NOT NULL
);

--
-- Name: tags; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.tags (
    workspace_id bigint NOT NULL,
    id bigint NOT NULL,
    name text NOT NULL,
    name_key text NOT NULL,
    created_at bigint NOT NULL
);
ALTER TABLE ONLY public.tags ALTER COLUMN name SET STATISTICS 0;
ALTER TABLE ONLY public.tags ALTER COLUMN name_key SET STATISTICS 0;

--
-- Name: team_members; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.team_members (
    workspace_id bigint NOT NULL,
    team_id bigint NOT NULL,
    admin_id bigint NOT NULL
);

--
-- Name: teams; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.teams (
    workspace_id bigint NOT NULL,
    id bigint NOT NULL,
    name text NOT NULL,
    created_at bigint NOT NULL
);

--
-- Name: upload_intents; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.upload_intents (
    blob_key text NOT NULL,
    workspace_id bigint NOT NULL,
    created_at bigint NOT NULL
);

--
-- Name: uploads; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.uploads (
    workspace_id bigint NOT NULL,
    id bigint NOT NULL,
    conversation_id bigint NOT NULL,
    part_id bigint,
    "position" integer NOT NULL,
    kind text NOT NULL,
    name text NOT NULL,
    content_type text NOT NULL,
    filesize bigint,
    width integer,
    height integer,
    blob_key text,
    url_token text,
    url text,
    created_at bigint NOT NULL
);
ALTER TABLE ONLY public.uploads ALTER COLUMN name SET STATISTICS 0;
ALTER TABLE ONLY public.uploads ALTER COLUMN content_type SET STATISTICS 0;
ALTER TABLE ONLY public.uploads ALTER COLUMN blob_key SET STATISTICS 0;
ALTER TABLE ONLY public.uploads ALTER COLUMN url_token SET STATISTICS 0;
ALTER TABLE ONLY public.uploads ALTER COLUMN url SET STATISTICS 0;

--
-- Name: workspaces; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.workspaces (
    workspace_id bigint NOT NULL,
    name text NOT NULL,
    id_code text NOT NULL,
    restricted boolean NOT NULL,
    default_version text NOT NULL,
    created_at bigint NOT NULL,
    rate_limit_per_minute bigint
);

--
-- Data for Name: access_tokens; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: admins; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: blob_deletions; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: contacts; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: conversation_contacts; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: conversation_metrics; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: conversation_parts; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: conversation_tags; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: conversation_words; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: conversations; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: erasures; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: export_jobs; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: flyway_schema_history; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.flyway_schema_history VALUES (1, '1', 'schema', 'SQL', 'V1__schema.sql', -1313306325, 'postgres', '2026-12-04 19:34:10.406578', 396, true);
INSERT INTO public.flyway_schema_history VALUES (2, '2', 'reporting export jobs', 'SQL', 'V2__reporting_export_jobs.sql', -594225890, 'postgres', '2026-12-04 19:34:11.404795', 38, true);
INSERT INTO public.flyway_schema_history VALUES (3, '4', 'search', 'SQL', 'V4__search.sql', -1763635593, 'postgres', '2026-12-04 19:34:11.465829', 27, true);
INSERT INTO public.flyway_schema_history VALUES (4, '4.1', 'Conversation words', 'JDBC', 'db.migration.V4_1__Conversation_words', NULL, 'postgres', '2026-12-04 19:34:11.525145', 6, true);
INSERT INTO public.flyway_schema_history VALUES (5, '6', 'id sequences', 'JDBC', 'dev.parley.store.IdSequencesMigration', 60001, 'postgres', '2026-12-04 19:34:11.553753', 54, true);
INSERT INTO public.flyway_schema_history VALUES (6, '7', 'rate limits', 'SQL', 'V7__rate_limits.sql', -655926630, 'postgres', '2026-12-04 19:34:11.638472', 9, true);
INSERT INTO public.flyway_schema_history VALUES (7, '8', 'upload intents', 'SQL', 'V8__upload_intents.sql', 172731380, 'postgres', '2026-12-04 19:34:11.666491', 47, true);
INSERT INTO public.flyway_schema_history VALUES (8, '9', 'no content in planner statistics', 'JDBC', 'dev.parley.store.ContentStatisticsMigration', 90001, 'postgres', '2026-12-04 19:34:11.74346', 56, true);

--
-- Data for Name: id_counters; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: rate_limit_windows; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: tags; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: team_members; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: teams; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: upload_intents; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: uploads; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Data for Name: workspaces; Type: TABLE DATA; Schema: public; Owner: -
--

--
-- Name: ids_admin; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.ids_admin', 1000001, false);

--
-- Name: ids_conversation; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.ids_conversation', 1, false);

--
-- Name: ids_erasure; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.ids_erasure', 1, false);

--
-- Name: ids_part; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.ids_part', 100000001, false);

--
-- Name: ids_tag; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.ids_tag', 3000001, false);

--
-- Name: ids_team; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.ids_team', 2000001, false);

--
-- Name: ids_token; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.ids_token', 1, false);

--
-- Name: ids_upload; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.ids_upload', 1, false);

--
-- Name: ids_workspace; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.ids_workspace', 1, false);

--
-- Name: access_tokens access_tokens_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.access_tokens
    ADD CONSTRAINT access_tokens_pkey PRIMARY KEY (token_hash);

--
-- Name: admins admins_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.admins
    ADD CONSTRAINT admins_pkey PRIMARY KEY (workspace_id, id);

--
-- Name: blob_deletions blob_deletions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.blob_deletions
    ADD CONSTRAINT blob_deletions_pkey PRIMARY KEY (workspace_id, blob_key);

--
-- Name: contacts contacts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.contacts
    ADD CONSTRAINT contacts_pkey PRIMARY KEY (workspace_id, id);

--
-- Name: conversation_contacts conversation_contacts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conversation_contacts
    ADD CONSTRAINT conversation_contacts_pkey PRIMARY KEY (workspace_id, conversation_id, contact_id);

--
-- Name: conversation_metrics conversation_metrics_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conversation_metrics
    ADD CONSTRAINT conversation_metrics_pkey PRIMARY KEY (workspace_id, conversation_id);

--
-- Name: conversation_parts conversation_parts_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conversation_parts
    ADD CONSTRAINT conversation_parts_pkey PRIMARY KEY (workspace_id, id);

--
-- Name: conversation_tags conversation_tags_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conversation_tags
    ADD CONSTRAINT conversation_tags_pkey PRIMARY KEY (workspace_id, conversation_id, tag_id);

--
-- Name: conversation_words conversation_words_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conversation_words
    ADD CONSTRAINT conversation_words_pkey PRIMARY KEY (workspace_id, word, conversation_id);

--
-- Name: conversations conversations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.conversations
    ADD CONSTRAINT conversations_pkey PRIMARY KEY (workspace_id, id);

--
-- Name: erasures erasures_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.erasures
    ADD CONSTRAINT erasures_pkey PRIMARY KEY (workspace_id, id);

--
-- Name: export_jobs export_jobs_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.export_jobs
    ADD CONSTRAINT export_jobs_pkey PRIMARY KEY (workspace_id, id);

--
-- Name: flyway_schema_history flyway_schema_history_pk; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.flyway_schema_history
    ADD CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank);

--
-- Name: id_counters id_counters_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.id_counters
    ADD CONSTRAINT id_counters_pkey PRIMARY KEY (name);

--
-- Name: rate_limit_windows rate_limit_windows_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.rate_limit_windows
    ADD CONSTRAINT rate_limit_windows_pkey PRIMARY KEY (workspace_id);

--
-- Name: tags tags_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.tags
    ADD CONSTRAINT tags_pkey PRIMARY KEY (workspace_id, id);

--
-- Name: team_members team_members_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.team_members
    ADD CONSTRAINT team_members_pkey PRIMARY KEY (workspace_id, team_id, admin_id);

--
-- Name: teams teams_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.teams
    ADD CONSTRAINT teams_pkey PRIMARY KEY (workspace_id, id);

--
-- Name: upload_intents upload_intents_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.upload_intents
    ADD CONSTRAINT upload_intents_pkey PRIMARY KEY (blob_key);

--
-- Name: uploads uploads_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.uploads
    ADD CONSTRAINT uploads_pkey PRIMARY KEY (workspace_id, id);

--
-- Name: workspaces workspaces_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.workspaces
    ADD CONSTRAINT workspaces_pkey PRIMARY KEY (workspace_id);

--
-- Name: access_tokens_id; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX access_tokens_id ON public.access_tokens USING btree (workspace_id, id);

--
-- Name: admins_email; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX admins_email ON public.admins USING btree (workspace_id, email);

--
-- Name: contacts_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contacts_created ON public.contacts USING btree (workspace_id, created_at, id);

--
-- Name: contacts_email; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contacts_email ON public.contacts USING btree (workspace_id, email);

--
-- Name: contacts_external_id; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX contacts_external_id ON public.contacts USING btree (workspace_id, external_id);

--
-- Name: conversation_contacts_contact; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conversation_contacts_contact ON public.conversation_contacts USING btree (workspace_id, contact_id);

--
-- Name: conversation_metrics_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conversation_metrics_created ON public.conversation_metrics USING btree (workspace_id, created_at, conversation_id);

--
-- Name: conversation_parts_conversation; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conversation_parts_conversation ON public.conversation_parts USING btree (workspace_id, conversation_id, id);

--
-- Name: conversation_tags_tag; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conversation_tags_tag ON public.conversation_tags USING btree (workspace_id, tag_id);

--
-- Name: conversation_words_conversation; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conversation_words_conversation ON public.conversation_words USING btree (workspace_id, conversation_id);

--
-- Name: conversations_admin_assignee; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conversations_admin_assignee ON public.conversations USING btree (workspace_id, admin_assignee_id, state, created_at, id);

--
-- Name: conversations_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conversations_created ON public.conversations USING btree (workspace_id, created_at, id);

--
-- Name: conversations_state; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conversations_state ON public.conversations USING btree (workspace_id, state, created_at, id);

--
-- Name: conversations_team_assignee; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conversations_team_assignee ON public.conversations USING btree (workspace_id, team_assignee_id, state, created_at, id);

--
-- Name: conversations_updated; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX conversations_updated ON public.conversations USING btree (workspace_id, updated_at, id);

--
-- Name: erasures_conversation; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX erasures_conversation ON public.erasures USING btree (workspace_id, conversation_id);

--
-- Name: export_jobs_status; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX export_jobs_status ON public.export_jobs USING btree (workspace_id, status, created_at);

--
-- Name: flyway_schema_history_s_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX flyway_schema_history_s_idx ON public.flyway_schema_history USING btree (success);

--
-- Name: tags_name; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX tags_name ON public.tags USING btree (workspace_id, name_key);

--
-- Name: upload_intents_created; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX upload_intents_created ON public.upload_intents USING btree (created_at);

--
-- Name: uploads_blob_key; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX uploads_blob_key ON public.uploads USING btree (blob_key);

--
-- Name: uploads_conversation; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX uploads_conversation ON public.uploads USING btree (workspace_id, conversation_id, part_id);

--
-- Name: uploads_url_token; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX uploads_url_token ON public.uploads USING btree (workspace_id, url_token);

--
-- Name: workspaces_name; Type: INDEX; Schema: public; Owner: -
--

CREATE UNIQUE INDEX workspaces_name ON public.workspaces USING btree (name);

--
-- PostgreSQL database dump complete
--

