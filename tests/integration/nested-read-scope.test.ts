import { mapSchema, MapperKind } from '@graphql-tools/utils';
import {
  defaultFieldResolver,
  execute,
  getNamedType,
  isEnumType,
  isLeafType,
  isNonNullType,
  isObjectType,
  parse,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLSchema,
} from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { createContext } from '@/graphql/context';
import { interactionReadScope } from '@/graphql/interactions/interaction.scope';
import { buildSchema } from '@/graphql/schema';
import type { InteractionType } from '@/generated/prisma/enums';
import { prisma } from '@/server/db';
import type { Viewer } from '@/server/viewer';
import { createContract, createCustomerRecord, createCustomerUser, createStaff } from '../helpers/factories';
import { sampleValue } from '../helpers/schema-samples';

// Issue 10, item 6: every nested reference obeys the read scope of its root. Rather than probing the one known hole,
// the test asks every root query the viewer may call (each id of every record, each queue) for everything nested
// below it, generated from the schema, and checks what came back.

const schema = buildSchema();
const MAX_DEPTH = 5;

/** A selection of every leaf and every object field without required arguments, each type at most twice on a path. */
function selectionFor(type: GraphQLObjectType, path: string[]): string {
  const parts = ['__typename'];
  for (const field of Object.values(type.getFields()) as GraphQLField<unknown, unknown>[]) {
    if (field.args.some((a) => isNonNullType(a.type) && a.defaultValue === undefined)) continue;
    const named = getNamedType(field.type);
    if (isLeafType(named)) parts.push(field.name);
    else if (isObjectType(named) && path.length < MAX_DEPTH && path.filter((t) => t === named.name).length < 2) {
      parts.push(`${field.name} { ${selectionFor(named, [...path, named.name])} }`);
    }
  }
  return parts.join(' ');
}

/** Every root query with its required arguments: ids from `ids`, each value of a required enum, samples otherwise. */
function rootQueries(s: GraphQLSchema, ids: string[]): string[] {
  const out: string[] = [];
  for (const field of Object.values(s.getQueryType()!.getFields())) {
    const named = getNamedType(field.type);
    const selection = isObjectType(named) ? ` { ${selectionFor(named, [named.name])} }` : '';
    let argSets: string[][] = [[]];
    for (const arg of field.args) {
      const required = isNonNullType(arg.type) && arg.defaultValue === undefined;
      const argType = getNamedType(arg.type);
      let values: string[];
      if (arg.name === 'first') values = ['100'];
      else if (!required) continue;
      else if (argType.name === 'ID') values = ids.map((id) => JSON.stringify(id));
      else if (isEnumType(argType)) values = argType.getValues().map((v) => v.name);
      else if (arg.name === 'month') values = ['"2026-11"'];
      else values = [JSON.stringify(sampleValue(s, arg.type)).replace(/"(\w+)":/g, '$1:')];
      argSets = argSets.flatMap((set) => values.map((v) => [...set, `${arg.name}: ${v}`]));
    }
    for (const args of argSets) out.push(`{ ${field.name}${args.length ? `(${args.join(', ')})` : ''}${selection} }`);
  }
  return out;
}

type Found = { typename: string; object: Record<string, unknown> };
function collect(value: unknown, into: Found[]): void {
  if (Array.isArray(value)) value.forEach((v) => collect(v, into));
  else if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    if (typeof object.__typename === 'string') into.push({ typename: object.__typename, object });
    Object.values(object).forEach((v) => collect(v, into));
  }
}

/**
 * The same schema, with every object-returning resolver recording what it returned. What a resolver returned is what
 * the viewer reached, even where an error further down nulls it in the answer (a non-null field failing inside an
 * out-of-scope record would otherwise hide the record from a check of the answer alone).
 */
type Recording = { resolved: Found[] };
const recordingSchema = mapSchema(schema, {
  [MapperKind.OBJECT_FIELD]: (field) => {
    const named = getNamedType(field.type);
    if (!isObjectType(named)) return field;
    const resolve = field.resolve ?? defaultFieldResolver;
    return {
      ...field,
      resolve: async (source, args, context: Recording, info) => {
        const value = await resolve(source, args, context, info);
        for (const item of [value].flat(2))
          if (item && typeof item === 'object')
            context.resolved.push({ typename: named.name, object: item as Record<string, unknown> });
        return value;
      },
    };
  },
});

