-- Files and charts offered by link, shared by every instance until they expire.
create table download_files (id text primary key, doc jsonb not null, expires_utc timestamptz);
create index download_files_expires on download_files (expires_utc);
create table chart_links (id text primary key, doc jsonb not null, key text, expires_utc timestamptz);
create index chart_links_key on chart_links (key);
create index chart_links_expires on chart_links (expires_utc);
