/**
 * The message attributes of a topic's messages: for each name, the values it
 * may take and their shares (`messageAttributes`, resolved with
 * core/choices.ts). Every published message draws one value of each, whoever
 * publishes it. A value that reads as a number is a Number attribute, any
 * other a String. The draw fills a reused array of value indices, and adds up
 * the bytes the attributes weigh in a publish and in a delivered copy, so a
 * publish allocates nothing here.
 */
import { createChoice, type Choice, type ChoicesInput } from '../../core/choices.js';
import type { Random } from '../../core/random.js';
import type { MessageAttribute } from './filter-policy.js';

/** What SNS accepts as a Number attribute value: an integer or a decimal, with an optional exponent. */
const NUMBER_RE = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function attributeType(value: string): MessageAttribute['Type'] {
  return NUMBER_RE.test(value) && Number.isFinite(Number(value)) ? 'Number' : 'String';
}

/** One attribute name: its values, how to draw one, and what each weighs. */
export class AttributeValues {
  readonly values: readonly string[];
  /** Each value as SNS hands it on. */
  readonly attributes: readonly MessageAttribute[];
  /** Bytes counted against the publish size: name, data type and value. */
  readonly publishBytes: Int32Array;
  /** Bytes the attribute adds to a delivered copy: `"name":{"Type":…,"Value":…},` in the JSON envelope. */
  readonly envelopeBytes: Int32Array;
  private readonly choice: Choice;
  private readonly indexOf: ReadonlyMap<string, number>;

  constructor(
    readonly name: string,
    input: ChoicesInput,
    random: Random,
  ) {
    this.choice = createChoice(input, random);
    this.values = this.choice.values;
    this.indexOf = new Map(this.values.map((v, i) => [v, i]));
    this.attributes = this.values.map((Value) => ({ Type: attributeType(Value), Value }));
    this.publishBytes = Int32Array.from(this.attributes, (a) => utf8Bytes(name) + utf8Bytes(a.Type) + utf8Bytes(a.Value));
    this.envelopeBytes = Int32Array.from(this.attributes, (a) => utf8Bytes(`${JSON.stringify(name)}:${JSON.stringify(a)},`));
  }

  /** The index of one drawn value. */
  draw(): number {
    return this.indexOf.get(this.choice.pick())!;
  }
}

export class TopicAttributes {
  readonly names: readonly AttributeValues[];
  /** The value index of each attribute of the message drawn last. */
  readonly picked: Int32Array;
  /** Of the message drawn last: the attributes' bytes in the publish, and in a delivered copy. */
  publishBytes = 0;
  envelopeBytes = 0;

  constructor(config: Readonly<Record<string, ChoicesInput>>, random: Random) {
    this.names = Object.entries(config).map(([name, input]) => new AttributeValues(name, input, random));
    this.picked = new Int32Array(this.names.length);
  }

  indexOfName(name: string): number {
    return this.names.findIndex((a) => a.name === name);
  }

  /** Draws one value of every attribute for the next message. */
  draw(): void {
    let publish = 0;
    let envelope = 0;
    const names = this.names;
    for (let i = 0; i < names.length; i++) {
      const attribute = names[i]!;
      const v = attribute.draw();
      this.picked[i] = v;
      publish += attribute.publishBytes[v]!;
      envelope += attribute.envelopeBytes[v]!;
    }
    this.publishBytes = publish;
    this.envelopeBytes = envelope;
  }
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8');
}
