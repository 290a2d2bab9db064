import * as v from 'valibot';

/** An item as the Document Client reads and writes it. */
export type Item = Record<string, unknown>;

/**
 * How one kind of record is stored: its fields, declared once as a schema. Repositories write
 * records through `fields` and read items through `decode`, so what an item holds is checked
 * where it leaves the table rather than assumed by a cast.
 */
export interface ItemCodec<T> {
  /** The record's stored attributes: the schema's fields, an `orNull` one left out while null. */
  fields(record: T): Item;
  /** The record an item holds (its keys and other attributes dropped); throws on an item not of this kind. */
  readonly decode: (item: Item) => T;
}

/** Fields stored only while they have a value (see `orNull`). */
const absentWhenNull = new WeakSet<v.GenericSchema>();

export function itemCodec<const E extends v.ObjectEntries>(
  entries: E,
): ItemCodec<v.InferOutput<v.ObjectSchema<E, undefined>>> {
  const schema = v.object(entries);
  const stored = new Map(Object.entries(entries).map(([name, field]) => [name, absentWhenNull.has(field)]));
  return {
    fields: (record) =>
      Object.fromEntries(
        Object.entries(record).flatMap(([name, value]) => {
          const dropsNull = stored.get(name);
          if (dropsNull === undefined) return [];
          return [[name, dropsNull && value === null ? undefined : value]];
        }),
      ),
    decode: (item) => v.parse(schema, item),
  };
}

/** A field stored only while it has a value: null is left out, and absent reads as null. */
export function orNull<const S extends v.GenericSchema>(schema: S) {
  const field = v.nullish(schema, null);
  absentWhenNull.add(field);
  return field;
}

/** A list field that may be absent, reading as empty. */
export function listOf<const S extends v.GenericSchema>(schema: S) {
  return v.optional(v.array(schema), () => []);
}
