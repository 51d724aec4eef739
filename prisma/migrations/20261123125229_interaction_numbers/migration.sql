-- SPEC §3: every interaction gets a human-readable number <PREFIX>-<YEAR>-<6 digits>. The running part comes from one
-- sequence per type (nextval never hands the same value to two transactions, so concurrent submissions cannot
-- collide, unlike a read-max-then-write). Values lost to rolled-back transactions leave gaps; that is accepted.
CREATE SEQUENCE "interaction_number_complaint" AS BIGINT START WITH 1 INCREMENT BY 1 NO CYCLE;
CREATE SEQUENCE "interaction_number_consultation" AS BIGINT START WITH 1 INCREMENT BY 1 NO CYCLE;
CREATE SEQUENCE "interaction_number_inquiry" AS BIGINT START WITH 1 INCREMENT BY 1 NO CYCLE;
CREATE SEQUENCE "interaction_number_suggestion" AS BIGINT START WITH 1 INCREMENT BY 1 NO CYCLE;
