-- The reminder tick asks for all workspaces at once (issue #27): a few set-based queries a minute, not one or more per
-- workspace.

-- Plan tasks: the open tasks due before a day, of every workspace.
create index plan_tasks_status_due on plan_tasks (status, due_date);

-- Mediation: the cases that can have a reminder due: the open ones (by status), the settled ones whose 回访 is due
-- (FollowUpDue, which the record computes and stores at every write) and the settled ones in the 司法确认 window
-- (by closing date).
alter table mediation_cases add column status text, add column follow_up_due date, add column closed_on date;
-- Filled from the stored records. A settled case stored before FollowUpDue existed counts as due ('-infinity') until
-- it is written again: the tick then works it out from the case itself, so it is never missed.
update mediation_cases set
    status = doc->>'Status',
    closed_on = (doc->>'ClosedOn')::date,
    follow_up_due = case when doc->'FollowUpDue' is null and doc->>'Status' = 'Succeeded' then '-infinity'::date
                         else (doc->>'FollowUpDue')::date end;
create index mediation_cases_follow_up on mediation_cases (status, follow_up_due);
create index mediation_cases_closed on mediation_cases (status, closed_on);
