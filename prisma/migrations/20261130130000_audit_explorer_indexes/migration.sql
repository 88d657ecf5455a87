-- The audit explorer filters by actor and by action, newest first.
CREATE INDEX "audit_events_actor_label_seq_idx" ON "audit_events"("actor_label", "seq");
CREATE INDEX "audit_events_action_seq_idx" ON "audit_events"("action", "seq");
