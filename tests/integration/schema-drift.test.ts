// The SQL migrations (applied with dbmate) and prisma/schema.prisma must describe the same
// database: every model's table, column, type, nullability, default, primary key, unique
// constraint, index and foreign key, and every enum. The Prisma CLI cannot diff them on our
// machines (no schema engine), so this test does, against the database at DATABASE_URL,
// which scripts/test.sh creates fresh and migrates before the tests run.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { diffSchema, expectedFromPrismaSchema, expectedFromPrismaSchemaFile, readDatabaseSchema, type DbSchema } from "../helpers/schema-drift";

/** Indexes created in SQL on purpose that Prisma cannot express, as "Table(col1,col2)". */
const ALLOWED_EXTRA_INDEXES: string[] = [];

const clone = (s: DbSchema): DbSchema => structuredClone(s);

describe("diffSchema (the comparison itself)", () => {
  const schema = `
    datasource db {
      provider = "postgresql"
    }
    enum Kind {
      a
      b
    }
    model Parent {
      id    String  @id @default(uuid())
      name  String  @unique
      kids  Child[]
    }
    model Child {
      id       String   @id @default(uuid())
      parentId String
      parent   Parent   @relation(fields: [parentId], references: [id], onDelete: Cascade)
      kind     Kind     @default(a)
      price    Decimal  @db.Decimal(12, 2)
      tags     String[] @default([])
      note     String?
      count    Int      @default(0)
      at       DateTime @default(now())
      @@unique([parentId, kind])
      @@index([kind, at])
    }`;
  const expected = expectedFromPrismaSchema(schema);
  const matching: DbSchema = {
    enums: { Kind: ["a", "b"] },
    tables: {
      schema_migrations: {
        columns: { version: { type: "character varying", nullable: false, default: null } },
        primaryKey: ["version"],
        indexes: [],
        foreignKeys: [],
      },
      Parent: {
        columns: {
          id: { type: "text", nullable: false, default: null },
          name: { type: "text", nullable: false, default: null },
        },
        primaryKey: ["id"],
        indexes: [{ columns: ["name"], unique: true, method: "btree" }],
        foreignKeys: [],
      },
      Child: {
        columns: {
          id: { type: "text", nullable: false, default: null },
          parentId: { type: "text", nullable: false, default: null },
          kind: { type: "Kind", nullable: false, default: "a" },
          price: { type: "numeric(12,2)", nullable: false, default: null },
          tags: { type: "text[]", nullable: true, default: "ARRAY[]" },
          note: { type: "text", nullable: true, default: null },
          count: { type: "integer", nullable: false, default: "0" },
          at: { type: "timestamp(3) without time zone", nullable: false, default: "CURRENT_TIMESTAMP" },
        },
        primaryKey: ["id"],
        indexes: [
          { columns: ["parentId", "kind"], unique: true, method: "btree" },
          { columns: ["kind", "at"], unique: false, method: "btree" },
        ],
        foreignKeys: [{ columns: ["parentId"], refTable: "Parent", refColumns: ["id"], onDelete: "Cascade", onUpdate: "Cascade" }],
      },
    },
  };

  it("reads the Prisma schema into the expected shape", () => {
    expect(expected.tables.Child!.columns.price).toEqual({ type: "numeric(12,2)", nullable: false, default: null });
    expect(expected.tables.Child!.columns.kind!.type).toBe("Kind");
    expect(expected.tables.Child!.columns.tags).toMatchObject({ type: "text[]", nullable: null });
    expect(expected.tables.Child!.columns.at!.type).toBe("timestamp(3) without time zone");
    expect(expected.tables.Child!.columns.id!.default).toBeUndefined(); // uuid() is client-side
    expect(expected.tables.Child!.indexes).toHaveLength(2);
    expect(expected.tables.Child!.indexes).toEqual(expect.arrayContaining(matching.tables.Child!.indexes));
    expect(expected.tables.Child!.foreignKeys).toEqual(matching.tables.Child!.foreignKeys);
    expect(expected.enums).toEqual({ Kind: ["a", "b"] });
  });

  it("finds nothing when the database matches", () => {
    expect(diffSchema(expected, matching)).toEqual([]);
  });

  it("reports each kind of drift", () => {
    const drifted = clone(matching);
    const child = drifted.tables.Child!;
    child.columns.price!.type = "numeric(10,2)";
    child.columns.note!.nullable = false;
    delete child.columns.count;
    child.columns.extra = { type: "text", nullable: true, default: null };
    child.columns.kind!.default = "b";
    child.indexes = [
      { columns: ["kind", "parentId"], unique: true, method: "btree" },
      { columns: ["at", "kind"], unique: false, method: "btree" },
    ];
    child.foreignKeys[0]!.onDelete = "Restrict";
    drifted.enums.Kind = ["a", "b", "c"];
    drifted.tables.Orphan = { columns: {}, primaryKey: [], indexes: [], foreignKeys: [] };
    delete drifted.tables.Parent;

    expect(diffSchema(expected, drifted)).toEqual(
      expect.arrayContaining([
        "enum Kind: values [a, b, c], schema.prisma has [a, b]",
        "table Parent: missing in the database",
        "Child.price: type is numeric(10,2), schema.prisma wants numeric(12,2)",
        "Child.note: NOT NULL in the database, schema.prisma says optional",
        "Child.count: column missing in the database",
        "Child.extra: column in the database but not in schema.prisma",
        "Child.kind: default is b, schema.prisma wants a",
        "Child: unique btree (parentId, kind): missing in the database",
        "Child: index btree (kind, at): missing in the database",
        "Child: unique btree (kind, parentId): in the database but not in schema.prisma",
        "Child: foreign key (parentId) → Parent(id): ON DELETE Restrict, schema.prisma wants Cascade",
        "table Orphan: in the database but not in schema.prisma",
      ]),
    );
  });

  it("tolerates only the allowed extra indexes", () => {
    const extra = clone(matching);
    extra.tables.Parent!.indexes.push({ columns: ["name"], unique: false, method: "gin" });
    expect(diffSchema(expected, extra)).toEqual(["Parent: index gin (name): in the database but not in schema.prisma"]);
    expect(diffSchema(expected, extra, { allowExtraIndexes: ["Parent(name)"] })).toEqual([]);
  });
});

