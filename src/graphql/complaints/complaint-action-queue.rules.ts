/**
 * The queues of complaints' open actions (containment, corrective, preventive; SPEC §4 "every step has a due time"):
 * MINE — the viewer's own, earliest due first (the 工作台 shows the overdue and those due within DUE_SOON_DAYS);
 * OVERDUE — every open action past its due date the viewer may see (the auditor's "show me the overdue corrective
 * actions", one click from the complaints page); OPEN — every open action. Client-safe: the tabs read it too.
 */
export const ACTION_QUEUES = ['MINE', 'OVERDUE', 'OPEN'] as const;
export type ActionQueue = (typeof ACTION_QUEUES)[number];

/** An open action (not done, verified or cancelled). */
export const OPEN_ACTION_STATUSES = ['OPEN', 'IN_PROGRESS'] as const;

/** The 工作台 lists the viewer's actions overdue or due within this many days. */
export const ACTION_DUE_SOON_DAYS = 3;
