import { can } from '@/server/auth/policies';
import { loadBusinessCalendar } from '../complaints/business-calendar.service';
import { localDate } from '../complaints/sla-clock.rules';
import { CUSTOMER_SELECTION } from '../customers/customer.selection';
import type { Resolvers } from '../resolvers-types.generated';
import { selectFromInfo } from '../selection';
import { policy, type RootPolicies } from '../policy';
import {
  decideItinerary,
  getItinerary,
  reviseItinerary,
  saveItinerary,
  submitItinerary,
  weekItineraries,
} from './itinerary.service';
import {
  getVisitRules,
  listDueVisits,
  readRecomputeStatus,
  setCustomerVisitInterval,
  updateVisitRules,
} from './visit-cycle.service';
import { confirmScheduledVisit, myScheduledVisits } from './visit-confirmation.service';
import {
  listVisitLogs,
  logVisit,
  mayRegisterProblem,
  registerVisitProblem,
  visitMonthlyStats,
} from './visit-log.service';
import {
  CUSTOMER_GRADES,
  dueStateOf,
  itineraryDecidable,
  itineraryEditable,
  itineraryRevisable,
  type GradeName,
  type VisitRules,
} from './visit.rules';
import { mayApprove, readScope } from './visit.scope';

// Customers hold no visits permission, so every root field refuses them; approving and the rules are the manager's.
export const visitPolicies: RootPolicies = {
  Query: {
    visitRules: policy.permission('visits:read'),
    dueVisits: policy.permission('visits:read'),
    itineraryWeek: policy.permission('visits:read'),
    itinerary: policy.permission('visits:read'),
    visitLogs: policy.permission('visits:read'),
    visitMonthlyStats: policy.permission('visits:read'),
    // Customer accounts only: the service refuses staff and API keys (FORBIDDEN) and scopes to the own company.
    myScheduledVisits: policy.signedIn,
  },
  Mutation: {
    updateVisitRules: policy.permission('visits:approve'),
    setCustomerVisitInterval: policy.permission('visits:approve'),
    saveItinerary: policy.permission('visits:write'),
    submitItinerary: policy.permission('visits:write'),
    decideItinerary: policy.permission('visits:approve'),
    reviseItinerary: policy.permission('visits:write'),
    logVisit: policy.permission('visits:write'),
    registerVisitProblem: policy.permission('visits:write'),
    confirmScheduledVisit: policy.signedIn,
  },
};

const rulesView = ({ rules, version }: { rules: VisitRules; version: number }) => ({ rules, version });

const ownItinerary = (viewer: Parameters<typeof can>[0], ownerId: string) =>
  viewer.kind === 'staff' && viewer.userId === ownerId && can(viewer, 'visits:write');

