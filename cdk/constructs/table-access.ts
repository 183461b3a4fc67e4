/**
 * DynamoDB permissions scoped to exact ARNs (the table and the indexes the design names, no
 * `index/*` wildcard) and to the calls a function really sends. The stores under
 * functions/adapters/ send only GetItem, Query, PutItem, UpdateItem, DeleteItem and, to erase a
 * customer's data, BatchWriteItem deletes (no batch reads, no transactions, no DescribeTable
 * outside local start-up, never Scan): `TableAction` allows nothing else, and each function is
 * given the subset its routes use (cdk/stack.ts).
 */
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { TableDesign } from '../../functions/adapters/dynamodb/table-design.ts';

/** The DynamoDB calls the stores make (grep `new …Command` in functions/adapters/). */
export type TableAction =
  'GetItem' | 'Query' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem';

export function grantTableAccess(
  grantee: IGrantable,
  table: ITable,
  design: TableDesign,
  actions: readonly TableAction[],
): void {
  if (actions.length === 0) return;
  const indexes = [...design.localIndexes, ...design.globalIndexes].map(
    (i) => `${table.tableArn}/index/${i.indexName}`,
  );
  // Indexes are only ever queried; item calls go to the table.
  const resources = actions.includes('Query') ? [table.tableArn, ...indexes] : [table.tableArn];
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: [...new Set(actions)].sort().map((a) => `dynamodb:${a}`),
      resources,
    }),
  );
}
