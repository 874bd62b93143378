// Enhanced fan-out with the AWS SDK for JavaScript v3, unchanged: registers a consumer,
// subscribes to a shard over HTTP/2 (the SDK's event stream), puts records while subscribed, and
// prints one JSON line: what arrived, in what order, how long after each put was acknowledged,
// and the error a second subscription of the same consumer and shard met.
import {
  KinesisClient, CreateStreamCommand, RegisterStreamConsumerCommand, DescribeStreamConsumerCommand,
  SubscribeToShardCommand, PutRecordCommand, waitUntilStreamExists,
} from "@aws-sdk/client-kinesis";

const kinesis = new KinesisClient({ endpoint: process.argv[2], region: "us-east-1", maxAttempts: 1 });
const StreamName = "fanout";
const StreamARN = `arn:aws:kinesis:us-east-1:000000000000:stream/${StreamName}`;
const ShardId = "shardId-000000000000";
const count = 30;
await kinesis.send(new CreateStreamCommand({ StreamName, ShardCount: 1 }));
await waitUntilStreamExists({ client: kinesis, maxWaitTime: 30 }, { StreamName });
const { Consumer } = await kinesis.send(new RegisterStreamConsumerCommand({ StreamARN, ConsumerName: "node-app" }));
const registeredStatus = Consumer.ConsumerStatus;
const { ConsumerDescription } = await kinesis.send(new DescribeStreamConsumerCommand({ ConsumerARN: Consumer.ConsumerARN }));

// Two records before the subscription: TRIM_HORIZON must deliver them first.
for (const early of ["early-0", "early-1"])
  await kinesis.send(new PutRecordCommand({ StreamName, PartitionKey: "k", Data: new TextEncoder().encode(early) }));

const subscription = await kinesis.send(new SubscribeToShardCommand({
  ConsumerARN: Consumer.ConsumerARN, ShardId, StartingPosition: { Type: "TRIM_HORIZON" },
}));
let second = "no error";
try {
  await kinesis.send(new SubscribeToShardCommand({ ConsumerARN: Consumer.ConsumerARN, ShardId, StartingPosition: { Type: "LATEST" } }));
} catch (e) {
  second = e.name;
}

const acknowledged = new Map();
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const producer = (async () => {
  for (let i = 0; i < count; i++) {
    await kinesis.send(new PutRecordCommand({ StreamName, PartitionKey: "k", Data: new TextEncoder().encode(`${i}`) }));
    acknowledged.set(`${i}`, performance.now());
    await sleep(100);
  }
})();

const received = [];
const latencies = [];
let events = 0;
let continuation = null;
const deadline = setTimeout(() => { console.log(JSON.stringify({ error: "timed out", received })); process.exit(2); }, 90_000);
for await (const event of subscription.EventStream) {
  if (!event.SubscribeToShardEvent) continue;
  events++;
  const now = performance.now();
  continuation = event.SubscribeToShardEvent.ContinuationSequenceNumber;
  for (const r of event.SubscribeToShardEvent.Records) {
    const data = new TextDecoder().decode(r.Data);
    received.push(data);
    // A record can arrive before its put's answer does; that counts as no delay.
    const ack = acknowledged.get(data);
    latencies.push(ack === undefined ? 0 : Math.max(0, now - ack));
  }
  if (received.length >= count + 2) break;
}
clearTimeout(deadline);
await producer;
latencies.sort((a, b) => a - b);
console.log(JSON.stringify({
  received, second, events, continuation, registeredStatus, describedStatus: ConsumerDescription.ConsumerStatus,
  p50: latencies[Math.floor(latencies.length / 2)], max: latencies[latencies.length - 1],
}));
process.exit(0);
