// Drives Borealis Streams with the AWS SDK for JavaScript v3, unchanged: credentials from
// AWS_SHARED_CREDENTIALS_FILE, the endpoint from argv. Prints one JSON line of what it read.
import {
  KinesisClient, CreateStreamCommand, PutRecordsCommand, PutRecordCommand, ListShardsCommand,
  GetShardIteratorCommand, GetRecordsCommand, DescribeStreamCommand, waitUntilStreamExists,
} from "@aws-sdk/client-kinesis";

// One attempt: a retried put would append its records twice (Kinesis is at-least-once), and a
// failure here should show, not hide behind a retry.
const kinesis = new KinesisClient({ endpoint: process.argv[2], region: "us-east-1", maxAttempts: 1 });
const StreamName = "node";
await kinesis.send(new CreateStreamCommand({ StreamName, ShardCount: 2 }));
await waitUntilStreamExists({ client: kinesis, maxWaitTime: 30 }, { StreamName });
const put = await kinesis.send(new PutRecordsCommand({
  StreamName,
  Records: Array.from({ length: 50 }, (_, i) => ({ PartitionKey: `key-${i % 5}`, Data: new TextEncoder().encode(`${i}`) })),
}));
if (put.FailedRecordCount !== 0) throw new Error(`PutRecords failed ${put.FailedRecordCount}`);
await kinesis.send(new PutRecordCommand({ StreamName, PartitionKey: "key-0", Data: new TextEncoder().encode("50") }));

const seen = {};
const { Shards } = await kinesis.send(new ListShardsCommand({ StreamName }));
for (const shard of Shards) {
  let { ShardIterator } = await kinesis.send(new GetShardIteratorCommand({ StreamName, ShardId: shard.ShardId, ShardIteratorType: "TRIM_HORIZON" }));
  for (;;) {
    const out = await kinesis.send(new GetRecordsCommand({ ShardIterator, Limit: 7 }));
    ShardIterator = out.NextShardIterator;
    if (out.Records.length === 0) break;
    for (const r of out.Records) (seen[r.PartitionKey] ??= []).push(Number(new TextDecoder().decode(r.Data)));
  }
}
let missing = "no error";
try {
  await kinesis.send(new DescribeStreamCommand({ StreamName: "nope" }));
} catch (e) {
  missing = e.name;
}
console.log(JSON.stringify({ seen, missing }));
