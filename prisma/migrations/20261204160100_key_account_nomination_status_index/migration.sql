-- DropIndex
DROP INDEX "KeyAccountNomination_status_idx";