export const visitResolvers: Resolvers = {
  Query: {
    visitRules: (_, __, { viewer }) => getVisitRules(viewer),
    dueVisits: (_, args, { viewer, now }) => listDueVisits(viewer, args, now()),
    itineraryWeek: (_, args, { viewer, now }) => weekItineraries(viewer, args, now()),
    itinerary: (_, { id }, { viewer }) => getItinerary(viewer, id),
    visitLogs: (_, args, { viewer }) => listVisitLogs(viewer, args),
    visitMonthlyStats: (_, { month }, { viewer }) => visitMonthlyStats(viewer, month),
    myScheduledVisits: (_, __, { viewer, now }) => myScheduledVisits(viewer, now()),
  },
  Mutation: {
    updateVisitRules: (_, { version, input }, { viewer, now }) =>
      updateVisitRules(
        viewer,
        version,
        {
          defaultDays: input.defaultDays,
          keyAccountDays: input.keyAccountDays ?? null,
          gradeDays: Object.fromEntries(input.gradeDays.map((g) => [g.grade, g.days])),
          provinceDays: Object.fromEntries(input.provinceDays.map((p) => [p.province.trim(), p.days])),
          deadlineWeekday: input.deadlineWeekday,
          deadlineTime: input.deadlineTime,
        },
        now(),
      ).then(rulesView),
    setCustomerVisitInterval: (_, { customerId, intervalDays }, { viewer }) =>
      setCustomerVisitInterval(viewer, customerId, intervalDays ?? null),
    saveItinerary: (_, { input }, { viewer }) => saveItinerary(viewer, input),
    submitItinerary: (_, { id, version }, { viewer, now }) => submitItinerary(viewer, id, version, now()),
    decideItinerary: (_, { id, version, input }, { viewer, now }) => decideItinerary(viewer, id, version, input, now()),
    reviseItinerary: (_, { id, version }, { viewer }) => reviseItinerary(viewer, id, version),
    logVisit: (_, { input }, { viewer, now }) => logVisit(viewer, input, now()),
    registerVisitProblem: (_, { id, version, input }, { viewer, now }) =>
      registerVisitProblem(viewer, id, version, input, now()),
    confirmScheduledVisit: (_, { id }, { viewer, now }) => confirmScheduledVisit(viewer, id, now()),
  },
  VisitRules: {
    version: (r) => r.version,
    defaultDays: (r) => r.rules.defaultDays,
    keyAccountDays: (r) => r.rules.keyAccountDays,
    gradeDays: (r) =>
      CUSTOMER_GRADES.flatMap((grade: GradeName) => {
        const days = r.rules.gradeDays[grade];
        return days === undefined ? [] : [{ grade, days }];
      }),
    provinceDays: (r) => Object.entries(r.rules.provinceDays).map(([province, days]) => ({ province, days })),
    deadlineWeekday: (r) => r.rules.deadlineWeekday,
    deadlineTime: (r) => r.rules.deadlineTime,
    recompute: () => readRecomputeStatus(),
  },
  VisitCycle: {
    customer: (c, _, { viewer, loaders }, info) =>
      can(viewer, 'customers:read')
        ? loaders.customerByIdSelecting(selectFromInfo(info, CUSTOMER_SELECTION)).load(c.customerId)
        : null,
    salesperson: (c, _, { viewer, loaders }) =>
      c.ownerId && viewer.kind === 'staff' ? loaders.userById.loadNow(c.ownerId) : null,
    nextDueDate: async (c) =>
      c.nextVisitDue ? localDate(c.nextVisitDue, (await loadBusinessCalendar()).timeZone) : null,
    dueState: async (c, _, { now }) => {
      if (!c.nextVisitDue) return null;
      const { timeZone } = await loadBusinessCalendar();
      return dueStateOf(localDate(c.nextVisitDue, timeZone), localDate(now(), timeZone));
    },
  },
  Itinerary: {
    salesperson: (i, _, { viewer, loaders }) => (viewer.kind === 'staff' ? loaders.userById.loadNow(i.ownerId) : null),
    weekStart: (i) => i.weekStart.toISOString().slice(0, 10),
    items: (i, _, { loaders }) => loaders.itineraryItems.load(i.id),
    decidedBy: (i, _, { viewer, loaders }) =>
      i.approvedById && viewer.kind === 'staff' ? loaders.userById.loadNow(i.approvedById) : null,
    history: (i, _, { viewer, loaders }) => (viewer.kind === 'staff' ? loaders.itineraryHistory.load(i.id) : []),
    viewerCanEdit: (i, _, { viewer }) => itineraryEditable(i.status) && ownItinerary(viewer, i.ownerId),
    viewerCanSubmit: (i, _, { viewer }) => itineraryEditable(i.status) && ownItinerary(viewer, i.ownerId),
    viewerCanDecide: (i, _, { viewer }) => itineraryDecidable(i.status) && mayApprove(viewer),
    viewerCanRevise: (i, _, { viewer }) => itineraryRevisable(i.status) && ownItinerary(viewer, i.ownerId),
  },
  ItineraryItem: {
    customer: (item, _, { viewer, loaders }, info) =>
      can(viewer, 'customers:read')
        ? loaders.customerByIdSelecting(selectFromInfo(info, CUSTOMER_SELECTION)).load(item.customerId)
        : null,
    plannedDate: async (item) => localDate(item.plannedAt, (await loadBusinessCalendar()).timeZone),
    done: async (item, _, { loaders }) => (await loaders.visitLogsOfItem.load(item.id)).length > 0,
  },
  VisitLog: {
    customer: (log, _, { viewer, loaders }, info) =>
      can(viewer, 'customers:read')
        ? loaders.customerByIdSelecting(selectFromInfo(info, CUSTOMER_SELECTION)).load(log.customerId)
        : null,
    salesperson: (log, _, { viewer, loaders }) =>
      viewer.kind === 'staff' ? loaders.userById.loadNow(log.userId) : null,
    discussed: (log) => log.summary,
    interaction: (log, _, { viewer, loaders }) =>
      log.interactionId && viewer.kind === 'staff' && can(viewer, 'interactions:read')
        ? loaders.interactionById.load(log.interactionId)
        : null,
    viewerCanRegisterProblem: (log, _, { viewer }) => mayRegisterProblem(viewer, log),
  },
  VisitStatsRow: {
    salesperson: (r, _, { viewer, loaders }) =>
      viewer.kind === 'staff' ? loaders.userById.loadNow(r.salespersonId) : null,
  },
  Customer: {
    // Gated by visits:read (customers never); a salesperson sees only their own customers' cycles.
    visitCycle: (c, _, { viewer, loaders }) => {
      if (!can(viewer, 'visits:read')) return null;
      const { ownOnly } = readScope(viewer);
      return ownOnly && c.ownerId !== ownOnly ? null : loaders.visitCycleByCustomerId.load(c.id);
    },
  },
};
