/**
 * The DynamoDB tables, built from the storage design data (functions/adapters/dynamodb/
 * table-design.ts) so the stack and the local tables cannot drift: on-demand, point-in-time
 * recovery, TTL where the design has it, retained with deletion protection in prod; the turns and
 * tickets tables stream NEW_AND_OLD_IMAGES to the analytics aggregator.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
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
}

export class DataTables extends Construct {
  readonly turns: Table;
  readonly tickets: Table;
  readonly gaps: Table;
  readonly stats: Table;
  /** The design each table was built from (its indexes scope the IAM grants). */
  readonly designs: Record<'turns' | 'tickets' | 'gaps' | 'stats', TableDesign>;

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
        projectionType: ProjectionType.ALL,
      });
    }
    for (const index of design.globalIndexes) {
      if (!index.partitionKey)
        throw new Error(`global index ${index.indexName} has no partition key`);
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: attribute(index.partitionKey),
        sortKey: attribute(index.sortKey),
        projectionType: ProjectionType.ALL,
      });
    }
    return table;
  }
}

function attribute(key: KeyAttribute): Attribute {
  return { name: key.name, type: key.type === 'N' ? AttributeType.NUMBER : AttributeType.STRING };
}
