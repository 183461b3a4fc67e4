/**
 * Data retention and backups in the dev stack (bundling off; the prod side is in
 * environments.test.ts): every table expires what the design says (TTL on `expiresAt`), every
 * index projects what the design says — and the design's projection is what the stores' index
 * queries need (whole items; the contract suites in test/contract run those queries) — there is
 * no backup plan in dev, and `cdk destroy` removes the KMS keys along with everything else. The
 * functions get the retention periods the stack was configured with.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TABLE_DESIGN } from '../../functions/adapters/dynamodb/table-design.ts';
import { logicalIdOf, synthStack, type SynthResult } from './synth-stack.ts';

let r: SynthResult;
beforeAll(() => {
  r = synthStack({ stage: 'dev', ticketRetentionDays: '30', gapRetentionDays: '60' });
}, 120_000);

const tables = { turns: 'Turns', tickets: 'Tickets', gaps: 'Gaps', stats: 'Stats' } as const;
const tableProps = (name: string) =>
  r.template.toJSON().Resources[logicalIdOf(r, `Data/${name}/Resource`)].Properties;

describe('retention', () => {
  it('every table has TTL on the attribute the stores write (turns, closed tickets, gaps, gap questions)', () => {
    for (const [role, name] of Object.entries(tables)) {
      const design = TABLE_DESIGN[role as keyof typeof tables];
      expect(design.timeToLiveAttribute, role).toBe('expiresAt');
      expect(tableProps(name).TimeToLiveSpecification).toEqual({
        AttributeName: 'expiresAt',
        Enabled: true,
      });
    }
  });

  it('the functions that write tickets and gaps are told how long to keep them', () => {
    for (const fn of ['ChatApi', 'StaffApi', 'SmsEum']) {
      const env =
        r.template.toJSON().Resources[logicalIdOf(r, `${fn}/Function/Resource`)].Properties
          .Environment.Variables;
      expect(env).toMatchObject({
        MUJIB_TURN_RETENTION_DAYS: '90',
        MUJIB_TICKET_RETENTION_DAYS: '30',
        MUJIB_GAP_RETENTION_DAYS: '60',
      });
    }
  });
});

describe('index projections', () => {
  it('each index projects what the design says (whole items: every index query returns whole tickets or turns)', () => {
    const projections: Record<string, string> = {};
    for (const [role, name] of Object.entries(tables)) {
      const props = tableProps(name);
      for (const index of [
        ...(props.GlobalSecondaryIndexes ?? []),
        ...(props.LocalSecondaryIndexes ?? []),
      ]) {
        projections[`${role}.${index.IndexName}`] = index.Projection.ProjectionType;
      }
      const design = TABLE_DESIGN[role as keyof typeof tables];
      for (const index of [...design.globalIndexes, ...design.localIndexes]) {
        expect(projections[`${role}.${index.indexName}`]).toBe(index.projection);
      }
    }
    expect(projections).toEqual({
      'turns.byTime': 'ALL',
      'tickets.byStatus': 'ALL',
      'tickets.byQueue': 'ALL',
      'tickets.byCustomer': 'ALL',
    });
  });
});

describe('dev is removed completely on destroy', () => {
  it('no backup plan or vault', () => {
    r.template.resourceCountIs('AWS::Backup::BackupPlan', 0);
    r.template.resourceCountIs('AWS::Backup::BackupVault', 0);
  });

  it('the KMS keys (alarm topic, inbound SMS topic) are deleted with the stack', () => {
    const keys = Object.values(r.template.findResources('AWS::KMS::Key'));
    expect(keys.length).toBeGreaterThanOrEqual(2);
    for (const key of keys) {
      expect(key.DeletionPolicy).toBe('Delete');
      expect(key.Properties.PendingWindowInDays).toBe(7);
    }
  });

  it('tables, buckets and log groups are deleted too', () => {
    for (const type of ['AWS::DynamoDB::Table', 'AWS::S3::Bucket', 'AWS::Logs::LogGroup']) {
      for (const resource of Object.values(r.template.findResources(type))) {
        expect(resource.DeletionPolicy, type).toBe('Delete');
      }
    }
  });
});
