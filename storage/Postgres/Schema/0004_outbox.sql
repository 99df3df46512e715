-- Outbox for several instances (issue #27).
-- Positions in a lane (a conversation's waiting replies) are numbered by the database, so two instances never give
-- the same number; the store also keeps a new one behind every waiting one of its lane (records copied from LiteDB).
create sequence outbox_sequence;

-- The senders claim due reminders (no lane) oldest first with "for update skip locked": only pending ones are looked at.
create index outbox_claimable on outbox (next_attempt_utc) where status = 'Pending' and lane is null;
