/**
 * DynamoDB permissions scoped to exact ARNs: the table and the indexes the design names (no
 * `index/*` wildcard), read-only or read-write. Every action the stores use, nothing else
 * (no Scan, no table management).
 */
import { PolicyStatement, type IGrantable } from 'aws-cdk-lib/aws-iam';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { TableDesign } from '../../functions/adapters/dynamodb/table-design.ts';

export const TABLE_READ_ACTIONS = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
  'dynamodb:DescribeTable',
];
export const TABLE_WRITE_ACTIONS = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

export function grantTableAccess(
  grantee: IGrantable,
  table: ITable,
  design: TableDesign,
  mode: 'read' | 'readWrite',
): void {
  const indexes = [...design.localIndexes, ...design.globalIndexes].map(
    (i) => `${table.tableArn}/index/${i.indexName}`,
  );
  grantee.grantPrincipal.addToPrincipalPolicy(
    new PolicyStatement({
      actions:
        mode === 'read' ? TABLE_READ_ACTIONS : [...TABLE_READ_ACTIONS, ...TABLE_WRITE_ACTIONS],
      resources: [table.tableArn, ...indexes],
    }),
  );
}