/** Everything the viewer can reach: each root query run straight on the schema (no cost limit: this walks far). */
async function reachable(viewer: Viewer, ids: string[]): Promise<{ answered: Found[]; resolved: Found[] }> {
  const answered: Found[] = [];
  const resolved: Found[] = [];
  for (const query of rootQueries(schema, ids)) {
    const contextValue = { ...createContext(viewer), resolved };
    const result = await execute({ schema: recordingSchema, document: parse(query), contextValue });
    collect(result.data, answered);
  }
  return { answered, resolved };
}

let seq = 0;
async function interaction(data: {
  type?: InteractionType;
  customerId: string;
  responsibleDepartmentId?: string | null;
  ownerId?: string | null;
  sourceInteractionId?: string;
  registeredById?: string;
}) {
  const type = data.type ?? 'COMPLAINT';
  return prisma.interaction.create({
    data: {
      number: `${type === 'COMPLAINT' ? 'TS' : 'ZX'}-2026-${String(++seq).padStart(6, '0')}`,
      type,
      channel: 'PHONE',
      status: type === 'COMPLAINT' ? 'INVESTIGATING' : 'REGISTERED',
      subject: `记录 ${seq}`,
      description: '嵌套范围测试',
      ...data,
    },
  });
}

describe('a department handler reaches no record outside its scope through any nested field', () => {
  let handler: Viewer;
  let ids: string[];
  let inScope: Set<string>;
  let hiddenSource: string;
  let visibleComplaint: string;

  beforeAll(async () => {
    const [deptA, deptB] = await Promise.all([
      prisma.department.create({ data: { code: 'QA-A', name: '质量部' } }),
      prisma.department.create({ data: { code: 'PR-B', name: '生产部' } }),
    ]);
    const { user: handlerUser, viewer } = await createStaff('DEPARTMENT_HANDLER', { departmentId: deptA.id });
    handler = viewer;
    const { user: agent } = await createStaff('SERVICE_AGENT', { departmentId: deptB.id });
    const customer = await createCustomerRecord({ name: '范围测试客户', ownerId: agent.id });
    await createContract(customer.id, '100.00');

    // The hole of issue 10: a consultation outside the handler's department, converted into a complaint in it.
    const consultation = await interaction({
      type: 'CONSULTATION',
      customerId: customer.id,
      responsibleDepartmentId: deptB.id,
    });
    const complaintA = await interaction({
      customerId: customer.id,
      responsibleDepartmentId: deptA.id,
      sourceInteractionId: consultation.id,
      registeredById: agent.id,
    });
    // And the other direction: a consultation in the department whose converted complaint went to another one.
    const consultationA = await interaction({
      type: 'CONSULTATION',
      customerId: customer.id,
      responsibleDepartmentId: deptA.id,
    });
    await interaction({
      customerId: customer.id,
      responsibleDepartmentId: deptB.id,
      sourceInteractionId: consultationA.id,
    });
    // In scope through ownership although in another department.
    await interaction({ customerId: customer.id, responsibleDepartmentId: deptB.id, ownerId: handlerUser.id });
    await interaction({ customerId: customer.id, responsibleDepartmentId: null });
    const other = await interaction({ customerId: customer.id, responsibleDepartmentId: deptB.id });
    await prisma.callback.create({
      data: {
        reason: 'POST_RESOLUTION',
        customerId: customer.id,
        interactionId: other.id,
        dueAt: new Date('2026-12-01T00:00:00Z'),
      },
    });

    hiddenSource = consultation.id;
    visibleComplaint = complaintA.id;
    const all = await prisma.interaction.findMany({ select: { id: true } });
    inScope = new Set(
      (await prisma.interaction.findMany({ where: interactionReadScope(handler), select: { id: true } })).map(
        (r) => r.id,
      ),
    );
    ids = [...all.map((r) => r.id), customer.id, deptA.id, deptB.id, handlerUser.id, agent.id];
  });

  it('walks into the records in scope (the test reaches what it must check)', async () => {
    const { answered } = await reachable(handler, ids);
    const interactions = answered.filter((f) => f.typename === 'Interaction');
    expect(interactions.map((f) => f.object.id)).toContain(visibleComplaint);
    expect(inScope.size).toBe(3);
    // The nested fields were really asked for: the complaint's sourceInteraction key is there (and null).
    const complaint = interactions.find((f) => f.object.id === visibleComplaint && 'sourceInteraction' in f.object);
    expect(complaint?.object.sourceInteraction).toBeNull();
  }, 120_000);

  it('finds no interaction outside the handler scope anywhere, and nothing it has no permission for', async () => {
    const { resolved } = await reachable(handler, ids);
    const reached = new Set(resolved.filter((f) => f.typename === 'Interaction').map((f) => String(f.object.id)));
    expect(reached.has(hiddenSource)).toBe(false);
    expect([...reached].filter((id) => !inScope.has(id))).toEqual([]);
    // No callbacks:read, surveys:read, apiKeys:manage: none of those records either.
    const forbiddenTypes = new Set([
      'Callback',
      'SurveyResponse',
      'SurveyCampaign',
      'SurveyInvitation',
      'SurveyTemplate',
      'ApiKey',
      'Notification',
    ]);
    expect(resolved.filter((f) => forbiddenTypes.has(f.typename)).map((f) => f.typename)).toEqual([]);
  }, 120_000);
});

