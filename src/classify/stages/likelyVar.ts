/**
 * The variable an app most likely reads for a service's address when the container does not set it
 * (issue #11, steps review v11): the service's other variables under one prefix (KAFKA_CLIENT_ID,
 * KAFKA_GROUP_ID with no broker list say the app reads KAFKA_* and its brokers variable is KAFKA_BROKERS),
 * or the client library's own documented setting when the rows are its words (Celery's consumer printing
 * its default `amqp://guest@127.0.0.1` reads CELERY_BROKER_URL). Undefined when neither names one.
 */

/**
 * The address field a service's prefix takes, by the service's port: Kafka's broker list. Databases,
 * Redis and RabbitMQ under one prefix are named by the steps' own sibling pass (siblingVars.ts).
 */
const ADDRESS_FIELD: Record<string, string> = {
  '9092': 'BROKERS',
  '29092': 'BROKERS',
};

/** Client libraries whose rows name them, with the setting they document for the broker's address. */
const CLIENT_SETTINGS: { words: RegExp; variable: string; example: string }[] = [
  // Celery's worker: "consumer: Cannot connect to amqp://guest:**@127.0.0.1:5672//" (celery/app/defaults.py broker_url, CELERY_BROKER_URL in Django-style settings)
  { words: /\bconsumer: Cannot connect to (?:amqps?|redis):\/\/|\bcelery\b/i, variable: 'CELERY_BROKER_URL', example: 'amqp://<user>:<password>@<broker-host>:5672//' },
];

export interface LikelyVar { name: string; example: string; why: string }

/** The placeholder value an address variable takes, by its field. */
function exampleFor(field: string, port: string | undefined): string {
  if (field === 'BROKERS') return `<broker-host>:${port ?? '9092'}`;
  if (field === 'HOST') return '<host>';
  return '<url>';
}

/**
 * `related` are the container's variables for the service (the ones the stage already found); `port` is
 * the port the client dialled; `text` its rows.
 */
export function likelyAddressVar(related: string[], port: string | undefined, text: string): LikelyVar | undefined {
  const prefixes = new Set(related.map((n) => /^([A-Z][A-Z0-9]{1,20})_[A-Z][A-Z0-9_]{0,30}$/.exec(n)?.[1]).filter((p): p is string => !!p));
  const field = port ? ADDRESS_FIELD[port] : undefined;
  if (prefixes.size === 1 && related.length >= 2 && field) {
    const prefix = [...prefixes][0]!;
    return { name: `${prefix}_${field}`, example: exampleFor(field, port), why: `beside the ${related.slice(0, 4).join(', ')} the container sets` };
  }
  if (related.length === 0) {
    const client = CLIENT_SETTINGS.find((c) => c.words.test(text.slice(0, 20000)));
    if (client) return { name: client.variable, example: client.example, why: 'the setting its client library documents for the broker' };
  }
  return undefined;
}
