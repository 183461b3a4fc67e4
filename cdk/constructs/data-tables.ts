/**
 * The DynamoDB tables, built from the storage design data (functions/adapters/dynamodb/
 * table-design.ts) so the stack and the local tables cannot drift: on-demand, point-in-time
 * recovery, TTL where the design has it (every table: turns, closed tickets, gaps and gap
 * questions expire), retained with deletion protection in prod; the turns and tickets tables
 * stream NEW_AND_OLD_IMAGES to the analytics aggregator.
 *
 * Index projections come from the design too. Every index query returns whole items (a ticket
 * page, a customer's pending-reply tickets, a session's last turns), so each index projects
 * ALL: KEYS_ONLY or INCLUDE would need a GetItem per row (or silently drop a field the next
 * Ticket change adds); the only attributes the indexes could leave out are the two small
 * index-key helpers (`queue`, `pendingCount`).
 *
 * Backups (prod): point-in-time recovery restores any second of the last 35 days; on top of it
 * an AWS Backup plan copies every table weekly into a vault of its own (retained even if the
 * stack or a table is deleted), kept `backupRetentionDays`. DynamoDB backups are full copies,
 * so weekly rather than daily keeps their cost at a fifth (README, "Cost").
 */
import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { BackupPlan, BackupPlanRule, BackupResource, BackupVault } from 'aws-cdk-lib/aws-backup';
import { Schedule } from 'aws-cdk-lib/aws-events';
import {
  AttributeType,
  BillingMode,
  ProjectionType,
  StreamViewType,
  Table,
  TableEncryption,
  type Attribute,
} from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import {
  TABLE_DESIGN,
  type IndexDesign,
  type KeyAttribute,
  type TableDesign,
} from '../../functions/adapters/dynamodb/table-design.ts';

/** Analytics counters (`pk` = metric#day, `sk` = dimension); used when the design has no stats table. */
export const STATS_TABLE_FALLBACK: TableDesign = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  localIndexes: [],
  globalIndexes: [],
};

export interface DataTablesProps {
  prod: boolean;
  /** Days an AWS Backup snapshot is kept; undefined → no backup plan (dev). */
  backupRetentionDays?: number;
}

export class DataTables extends Construct {
  readonly turns: Table;
  readonly tickets: Table;
  readonly gaps: Table;
  readonly stats: Table;
  /** The design each table was built from (its indexes scope the IAM grants). */
  readonly designs: Record<'turns' | 'tickets' | 'gaps' | 'stats', TableDesign>;
  readonly backupPlan?: BackupPlan;

  constructor(scope: Construct, id: string, props: DataTablesProps) {
    super(scope, id);
    const design = TABLE_DESIGN as Record<string, TableDesign | undefined>;
    // Streams feed the analytics (cdk/constructs/stats-aggregator.ts): a new turn, feedback and
    // ticket changes, with the images before and after.
    this.turns = this.table('Turns', TABLE_DESIGN.turns, props.prod, true);
    this.tickets = this.table('Tickets', TABLE_DESIGN.tickets, props.prod, true);
    this.gaps = this.table('Gaps', TABLE_DESIGN.gaps, props.prod);
    this.designs = { ...TABLE_DESIGN, stats: design.stats ?? STATS_TABLE_FALLBACK };
    this.stats = this.table('Stats', this.designs.stats, props.prod);
    if (props.backupRetentionDays !== undefined) {
      const vault = new BackupVault(this, 'BackupVault', {
        removalPolicy: props.prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
      });
      this.backupPlan = new BackupPlan(this, 'BackupPlan', {
        backupVault: vault,
        backupPlanRules: [
          new BackupPlanRule({
            ruleName: 'weekly',
            // Sundays 03:00 UTC, after the day's analytics have settled.
            scheduleExpression: Schedule.cron({ weekDay: 'SUN', hour: '3', minute: '0' }),
            startWindow: Duration.hours(1),
            completionWindow: Duration.hours(4),
            deleteAfter: Duration.days(props.backupRetentionDays),
          }),
        ],
      });
      const selection = this.backupPlan.addSelection('Tables', {
        resources: [this.turns, this.tickets, this.gaps, this.stats].map((t) =>
          BackupResource.fromDynamoDbTable(t),
        ),
      });
      Validations.of(selection).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSBackupServiceRolePolicyForBackup]',
        reason:
          "AWS Backup's own service role policy: the backup role can only be assumed by backup.amazonaws.com, and the selection names the four tables.",
      });
    }
  }

  private table(id: string, design: TableDesign, prod: boolean, stream = false): Table {
    const table = new Table(this, id, {
      ...(stream ? { stream: StreamViewType.NEW_AND_OLD_IMAGES } : {}),
      partitionKey: attribute(design.partitionKey),
      sortKey: design.sortKey ? attribute(design.sortKey) : undefined,
      billingMode: BillingMode.PAY_PER_REQUEST,
      encryption: TableEncryption.AWS_MANAGED,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: design.timeToLiveAttribute,
      deletionProtection: prod,
      removalPolicy: prod ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
    });
    for (const index of design.localIndexes) {
      table.addLocalSecondaryIndex({
        indexName: index.indexName,
        sortKey: attribute(index.sortKey),
        projectionType: projection(index),
      });
    }
    for (const index of design.globalIndexes) {
      if (!index.partitionKey)
        throw new Error(`global index ${index.indexName} has no partition key`);
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        projectionType: projection(index),
      });
    }
    return table;
  }
}

/** The design's projection (see the module comment for why every index projects ALL). */
function projection(index: IndexDesign): ProjectionType {
  switch (index.projection) {
    case 'ALL':
      return ProjectionType.ALL;
  }
}

function attribute(key: KeyAttribute): Attribute {
  return { name: key.name, type: key.type === 'N' ? AttributeType.NUMBER : AttributeType.STRING };
}