describe('a customer sees staff by display name only, wherever a user is reached from', () => {
  it('finds no staff e-mail address, role or department in anything the customer can read', async () => {
    const dept = await prisma.department.create({ data: { code: 'SV-C', name: '客服部' } });
    const { user: agent } = await createStaff('SERVICE_AGENT', {
      departmentId: dept.id,
      email: 'agent.owner@kefu.test',
    });
    const { user: manager } = await createStaff('SERVICE_MANAGER', { email: 'manager.actor@kefu.test' });
    const customer = await createCustomerRecord({ name: '名字测试客户', ownerId: agent.id });
    const { user: account, viewer } = await createCustomerUser(customer.id);
    const complaint = await interaction({
      customerId: customer.id,
      ownerId: manager.id,
      registeredById: agent.id,
      responsibleDepartmentId: dept.id,
    });
    await prisma.complaintAction.create({
      data: { interactionId: complaint.id, kind: 'CORRECTIVE', description: '纠正', ownerId: agent.id },
    });
    await prisma.historyEntry.create({
      data: {
        entityType: 'Customer',
        entityId: customer.id,
        action: 'UPDATE',
        actorId: manager.id,
        visibleToCustomer: true,
      },
    });

    // What the customer is sent (the User rows themselves are resolved whole; their fields decide what leaves).
    const { answered: found } = await reachable(viewer, [customer.id, complaint.id, agent.id, manager.id, account.id]);
    const users = found.filter((f) => f.typename === 'User');
    // The customer does see who owns its account and its complaint, by name.
    expect(users.map((u) => u.object.name)).toEqual(expect.arrayContaining([agent.name, manager.name]));
    for (const user of users.filter((u) => u.object.id !== account.id)) {
      expect(user.object).toMatchObject({ email: null, role: null, active: null });
      expect(user.object.department ?? null).toBeNull();
    }
    // Its own account, whole.
    expect(users.find((u) => u.object.id === account.id)?.object).toMatchObject({
      email: account.email,
      role: 'CUSTOMER',
    });

    // And nowhere else either: no staff e-mail and no staff role in any string of any answer.
    const staffEmails = new Set(
      (await prisma.user.findMany({ where: { role: { not: 'CUSTOMER' } }, select: { email: true } })).map(
        (u) => u.email,
      ),
    );
    const staffRoles = new Set([
      'ADMIN',
      'SERVICE_AGENT',
      'QUALITY_MANAGER',
      'DEPARTMENT_HANDLER',
      'SERVICE_MANAGER',
      'EXECUTIVE',
      'DISPATCHER',
      'TECHNICIAN',
    ]);
    const strings: string[] = [];
    const strs = (v: unknown): void => {
      if (typeof v === 'string') strings.push(v);
      else if (v && typeof v === 'object') Object.values(v).forEach(strs);
    };
    found.forEach((f) => strs(f.object));
    expect(strings.length).toBeGreaterThan(20);
    expect(strings.filter((s) => staffEmails.has(s) || staffRoles.has(s))).toEqual([]);
  }, 120_000);
});
