/**
 * Builds the events table from TABLE_DEFINITION (infra/table.ts), the plain-data key schema
 * the local run creates DynamoDB Local's table from, so AWS and local cannot drift apart.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, StreamViewType, Table } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { TABLE_DEFINITION } from './table.js';

/** Props of {@link createEventsTable}. */
export interface EventsTableProps {
  /**
   * Deletion protection on, and the table retained when the stack is deleted. Turn off
   * only for throw-away stacks.
   */
  protectData: boolean;
}

const ATTRIBUTE_TYPES = {
  S: AttributeType.STRING,
  N: AttributeType.NUMBER,
  B: AttributeType.BINARY,
} as const;

/** Creates the on-demand events table with its stream, indexes, TTL and point-in-time recovery. */
export function createEventsTable(scope: Construct, id: string, props: EventsTableProps): Table {
  const def = TABLE_DEFINITION;
  const table = new Table(scope, id, {
    partitionKey: { name: def.partitionKey.name, type: ATTRIBUTE_TYPES[def.partitionKey.type] },
    sortKey: { name: def.sortKey.name, type: ATTRIBUTE_TYPES[def.sortKey.type] },
    billingMode: BillingMode.PAY_PER_REQUEST,
    stream: StreamViewType[def.streamView],
    timeToLiveAttribute: def.timeToLiveAttribute,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: props.protectData,
    removalPolicy: props.protectData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
  });
  for (const index of def.globalSecondaryIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: { name: index.partitionKey.name, type: ATTRIBUTE_TYPES[index.partitionKey.type] },
      sortKey: { name: index.sortKey.name, type: ATTRIBUTE_TYPES[index.sortKey.type] },
      // The local table projects ALL too (local/setup.ts): the API reads whole events from the index.
      projectionType: ProjectionType.ALL,
    });
  }
  return table;
}
