-- What table 三 of an annual report reads of every application of an agency (its applicant column, receipt,
-- end and final state), in one index: a report over 100,000 applications reads the index in order instead of
-- looking each row up in the table.
CREATE INDEX applications_table_three
    ON applications(agency_id, received_on, decided_on, applicant_kind, status_detail, tracking_no);
-- The events of one kind (the fees section 六 reports) without reading every event of the agency.
CREATE INDEX application_events_kind ON application_events(kind, application_id);
