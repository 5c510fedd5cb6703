-- Published versions are immutable: the database refuses to change one, whatever the caller.
CREATE OR REPLACE FUNCTION score_model_versions_immutable() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'published score model versions are immutable';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER score_model_versions_no_update
  BEFORE UPDATE ON score_model_versions
  FOR EACH ROW EXECUTE FUNCTION score_model_versions_immutable();