describe("migrated database vs prisma/schema.prisma", () => {
  let client: pg.Client;
  let actual: DbSchema;
  const expected = expectedFromPrismaSchemaFile();

  beforeAll(async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: run through `npm test` (scripts/test.sh), which creates and migrates a test database");
    client = new pg.Client({ connectionString: url });
    await client.connect();
    actual = await readDatabaseSchema(client);
  });
  afterAll(async () => {
    await client?.end();
  });

  it("has been migrated (dbmate's schema_migrations is there)", () => {
    expect(Object.keys(actual.tables)).toContain("schema_migrations");
  });

  it("matches schema.prisma exactly", () => {
    // One line per difference, so a failure says what to fix in the SQL or the schema.
    expect(diffSchema(expected, actual, { allowExtraIndexes: ALLOWED_EXTRA_INDEXES })).toEqual([]);
  });

  it("notices when the database drifts (a changed column type, a dropped index)", () => {
    const drifted = clone(actual);
    const [table, spec] = Object.entries(drifted.tables).find(([, t]) => t.indexes.length > 0 && Object.keys(t.columns).length > 1)!;
    const col = Object.keys(spec.columns)[1]!;
    spec.columns[col]!.type = "character varying(5)";
    spec.indexes.pop();
    const diff = diffSchema(expected, drifted, { allowExtraIndexes: ALLOWED_EXTRA_INDEXES });
    expect(diff).toContainEqual(expect.stringContaining(`${table}.${col}: type is character varying(5)`));
    expect(diff).toContainEqual(expect.stringMatching(new RegExp(`^${table}: .*missing in the database$`)));
  });
});
