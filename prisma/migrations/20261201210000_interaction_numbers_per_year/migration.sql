-- SPEC §3: numbers restart each year (TS-2027-000001). The intake service now creates one sequence per type and
-- year on first use (interaction_number_<type>_<year>, starting after the highest number already issued that year),
-- so the four year-less sequences of 20261123125229_interaction_numbers are no longer read.
DROP SEQUENCE IF EXISTS "interaction_number_complaint";
DROP SEQUENCE IF EXISTS "interaction_number_consultation";
DROP SEQUENCE IF EXISTS "interaction_number_inquiry";
DROP SEQUENCE IF EXISTS "interaction_number_suggestion";
