/**
 * DynamoDB permissions scoped to exact ARNs (the table and the indexes the design names, no
 * `index/*` wildcard) and to the calls a function really sends. The stores under
 * functions/adapters/ send only GetItem, Query, PutItem, UpdateItem, DeleteItem and, to erase a
 * customer's data, BatchWriteItem deletes and a Scan of turns and tickets (no batch reads, no
 * transactions, no DescribeTable outside local start-up): `TableAction` allows nothing else, and
 * each function is given the subset its routes use (cdk/stack.ts; only the staff function may
 * Scan).
 */
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { TableDesign } from '../../functions/adapters/dynamodb/table-design.ts';

/** The DynamoDB calls the stores make (grep `new …Command` in functions/adapters/). */
export type TableAction =
  'GetItem' | 'Query' | 'Scan' | 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'BatchWriteItem';

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
  // Indexes are only ever queried; item calls (and Scan) go to the table alone.
  const onTable = [...new Set(actions)].filter((a) => a !== 'Query').sort();
  if (actions.includes('Query')) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({ actions: ['dynamodb:Query'], resources: [table.tableArn, ...indexes] }),
    );
  }
  if (onTable.length > 0) {
    grantee.grantPrincipal.addToPrincipalPolicy(
      new PolicyStatement({
        actions: onTable.map((a) => `dynamodb:${a}`),
        resources: [table.tableArn],
      }),
    );
  }
}

/**
 * Query on one partition of a table only (`dynamodb:LeadingKeys`): e.g. the answering functions
 * read who is on shift (the stats table's `presence` partition) and nothing else in that table.
 */
export function grantPartitionQuery(grantee: IGrantable, table: ITable, partition: string): void {
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['dynamodb:Query'],
      resources: [table.tableArn],
      conditions: { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [partition] } },
    }),
  );
}
