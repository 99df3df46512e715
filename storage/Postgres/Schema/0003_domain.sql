-- The domain stores on a database several instances share.
-- One live board link per workspace: two instances opening the board at once cannot both make one.
create unique index board_links_live on board_links (workspace_id) where revoked_utc is null;
