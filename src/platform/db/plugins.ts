// Value conversions that make SQLite behave like PostgreSQL for the application code.
import {
  OperationNodeTransformer, type KyselyPlugin, type PluginTransformQueryArgs, type PluginTransformResultArgs,
  type QueryResult, type RootOperationNode, type UnknownRow, type ValueNode, type PrimitiveValueListNode,
} from 'kysely';

function toSqliteValue(v: unknown): unknown {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof Date) return v.toISOString();
  return v;
}

class SqliteParamTransformer extends OperationNodeTransformer {
  protected override transformValue(node: ValueNode): ValueNode {
    return { ...super.transformValue(node), value: toSqliteValue(node.value) };
  }
  protected override transformPrimitiveValueList(node: PrimitiveValueListNode): PrimitiveValueListNode {
    return { ...super.transformPrimitiveValueList(node), values: node.values.map(toSqliteValue) };
  }
}

/** Booleans are stored as 0/1 in SQLite; columns named is_* are read back as booleans. */
const BOOL_COLUMN = /^is_/;

export class SqliteValuesPlugin implements KyselyPlugin {
  readonly #transformer = new SqliteParamTransformer();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    for (const row of args.result.rows) {
      for (const key of Object.keys(row)) {
        if (BOOL_COLUMN.test(key) && (row[key] === 0 || row[key] === 1)) row[key] = row[key] === 1;
      }
    }
    return args.result;
  }
}
