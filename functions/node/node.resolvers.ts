import type { Resolvers } from '../../schema/generated/resolvers.ts';
import type { LinkedPath, OperationReads } from '../operation/operation.reads.ts';
import { nodeId } from './node.ids.ts';
import type { NodeValue } from './node.service.ts';

/**
 * Thin: ids in, NodeService out. Every type's global id is formatted here, by the module that
 * parses them (./node.ids.ts); operations and audit events answer their own ids. An operation
 * handed out goes to the request's read log with its place in the response, as `operation(id)`
 * hands it, so a read through `node` or `nodes` is recorded with that root field as `via`.
 */
export const nodeResolvers: Resolvers = {
  Query: {
    node: async (_, { id }, { nodes, operationReads }, { path }) =>
      handedOut(await nodes.node(id), path, operationReads),
    nodes: async (_, { ids }, { nodes, operationReads }, { path }) =>
      (await nodes.nodes(ids)).map((node, index) => handedOut(node, { prev: path, key: index }, operationReads)),
  },
  Member: {
    id: (member) => nodeId.member(member.country),
  },
  CoChairTerm: {
    id: (term) => nodeId.coChairTerm(term.country, term.startsOn),
  },
  Jpa: {
    id: (jpa) => nodeId.jpa(jpa.number),
  },
  TermsOfReference: {
    id: (version) => nodeId.termsOfReference(version.version),
  },
  Recommendation: {
    id: (recommendation) => nodeId.recommendation(recommendation.number),
  },
  WorkPlanItem: {
    id: (item) => nodeId.workPlanItem(item.number),
  },
  Meeting: {
    id: (meeting) => nodeId.meeting(meeting.number),
  },
  AnnualReport: {
    id: (report) => nodeId.annualReport(report.year),
  },
};

function handedOut(node: NodeValue | null, path: LinkedPath, operationReads: OperationReads): NodeValue | null {
  return node?.__typename === 'Operation' ? operationReads.carried(node, path) : node;
}
