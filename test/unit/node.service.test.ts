import { describe, expect, it } from 'vitest';
import { NodeService, type NodeDependencies } from '../../functions/node/node.service.ts';
import { Access } from '../../functions/shared/domain/access.ts';
import type { Claims } from '../../functions/shared/domain/claims.ts';
import { BadInputError, ForbiddenError } from '../../functions/shared/domain/errors.ts';
import { thrown } from '../support/service-doubles.ts';

/*
 * NodeService dispatches each id to its domain's own read and answers what that read answers;
 * the domains' rules are their own tests'. Here the reads are doubles that record what they were
 * asked and know one entity of each type.
 */

const operationId = '3f2b8c1e-4d5a-4e6f-8a7b-9c0d1e2f3a4b';
const eventId = '00000000-0000-4000-8000-000000000007';
const eventOf = (n: number) => `00000000-0000-4000-8000-00000000001${n}`;
/** The entity of each audit event the doubles know: one the domains find, one they do not, of each kind. */
const eventEntities: Readonly<Record<string, string>> = {
  [eventId]: 'member/VN',
  [eventOf(0)]: 'member/FR',
  [eventOf(1)]: 'jpa/8',
  [eventOf(2)]: 'jpa/9',
  [eventOf(3)]: 'tor/2',
  [eventOf(4)]: 'tor/3',
  [eventOf(5)]: `operation/${operationId}`,
  [eventOf(6)]: 'operation/00000000-0000-4000-8000-000000000000',
};

function service(claims: Claims = { subject: 'off-th', groups: [], country: 'TH' }) {
  const asked: string[] = [];
  const ask = <T>(what: string, value: T | null) => {
    asked.push(what);
    return Promise.resolve(value);
  };
  const deps: NodeDependencies = {
    access: new Access(claims, async (country) => ({
      memberStatus: country === 'TH' ? 'ACTIVE' : null,
      holdsCoChairTerm: false,
    })),
    membership: {
      member: (country) =>
        ask(`member ${country}`, country === 'VN' ? ({ country: 'VN', name: 'Viet Nam' } as never) : null),
    },
    coChairs: {
      term: (country, startsOn) =>
        ask(
          `term ${country} ${startsOn}`,
          country === 'NZ' && startsOn === '2022-07-01' ? { country, startsOn, endsOn: null } : null,
        ),
    },
    jpas: { jpa: (number) => ask(`jpa ${number}`, number === 8 ? ({ number: 8 } as never) : null) },
    terms: {
      termsOfReference: (version) => ask(`tor ${version}`, version === 2 ? ({ version: 2 } as never) : null),
    },
    meetings: { meeting: (number) => ask(`meeting ${number}`, number === 1 ? ({ number: 1 } as never) : null) },
    reports: {
      annualReport: (year) => ask(`report ${year}`, year === 2024 ? ({ year: 2024 } as never) : null),
    },
    operations: {
      operation: (id) =>
        ask(`operation ${id}`, id === operationId ? ({ id, handling: 'PARTICIPANTS' } as never) : null),
    },
    recommendations: {
      recommendation: (number) =>
        ask(`recommendation ${number}`, number === 4 ? ({ number: 4, text: 'Act' } as never) : null),
    },
    workPlan: {
      workPlanItem: (number) =>
        ask(`workplan ${number}`, number === 2 ? ({ number: 2, title: 'Plan' } as never) : null),
    },
    audit: {
      event: async (id, entities) => {
        // The rule of the audit service is its own; here: it gets the domains' reads to decide by,
        // and answers an event of an entity that read finds.
        const entity = eventEntities[id];
        const [kind = '', key = ''] = entity?.split('/') ?? [];
        const read = {
          member: () => entities.member(key),
          jpa: () => entities.jpa(Number(key)),
          tor: () => entities.termsOfReference(Number(key)),
          operation: () => entities.operation(key),
        }[kind];
        const found = entity !== undefined && read !== undefined && (await read()) != null;
        return ask(`event ${id}`, found ? ({ id, entity } as never) : null);
      },
    },
  };
  return { nodes: new NodeService(deps), asked };
}

