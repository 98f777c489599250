/**
 * The events table's key schema and indexes: the one definition that both the CDK stack
 * and the local run (DynamoDB Local) create the table from.
 *
 * Item kinds (single-table design):
 * - event:      pk `EVENT#<id>`,            sk `EVENT`; gsi1pk `TIMELINE`, gsi1sk = timeline sort key
 *               (Event fields stored flat: stream consumers keep records with sk `EVENT`)
 * - facet:      pk `FACET#<kind>#<slug>`,   sk = timeline sort key (an event's index entry per actor/country/...)
 * - source:     pk `SOURCE#<object key>`,   sk = timeline sort key (which event holds an article)
 * - counter:    pk `FACETS#<kind>`,         sk = slug; `name`, `count` (facet lists without a scan)
 * - ingestion:  pk `INGEST#<object key>`,   sk `INGEST`
 * Facet, source and counter items are written in the same transaction as their event.
 */
export const TABLE_DEFINITION = {
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [
    {
      indexName: 'timeline',
      partitionKey: { name: 'gsi1pk', type: 'S' },
      sortKey: { name: 'gsi1sk', type: 'S' },
    },
  ],
  streamView: 'NEW_AND_OLD_IMAGES',
  timeToLiveAttribute: 'expiresAt',
} as const;

/** Name of the table in the local run. */
export const LOCAL_TABLE_NAME = 'entente-events';
/** Name of the articles bucket in the local run. */
export const LOCAL_BUCKET_NAME = 'articles';
