-- An agency's applications by the time they were filed: the check for a resubmission within a day reads only
-- the last day's, not the whole register.
CREATE INDEX applications_agency_created ON applications(agency_id, created_at_ms);