describe('node', () => {
  it('reads each id through its own domain, and names the type it answers', async () => {
    const { nodes, asked } = service();
    expect(await nodes.node('member/VN')).toEqual({ __typename: 'Member', country: 'VN', name: 'Viet Nam' });
    expect(await nodes.node('cochairterm/NZ/2022-07-01')).toEqual({
      __typename: 'CoChairTerm',
      country: 'NZ',
      startsOn: '2022-07-01',
      endsOn: null,
    });
    expect(await nodes.node('jpa/8')).toEqual({ __typename: 'Jpa', number: 8 });
    expect(await nodes.node('tor/2')).toEqual({ __typename: 'TermsOfReference', version: 2 });
    expect(await nodes.node('meeting/1')).toEqual({ __typename: 'Meeting', number: 1 });
    expect(await nodes.node('report/2024')).toEqual({ __typename: 'AnnualReport', year: 2024 });
    expect(await nodes.node(operationId)).toEqual({
      __typename: 'Operation',
      id: operationId,
      handling: 'PARTICIPANTS',
    });
    expect(await nodes.node('recommendation/4')).toEqual({ __typename: 'Recommendation', number: 4, text: 'Act' });
    expect(await nodes.node('workplan/2')).toEqual({ __typename: 'WorkPlanItem', number: 2, title: 'Plan' });
    expect(asked).toEqual([
      'member VN',
      'term NZ 2022-07-01',
      'jpa 8',
      'tor 2',
      'meeting 1',
      'report 2024',
      `operation ${operationId}`,
      'recommendation 4',
      'workplan 2',
    ]);
  });

  it('asks for an audit event only for a UUID that is no operation the caller may read', async () => {
    const { nodes, asked } = service();
    expect(await nodes.node(eventId)).toEqual({ __typename: 'AuditEvent', id: eventId, entity: 'member/VN' });
    expect(asked).toEqual([`operation ${eventId}`, 'member VN', `event ${eventId}`]);
  });

  it("hands the audit service each domain's own read, by which it answers an event of an entity the caller may read", async () => {
    const { nodes } = service();
    const entityOfEvent = async (id: string) => {
      const node = await nodes.node(id);
      return node?.__typename === 'AuditEvent' ? node.entity : null;
    };
    expect(await entityOfEvent(eventOf(1))).toBe('jpa/8');
    expect(await entityOfEvent(eventOf(3))).toBe('tor/2');
    expect(await entityOfEvent(eventOf(5))).toBe(`operation/${operationId}`);
    for (const n of [0, 2, 4, 6]) expect(await entityOfEvent(eventOf(n))).toBeNull();
  });

  it('answers null for what its domain answers null, and for a malformed id without reading', async () => {
    const { nodes, asked } = service();
    for (const id of [
      'member/FR',
      'cochairterm/NZ/2022-07-02',
      'jpa/9',
      'tor/3',
      'recommendation/5',
      'workplan/3',
      'meeting/2',
      'report/2025',
    ])
      expect(await nodes.node(id)).toBeNull();
    expect(await nodes.node('00000000-0000-4000-8000-000000000000')).toBeNull();
    const read = asked.length;
    for (const id of ['jpa/08', 'member/vn', 'recommendation/04', 'workplan/x', 'meeting/01', 'report/2013', 'x', ''])
      expect(await nodes.node(id)).toBeNull();
    expect(asked).toHaveLength(read);
  });

  it('is FORBIDDEN to a caller with no role, before reading', async () => {
    const { nodes, asked } = service({ subject: 'fr-1', groups: [], country: 'FR' });
    expect(await thrown(nodes.node('member/VN'))).toBeInstanceOf(ForbiddenError);
    expect(await thrown(nodes.nodes(['member/VN']))).toBeInstanceOf(ForbiddenError);
    expect(asked).toEqual([]);
  });
});

describe('nodes', () => {
  it('answers in the order asked, an id asked twice answered twice', async () => {
    const { nodes } = service();
    const answered = await nodes.nodes(['jpa/8', 'nonsense', 'member/VN', 'jpa/8', 'jpa/9']);
    expect(answered.map((node) => node?.__typename ?? null)).toEqual(['Jpa', null, 'Member', 'Jpa', null]);
  });

  it('takes 1 to 100 ids, else BAD_USER_INPUT on ids, before reading', async () => {
    const { nodes, asked } = service();
    expect(await nodes.nodes(['jpa/8'])).toEqual([{ __typename: 'Jpa', number: 8 }]);
    expect(await nodes.nodes(Array.from({ length: 100 }, () => 'jpa/8'))).toHaveLength(100);
    asked.length = 0;
    for (const ids of [[], Array.from({ length: 101 }, () => 'jpa/8')]) {
      const error = await thrown(nodes.nodes(ids));
      expect(error).toBeInstanceOf(BadInputError);
      expect((error as BadInputError).field).toBe('ids');
      expect((error as BadInputError).message).toBe(`ids takes 1 to 100 ids, not ${ids.length}`);
    }
    expect(asked).toEqual([]);
  });
});
