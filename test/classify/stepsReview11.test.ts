/**
 * The eleventh steps review (issue #11, blind corpus v11): a generic step where the rows or the
 * configuration name the exact thing. Each incident uses a public wording, with its source.
 */
import { appFixtures, commands, expectValidCommands, primary, texts } from './stepsFixtures';

const SUB = '5b2c7d10-3e4f-4a6b-9c8d-1e2f3a4b5c6d';
const { target, config, sys, exit, line } = appFixtures({
  app: 'orders-worker', resourceGroup: 'rg-orders', subscriptionId: SUB, t0: Date.parse('2026-12-09T10:00:00Z'),
  replica: 'orders-worker--0000012-6b8c9d7e5-k3l4m',
  container: { name: 'orders-worker', image: 'ordersreg.azurecr.io/orders-worker:2.4.0', cpu: 0.5, memory: '1Gi', env: [], probes: [] },
});
const all = (f: ReturnType<typeof primary>): string => commands(f).join('\n');
const backoff = (s: number) => sys('BackOff', 'Back-off restarting failed container orders-worker', s);

describe('a client that fell back to its default address: the variable it most likely reads', () => {
  // kafkajs src/cluster/brokerPool.js ("Failed to connect to seed broker, trying another broker from the list"),
  // as its default JSON logger (src/loggers/console.js) prints it
  const kafkajs = '{"level":"ERROR","timestamp":"2026-12-09T10:00:01.639Z","logger":"kafkajs","message":"[BrokerPool] Failed to connect to seed broker, trying another broker from the list: Connection error: connect ECONNREFUSED ::1:29092","retryCount":5,"retryTime":11396}';
  const env = (names: string[]) => names.map((name) => ({ name, hasValue: true }));

  it('KAFKA_CLIENT_ID, KAFKA_GROUP_ID, KAFKA_TOPIC and no broker list: set KAFKA_BROKERS, with the command', () => {
    const f = primary({
      system: [exit(1, 10), backoff(20), exit(1, 60)],
      console: [line(kafkajs, 9), line(kafkajs, 59)],
      target: target(), config: config({}, { env: env(['KAFKA_CLIENT_ID', 'KAFKA_GROUP_ID', 'KAFKA_TOPIC']) }),
    });
    expect(f.ruleId).toBe('config.local-default-host');
    expect(texts(f)).toContain('Set KAFKA_BROKERS (beside the KAFKA_CLIENT_ID, KAFKA_GROUP_ID, KAFKA_TOPIC the container sets)');
    expect(all(f)).toContain("az containerapp update -n orders-worker -g rg-orders --set-env-vars KAFKA_BROKERS='<broker-host>:29092'");
    expectValidCommands(f);
  });

  // celery/worker/consumer/consumer.py CONNECTION_ERROR: "consumer: Cannot connect to %s: %s."
  const celery = 'ERROR [MainThread] [consumer.py:493] - consumer: Cannot connect to amqp://guest:**@127.0.0.1:5672//: [Errno 111] Connection refused.';

  it('Celery printing its default broker URL, no broker variable: set CELERY_BROKER_URL', () => {
    const f = primary({
      system: [],
      console: [line(celery, 1), line(celery, 31)],
      target: target(), config: config({}, { env: env(['DB_HOST', 'REDIS_URL']) }),
    });
    expect(f.ruleId).toBe('config.local-default-host');
    expect(texts(f)).toContain('Set CELERY_BROKER_URL');
    expect(all(f)).toContain("--set-env-vars CELERY_BROKER_URL='amqp://<user>:<password>@<broker-host>:5672//'");
    expectValidCommands(f);
  });

  it('near miss: the service\'s variables under two prefixes name no single variable: the generic step stays', () => {
    const f = primary({
      system: [exit(1, 10), backoff(20), exit(1, 60)],
      console: [line(kafkajs, 9), line(kafkajs, 59)],
      target: target(), config: config({}, { env: env(['KAFKA_CLIENT_ID', 'APP_KAFKA_GROUP', 'KAFKA_TOPIC']) }),
    });
    expect(f.ruleId).toBe('config.local-default-host');
    expect(texts(f)).not.toContain('KAFKA_BROKERS');
    expect(texts(f)).toContain('Set the variable the app reads for this service');
  });
});

describe('RabbitMQ\'s disk alarm names its limit', () => {
  // rabbit_disk_monitor: "Free disk space is insufficient. Free bytes: ~p. Limit: ~p" (rabbitmq-server deps/rabbit/src/rabbit_disk_monitor.erl)
  const alarm = 'Free disk space is insufficient. Free bytes: 7900602368. Limit: 8589934592';

  it('the broker\'s wording: disk_free_limit.absolute and the Bitnami variable', () => {
    const f = primary({ system: [exit(1, 10), backoff(20)], console: [line(alarm, 8)], target: target(), config: config() });
    expect(f.ruleId).toBe('console.disk.insufficient-space');
    expect(texts(f)).toContain('disk_free_limit.absolute = 2GB');
    expect(texts(f)).toContain('RABBITMQ_DISK_FREE_ABSOLUTE_LIMIT');
  });

  it('near miss: another program short of space gets no RabbitMQ limit', () => {
    // MongoDB: "Insufficient free space for journal files" (mongod's mmapv1 journal preallocation, src/mongo/db/storage/mmap_v1/dur_journal.cpp)
    const f = primary({ system: [exit(1, 10), backoff(20)], console: [line('Insufficient free space for journal files, Please make at least 3379MB available in /data/db/journal', 8)], target: target(), config: config() });
    expect(f.ruleId).toBe('console.disk.insufficient-space');
    expect(texts(f)).not.toContain('disk_free_limit');
  });
});

describe('a missing shared library named by its package', () => {
  // confluent-kafka-python: "ImportError: librdkafka.so.1: cannot open shared object file" (the loader's dlopen error as `import confluent_kafka` prints it when pip built from source without librdkafka)
  it('librdkafka.so.1: librdkafka1 on Debian, librdkafka on Alpine', () => {
    const f = primary({ system: [exit(1, 10), backoff(20)], console: [line('ImportError: librdkafka.so.1: cannot open shared object file: No such file or directory', 8)], target: target(), config: config() });
    expect(texts(f)).toContain('apt-get install -y --no-install-recommends librdkafka1');
    expect(texts(f)).toContain('apk add --no-cache librdkafka');
  });

  it('near miss: a library not in the table keeps the generic wording', () => {
    const f = primary({ system: [exit(1, 10), backoff(20)], console: [line('ImportError: libfoobarbaz.so.7: cannot open shared object file: No such file or directory', 8)], target: target(), config: config() });
    expect(texts(f)).toContain('the package is usually named after the library');
  });
});
