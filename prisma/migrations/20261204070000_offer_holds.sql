-- migrate:up
-- Stock held for accepted offers (issue 13). An accepted offer's lines are routed to supplier
-- offers as an order's would be, and the quantities are held there: "OfferHold" says which offer
-- holds what, "SupplierOffer"."held" is their sum per supplier offer. What others may take is
-- "stock" - "held": catalog sync keeps writing the supplier's figure to "stock" and never touches
-- "held", so a sync during a hold neither frees nor double-counts it. Product."stock" (what the
-- catalog shows) is kept net of holds: lib/catalog/offers/offer-holds.ts moves it with each hold and release,
-- and the recomputations (lib/catalog/offers/recompute-product-stock.ts) subtract "held".
-- Ordering the offer releases its hold and reserves the same units in one transaction; an expired
-- hold is released by the expiry job.
ALTER TABLE "SupplierOffer" ADD COLUMN "held" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "SupplierOffer" ADD CONSTRAINT "SupplierOffer_held_check" CHECK ("held" >= 0);

CREATE TABLE "OfferHold" (
  "offerId" TEXT NOT NULL,
  "supplierOfferId" TEXT NOT NULL,
  "productId" TEXT NOT NULL,
  "quantity" INTEGER NOT NULL,
  "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "OfferHold_pkey" PRIMARY KEY ("offerId", "supplierOfferId"),
  CONSTRAINT "OfferHold_offerId_fkey" FOREIGN KEY ("offerId") REFERENCES "Offer"("id") ON DELETE CASCADE ON UPDATE CASCADE,
  CONSTRAINT "OfferHold_supplierOfferId_fkey" FOREIGN KEY ("supplierOfferId") REFERENCES "SupplierOffer"("id") ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX "OfferHold_supplierOfferId_idx" ON "OfferHold"("supplierOfferId");

-- Intake takes only what is not held.
CREATE OR REPLACE FUNCTION portal_place_order(p jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  o jsonb := p->'order';
  order_id text := o->>'id';
  at timestamp(3) := ((o->>'createdAt')::timestamptz AT TIME ZONE 'UTC');
  short text;
BEGIN
  INSERT INTO "Order" ("id", "number", "companyId", "userId", "reference", "notes", "subtotal", "shippingAddress", "createdAt", "updatedAt")
  VALUES (order_id, o->>'number', o->>'companyId', o->>'userId', o->>'reference', o->>'notes', (o->>'subtotal')::numeric, o->'shippingAddress', at, at);

  INSERT INTO "SupplierOrder" ("id", "orderId", "supplierId", "reference", "createdAt", "updatedAt")
  SELECT x."id", order_id, x."supplierId", x."reference", at, at
    FROM jsonb_to_recordset(p->'supplierOrders') AS x("id" text, "supplierId" text, "reference" text);

  INSERT INTO "OrderItem" ("id", "orderId", "productId", "supplierOrderId", "offerId", "supplierSku", "unitCost", "sku", "name", "quantity", "unitPrice", "lineTotal")
  SELECT x."id", order_id, x."productId", x."supplierOrderId", x."offerId", x."supplierSku", x."unitCost"::numeric, x."sku", x."name", x."quantity",
         x."unitPrice"::numeric, x."lineTotal"::numeric
    FROM jsonb_to_recordset(p->'items') AS x("id" text, "productId" text, "supplierOrderId" text, "offerId" text, "supplierSku" text, "unitCost" text,
                                             "sku" text, "name" text, "quantity" int, "unitPrice" text, "lineTotal" text);

  INSERT INTO "OrderEvent" ("id", "orderId", "type", "orderStatus", "source", "message", "createdAt")
  VALUES (p->'event'->>'id', order_id, 'created', 'pending', p->'event'->>'source', p->'event'->>'message', at);

  INSERT INTO "Notification" ("id", "idempotencyKey", "type", "orderId", "userId", "email", "subject", "body", "props")
  SELECT x."id", x."idempotencyKey", x."type", order_id, x."userId", x."email", x."subject", x."body", x."props"
    FROM jsonb_to_recordset(p->'notifications') AS x("id" text, "idempotencyKey" text, "type" text, "userId" text, "email" text, "subject" text, "body" text, "props" jsonb);

  INSERT INTO "OutboxMessage" ("id", "queue", "name", "payload", "subject")
  SELECT x."id", x."queue", x."name", x."payload", x."subject"
    FROM jsonb_to_recordset(p->'outbox') AS x("id" text, "queue" text, "name" text, "payload" jsonb, "subject" text);

  IF p->'idempotency' IS NOT NULL AND jsonb_typeof(p->'idempotency') = 'object' THEN
    INSERT INTO "IdempotencyKey" ("id", "scope", "key", "requestHash", "responseStatus", "responseBody", "orderId", "expiresAt")
    VALUES (p->'idempotency'->>'id', p->'idempotency'->>'scope', p->'idempotency'->>'key', p->'idempotency'->>'hash',
            (p->'idempotency'->>'status')::int, p->'idempotency'->'body', order_id,
            ((p->'idempotency'->>'expiresAt')::timestamptz AT TIME ZONE 'UTC'));
  END IF;

  -- Stock last, in offer-id order (no deadlocks between orders), each a conditional decrement.
  -- NO KEY UPDATE, as a plain UPDATE of the stock takes: it does not wait on the KEY SHARE locks
  -- other orders' line inserts hold on the same rows (their foreign keys).
  PERFORM 1 FROM "SupplierOffer"
    WHERE "id" IN (SELECT r."offerId" FROM jsonb_to_recordset(p->'reservations') AS r("offerId" text))
    ORDER BY "id" FOR NO KEY UPDATE;
  WITH wanted AS (
    SELECT r."offerId", r."quantity" FROM jsonb_to_recordset(p->'reservations') AS r("offerId" text, "quantity" int)
  ), taken AS (
    UPDATE "SupplierOffer" so SET "stock" = so."stock" - w."quantity", "updatedAt" = now()
      FROM wanted w
     WHERE so."id" = w."offerId" AND so."stock" - so."held" >= w."quantity"
    RETURNING so."id"
  )
  SELECT w."offerId" INTO short FROM wanted w WHERE w."offerId" NOT IN (SELECT "id" FROM taken) ORDER BY w."offerId" LIMIT 1;
  IF short IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'stock_race:' || short;
  END IF;

  PERFORM 1 FROM "Product"
    WHERE "id" IN (SELECT x."productId" FROM jsonb_to_recordset(p->'products') AS x("productId" text))
    ORDER BY "id" FOR NO KEY UPDATE;
  UPDATE "Product" pr SET "stock" = GREATEST(0, pr."stock" - x."quantity"), "updatedAt" = now()
    FROM jsonb_to_recordset(p->'products') AS x("productId" text, "quantity" int)
   WHERE pr."id" = x."productId";
END;
$$;

CREATE OR REPLACE FUNCTION portal_place_orders(docs jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  d jsonb;
  r jsonb;
  i int;
  -- Appended in place (plpgsql expands arrays): no copy of what came before, as `jsonb || x` made.
  slots jsonb[] := '{}';
  ok int[] := '{}';
  results jsonb;
  stock jsonb;
  taken text[];
  short text;
  k text;
  st text;
  msg text;
  cons text;
BEGIN
  PERFORM 1 FROM "SupplierOffer"
    WHERE "id" IN (SELECT x->>'offerId' FROM jsonb_array_elements(docs) AS e, jsonb_array_elements(e->'reservations') AS x)
    ORDER BY "id" FOR NO KEY UPDATE;
  PERFORM 1 FROM "Product"
    WHERE "id" IN (SELECT x->>'productId' FROM jsonb_array_elements(docs) AS e, jsonb_array_elements(e->'products') AS x)
    ORDER BY "id" FOR NO KEY UPDATE;

  -- Decide, in order: stock (as locked) and keys (stored, or used earlier in this call).
  SELECT COALESCE(jsonb_object_agg(o."id", o."stock" - o."held"), '{}'::jsonb) INTO stock FROM "SupplierOffer" o
    WHERE o."id" IN (SELECT x->>'offerId' FROM jsonb_array_elements(docs) AS e, jsonb_array_elements(e->'reservations') AS x);
  SELECT COALESCE(array_agg(kk."scope" || E'\x1f' || kk."key"), '{}') INTO taken FROM "IdempotencyKey" kk
    JOIN (SELECT e->'idempotency'->>'scope' AS scope, e->'idempotency'->>'key' AS key FROM jsonb_array_elements(docs) AS e
           WHERE jsonb_typeof(e->'idempotency') = 'object') w ON kk."scope" = w.scope AND kk."key" = w.key;
  FOR d, i IN SELECT t.value, t.ordinality::int FROM jsonb_array_elements(docs) WITH ORDINALITY AS t LOOP
    short := NULL;
    FOR r IN SELECT value FROM jsonb_array_elements(d->'reservations') LOOP
      IF COALESCE((stock->>(r->>'offerId'))::int, 0) < (r->>'quantity')::int THEN
        short := r->>'offerId';
        EXIT;
      END IF;
    END LOOP;
    k := CASE WHEN jsonb_typeof(d->'idempotency') = 'object' THEN (d->'idempotency'->>'scope') || E'\x1f' || (d->'idempotency'->>'key') END;
    IF short IS NOT NULL THEN
      slots := slots || jsonb_build_object('ok', false, 'code', 'P0001', 'message', 'stock_race:' || short, 'constraint', NULL);
    ELSIF k IS NOT NULL AND k = ANY(taken) THEN
      slots := slots || jsonb_build_object('ok', false, 'code', '23505', 'message', 'duplicate key value violates unique constraint',
                                           'constraint', 'IdempotencyKey_scope_key_key');
    ELSE
      FOR r IN SELECT value FROM jsonb_array_elements(d->'reservations') LOOP
        stock := jsonb_set(stock, ARRAY[r->>'offerId'], to_jsonb((stock->>(r->>'offerId'))::int - (r->>'quantity')::int));
      END LOOP;
      IF k IS NOT NULL THEN taken := taken || k; END IF;
      ok := ok || i;
      slots := slots || jsonb_build_object('ok', true);
    END IF;
  END LOOP;
  results := to_jsonb(slots);
  IF cardinality(ok) = 0 THEN
    RETURN results;
  END IF;

  BEGIN
    INSERT INTO "Order" ("id", "number", "companyId", "userId", "reference", "notes", "subtotal", "shippingAddress", "createdAt", "updatedAt")
    SELECT o->>'id', o->>'number', o->>'companyId', o->>'userId', o->>'reference', o->>'notes', (o->>'subtotal')::numeric, o->'shippingAddress',
           ((o->>'createdAt')::timestamptz AT TIME ZONE 'UTC'), ((o->>'createdAt')::timestamptz AT TIME ZONE 'UTC')
      FROM (SELECT p.e->'order' AS o FROM (SELECT t.value AS e FROM jsonb_array_elements(docs) WITH ORDINALITY AS t JOIN unnest(ok) AS k(pos) ON k.pos = t.ordinality) AS p) q;

    INSERT INTO "SupplierOrder" ("id", "orderId", "supplierId", "reference", "createdAt", "updatedAt")
    SELECT x."id", e->'order'->>'id', x."supplierId", x."reference",
           ((e->'order'->>'createdAt')::timestamptz AT TIME ZONE 'UTC'), ((e->'order'->>'createdAt')::timestamptz AT TIME ZONE 'UTC')
      FROM (SELECT t.value FROM jsonb_array_elements(docs) WITH ORDINALITY AS t JOIN unnest(ok) AS k(pos) ON k.pos = t.ordinality) AS p(e), jsonb_to_recordset(e->'supplierOrders') AS x("id" text, "supplierId" text, "reference" text);

    INSERT INTO "OrderItem" ("id", "orderId", "productId", "supplierOrderId", "offerId", "supplierSku", "unitCost", "sku", "name", "quantity", "unitPrice", "lineTotal")
    SELECT x."id", e->'order'->>'id', x."productId", x."supplierOrderId", x."offerId", x."supplierSku", x."unitCost"::numeric, x."sku", x."name", x."quantity",
           x."unitPrice"::numeric, x."lineTotal"::numeric
      FROM (SELECT t.value FROM jsonb_array_elements(docs) WITH ORDINALITY AS t JOIN unnest(ok) AS k(pos) ON k.pos = t.ordinality) AS p(e),
           jsonb_to_recordset(e->'items') AS x("id" text, "productId" text, "supplierOrderId" text, "offerId" text, "supplierSku" text, "unitCost" text,
                                               "sku" text, "name" text, "quantity" int, "unitPrice" text, "lineTotal" text);

    INSERT INTO "OrderEvent" ("id", "orderId", "type", "orderStatus", "source", "message", "createdAt")
    SELECT e->'event'->>'id', e->'order'->>'id', 'created', 'pending', e->'event'->>'source', e->'event'->>'message',
           ((e->'order'->>'createdAt')::timestamptz AT TIME ZONE 'UTC')
      FROM (SELECT t.value FROM jsonb_array_elements(docs) WITH ORDINALITY AS t JOIN unnest(ok) AS k(pos) ON k.pos = t.ordinality) AS p(e);

    INSERT INTO "Notification" ("id", "idempotencyKey", "type", "orderId", "userId", "email", "subject", "body", "props")
    SELECT x."id", x."idempotencyKey", x."type", e->'order'->>'id', x."userId", x."email", x."subject", x."body", x."props"
      FROM (SELECT t.value FROM jsonb_array_elements(docs) WITH ORDINALITY AS t JOIN unnest(ok) AS k(pos) ON k.pos = t.ordinality) AS p(e),
           jsonb_to_recordset(e->'notifications') AS x("id" text, "idempotencyKey" text, "type" text, "userId" text, "email" text, "subject" text, "body" text, "props" jsonb);

    INSERT INTO "OutboxMessage" ("id", "queue", "name", "payload", "subject")
    SELECT x."id", x."queue", x."name", x."payload", x."subject"
      FROM (SELECT t.value FROM jsonb_array_elements(docs) WITH ORDINALITY AS t JOIN unnest(ok) AS k(pos) ON k.pos = t.ordinality) AS p(e), jsonb_to_recordset(e->'outbox') AS x("id" text, "queue" text, "name" text, "payload" jsonb, "subject" text);

    INSERT INTO "IdempotencyKey" ("id", "scope", "key", "requestHash", "responseStatus", "responseBody", "orderId", "expiresAt")
    SELECT e->'idempotency'->>'id', e->'idempotency'->>'scope', e->'idempotency'->>'key', e->'idempotency'->>'hash',
           (e->'idempotency'->>'status')::int, e->'idempotency'->'body', e->'order'->>'id',
           ((e->'idempotency'->>'expiresAt')::timestamptz AT TIME ZONE 'UTC')
      FROM (SELECT t.value FROM jsonb_array_elements(docs) WITH ORDINALITY AS t JOIN unnest(ok) AS k(pos) ON k.pos = t.ordinality) AS p(e) WHERE jsonb_typeof(e->'idempotency') = 'object';

    -- The stock, as decided above (the offers are locked: it cannot have moved).
    UPDATE "SupplierOffer" so SET "stock" = so."stock" - w.qty, "updatedAt" = now()
      FROM (SELECT x->>'offerId' AS id, sum((x->>'quantity')::int) AS qty
              FROM (SELECT t.value FROM jsonb_array_elements(docs) WITH ORDINALITY AS t JOIN unnest(ok) AS k(pos) ON k.pos = t.ordinality) AS p(e), jsonb_array_elements(e->'reservations') AS x GROUP BY 1) w
     WHERE so."id" = w.id;
    UPDATE "Product" pr SET "stock" = GREATEST(0, pr."stock" - w.qty), "updatedAt" = now()
      FROM (SELECT x->>'productId' AS id, sum((x->>'quantity')::int) AS qty
              FROM (SELECT t.value FROM jsonb_array_elements(docs) WITH ORDINALITY AS t JOIN unnest(ok) AS k(pos) ON k.pos = t.ordinality) AS p(e), jsonb_array_elements(e->'products') AS x GROUP BY 1) w
     WHERE pr."id" = w.id;
    RETURN results;
  EXCEPTION WHEN OTHERS THEN
    -- Undone as a whole; placed one by one below, each failure in its own slot. Said in the
    -- server log: it should be rare (a key taken by a concurrent transaction).
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
    RAISE LOG 'portal_places_orders: set-based write undone (% %), placing % orders one by one', st, msg, jsonb_array_length(docs);
  END;

  slots := '{}';
  FOR d IN SELECT value FROM jsonb_array_elements(docs) LOOP
    BEGIN
      PERFORM portal_place_order(d);
      slots := slots || jsonb_build_object('ok', true);
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, cons = CONSTRAINT_NAME;
      slots := slots || jsonb_build_object('ok', false, 'code', st, 'message', msg, 'constraint', cons);
    END;
  END LOOP;
  RETURN to_jsonb(slots);
END;
$$;

-- migrate:down
CREATE OR REPLACE FUNCTION portal_place_order(p jsonb) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  o jsonb := p->'order';
  order_id text := o->>'id';
  at timestamp(3) := ((o->>'createdAt')::timestamptz AT TIME ZONE 'UTC');
  short text;
BEGIN
  INSERT INTO "Order" ("id", "number", "companyId", "userId", "reference", "notes", "subtotal", "shippingAddress", "createdAt", "updatedAt")
  VALUES (order_id, o->>'number', o->>'companyId', o->>'userId', o->>'reference', o->>'notes', (o->>'subtotal')::numeric, o->'shippingAddress', at, at);

  INSERT INTO "SupplierOrder" ("id", "orderId", "supplierId", "reference", "createdAt", "updatedAt")
  SELECT x."id", order_id, x."supplierId", x."reference", at, at
    FROM jsonb_to_recordset(p->'supplierOrders') AS x("id" text, "supplierId" text, "reference" text);

  INSERT INTO "OrderItem" ("id", "orderId", "productId", "supplierOrderId", "offerId", "supplierSku", "unitCost", "sku", "name", "quantity", "unitPrice", "lineTotal")
  SELECT x."id", order_id, x."productId", x."supplierOrderId", x."offerId", x."supplierSku", x."unitCost"::numeric, x."sku", x."name", x."quantity",
         x."unitPrice"::numeric, x."lineTotal"::numeric
    FROM jsonb_to_recordset(p->'items') AS x("id" text, "productId" text, "supplierOrderId" text, "offerId" text, "supplierSku" text, "unitCost" text,
                                             "sku" text, "name" text, "quantity" int, "unitPrice" text, "lineTotal" text);

  INSERT INTO "OrderEvent" ("id", "orderId", "type", "orderStatus", "source", "message", "createdAt")
  VALUES (p->'event'->>'id', order_id, 'created', 'pending', p->'event'->>'source', p->'event'->>'message', at);

  INSERT INTO "Notification" ("id", "idempotencyKey", "type", "orderId", "userId", "email", "subject", "body", "props")
  SELECT x."id", x."idempotencyKey", x."type", order_id, x."userId", x."email", x."subject", x."body", x."props"
    FROM jsonb_to_recordset(p->'notifications') AS x("id" text, "idempotencyKey" text, "type" text, "userId" text, "email" text, "subject" text, "body" text, "props" jsonb);

  INSERT INTO "OutboxMessage" ("id", "queue", "name", "payload", "subject")
  SELECT x."id", x."queue", x."name", x."payload", x."subject"
    FROM jsonb_to_recordset(p->'outbox') AS x("id" text, "queue" text, "name" text, "payload" jsonb, "subject" text);

  IF p->'idempotency' IS NOT NULL AND jsonb_typeof(p->'idempotency') = 'object' THEN
    INSERT INTO "IdempotencyKey" ("id", "scope", "key", "requestHash", "responseStatus", "responseBody", "orderId", "expiresAt")
    VALUES (p->'idempotency'->>'id', p->'idempotency'->>'scope', p->'idempotency'->>'key', p->'idempotency'->>'hash',
            (p->'idempotency'->>'status')::int, p->'idempotency'->'body', order_id,
            ((p->'idempotency'->>'expiresAt')::timestamptz AT TIME ZONE 'UTC'));
  END IF;

  -- Stock last, in offer-id order (no deadlocks between orders), each a conditional decrement.
  -- NO KEY UPDATE, as a plain UPDATE of the stock takes: it does not wait on the KEY SHARE locks
  -- other orders' line inserts hold on the same rows (their foreign keys).
  PERFORM 1 FROM "SupplierOffer"
    WHERE "id" IN (SELECT r."offerId" FROM jsonb_to_recordset(p->'reservations') AS r("offerId" text))
    ORDER BY "id" FOR NO KEY UPDATE;
  WITH wanted AS (
    SELECT r."offerId", r."quantity" FROM jsonb_to_recordset(p->'reservations') AS r("offerId" text, "quantity" int)
  ), taken AS (
    UPDATE "SupplierOffer" so SET "stock" = so."stock" - w."quantity", "updatedAt" = now()
      FROM wanted w
     WHERE so."id" = w."offerId" AND so."stock" >= w."quantity"
    RETURNING so."id"
  )
  SELECT w."offerId" INTO short FROM wanted w WHERE w."offerId" NOT IN (SELECT "id" FROM taken) ORDER BY w."offerId" LIMIT 1;
  IF short IS NOT NULL THEN
    RAISE EXCEPTION USING ERRCODE = 'P0001', MESSAGE = 'stock_race:' || short;
  END IF;

  PERFORM 1 FROM "Product"
    WHERE "id" IN (SELECT x."productId" FROM jsonb_to_recordset(p->'products') AS x("productId" text))
    ORDER BY "id" FOR NO KEY UPDATE;
  UPDATE "Product" pr SET "stock" = GREATEST(0, pr."stock" - x."quantity"), "updatedAt" = now()
    FROM jsonb_to_recordset(p->'products') AS x("productId" text, "quantity" int)
   WHERE pr."id" = x."productId";
END;
$$;

CREATE OR REPLACE FUNCTION portal_place_orders(docs jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  d jsonb;
  r jsonb;
  i int;
  -- Appended in place (plpgsql expands arrays): no copy of what came before, as `jsonb || x` made.
  slots jsonb[] := '{}';
  ok int[] := '{}';
  results jsonb;
  stock jsonb;
  taken text[];
  short text;
  k text;
  st text;
  msg text;
  cons text;
BEGIN
  PERFORM 1 FROM "SupplierOffer"
    WHERE "id" IN (SELECT x->>'offerId' FROM jsonb_array_elements(docs) AS e, jsonb_array_elements(e->'reservations') AS x)
    ORDER BY "id" FOR NO KEY UPDATE;
  PERFORM 1 FROM "Product"
    WHERE "id" IN (SELECT x->>'productId' FROM jsonb_array_elements(docs) AS e, jsonb_array_elements(e->'products') AS x)
    ORDER BY "id" FOR NO KEY UPDATE;

  -- Decide, in order: stock (as locked) and keys (stored, or used earlier in this call).
  SELECT COALESCE(jsonb_object_agg(o."id", o."stock"), '{}'::jsonb) INTO stock FROM "SupplierOffer" o
    WHERE o."id" IN (SELECT x->>'offerId' FROM jsonb_array_elements(docs) AS e, jsonb_array_elements(e->'reservations') AS x);
  SELECT COALESCE(array_agg(kk."scope" || E'\x1f' || kk."key"), '{}') INTO taken FROM "IdempotencyKey" kk
    JOIN (SELECT e->'idempotency'->>'scope' AS scope, e->'idempotency'->>'key' AS key FROM jsonb_array_elements(docs) AS e
           WHERE jsonb_typeof(e->'idempotency') = 'object') w ON kk."scope" = w.scope AND kk."key" = w.key;
  FOR d, i IN SELECT t.value, t.ordinality::int FROM jsonb_array_elements(docs) WITH ORDINALITY AS t LOOP
    short := NULL;
    FOR r IN SELECT value FROM jsonb_array_elements(d->'reservations') LOOP
      IF COALESCE((stock->>(r->>'offerId'))::int, 0) < (r->>'quantity')::int THEN
        short := r->>'offerId';
        EXIT;
      END IF;
    END LOOP;
    k := CASE WHEN jsonb_typeof(d->'idempotency') = 'object' THEN (d->'idempotency'->>'scope') || E'\x1f' || (d->'idempotency'->>'key') END;
    IF short IS NOT NULL THEN
      slots := slots || jsonb_build_object('ok', false, 'code', 'P0001', 'message', 'stock_race:' || short, 'constraint', NULL);
    ELSIF k IS NOT NULL AND k = ANY(taken) THEN
      slots := slots || jsonb_build_object('ok', false, 'code', '23505', 'message', 'duplicate key value violates unique constraint',
                                           'constraint', 'IdempotencyKey_scope_key_key');
    ELSE
      FOR r IN SELECT value FROM jsonb_array_elements(d->'reservations') LOOP
        stock := jsonb_set(stock, ARRAY[r->>'offerId'], to_jsonb((stock->>(r->>'offerId'))::int - (r->>'quantity')::int));
      END LOOP;
      IF k IS NOT NULL THEN taken := taken || k; END IF;
      ok := ok || i;
      slots := slots || jsonb_build_object('ok', true);
    END IF;
  END LOOP;
  results := to_jsonb(slots);
  IF cardinality(ok) = 0 THEN
    RETURN results;
  END IF;

  BEGIN
    INSERT INTO "Order" ("id", "number", "companyId", "userId", "reference", "notes", "subtotal", "shippingAddress", "createdAt", "updatedAt")
    SELECT o->>'id', o->>'number', o->>'companyId', o->>'userId', o->>'reference', o->>'notes', (o->>'subtotal')::numeric, o->'shippingAddress',
           ((o->>'createdAt')::timestamptz AT TIME ZONE 'UTC'), ((o->>'createdAt')::timestamptz AT TIME ZONE 'UTC')
      FROM (SELECT p.e->'order' AS o FROM (SELECT t.value AS e FROM jsonb_array_elements(docs) WITH ORDINALITY AS t JOIN unnest(ok) AS k(pos) ON k.pos = t.ordinality) AS p) q;

    INSERT INTO "SupplierOrder" ("id", "orderId", "supplierId", "reference", "createdAt", "updatedAt")
    SELECT x."id", e->'order'->>'id', x."supplierId", x."reference",
           ((e->'order'->>'createdAt')::timestamptz AT TIME ZONE 'UTC'), ((e->'order'->>'createdAt')::timestamptz AT TIME ZONE 'UTC')
      FROM (SELECT t.value FROM jsonb_array_elements(docs) WITH ORDINALITY AS t JOIN unnest(ok) AS k(pos) ON k.pos = t.ordinality) AS p(e), jsonb_to_recordset(e->'supplierOrders') AS x("id" text, "supplierId" text, "reference" text);

    INSERT INTO "OrderItem" ("id", "orderId", "productId", "supplierOrderId", "offerId", "supplierSku", "unitCost", "sku", "name", "quantity", "unitPrice", "lineTotal")
    SELECT x."id", e->'order'->>'id', x."productId", x."supplierOrderId", x."offerId", x."supplierSku", x."unitCost"::numeric, x."sku", x."name", x."quantity",
           x."unitPrice"::numeric, x."lineTotal"::numeric
      FROM (SELECT t.value FROM jsonb_array_elements(docs) WITH ORDINALITY AS t JOIN unnest(ok) AS k(pos) ON k.pos = t.ordinality) AS p(e),
           jsonb_to_recordset(e->'items') AS x("id" text, "productId" text, "supplierOrderId" text, "offerId" text, "supplierSku" text, "unitCost" text,
                                               "sku" text, "name" text, "quantity" int, "unitPrice" text, "lineTotal" text);

    INSERT INTO "OrderEvent" ("id", "orderId", "type", "orderStatus", "source", "message", "createdAt")
    SELECT e->'event'->>'id', e->'order'->>'id', 'created', 'pending', e->'event'->>'source', e->'event'->>'message',
           ((e->'order'->>'createdAt')::timestamptz AT TIME ZONE 'UTC')
      FROM (SELECT t.value FROM jsonb_array_elements(docs) WITH ORDINALITY AS t JOIN unnest(ok) AS k(pos) ON k.pos = t.ordinality) AS p(e);

    INSERT INTO "Notification" ("id", "idempotencyKey", "type", "orderId", "userId", "email", "subject", "body", "props")
    SELECT x."id", x."idempotencyKey", x."type", e->'order'->>'id', x."userId", x."email", x."subject", x."body", x."props"
      FROM (SELECT t.value FROM jsonb_array_elements(docs) WITH ORDINALITY AS t JOIN unnest(ok) AS k(pos) ON k.pos = t.ordinality) AS p(e),
           jsonb_to_recordset(e->'notifications') AS x("id" text, "idempotencyKey" text, "type" text, "userId" text, "email" text, "subject" text, "body" text, "props" jsonb);

    INSERT INTO "OutboxMessage" ("id", "queue", "name", "payload", "subject")
    SELECT x."id", x."queue", x."name", x."payload", x."subject"
      FROM (SELECT t.value FROM jsonb_array_elements(docs) WITH ORDINALITY AS t JOIN unnest(ok) AS k(pos) ON k.pos = t.ordinality) AS p(e), jsonb_to_recordset(e->'outbox') AS x("id" text, "queue" text, "name" text, "payload" jsonb, "subject" text);

    INSERT INTO "IdempotencyKey" ("id", "scope", "key", "requestHash", "responseStatus", "responseBody", "orderId", "expiresAt")
    SELECT e->'idempotency'->>'id', e->'idempotency'->>'scope', e->'idempotency'->>'key', e->'idempotency'->>'hash',
           (e->'idempotency'->>'status')::int, e->'idempotency'->'body', e->'order'->>'id',
           ((e->'idempotency'->>'expiresAt')::timestamptz AT TIME ZONE 'UTC')
      FROM (SELECT t.value FROM jsonb_array_elements(docs) WITH ORDINALITY AS t JOIN unnest(ok) AS k(pos) ON k.pos = t.ordinality) AS p(e) WHERE jsonb_typeof(e->'idempotency') = 'object';

    -- The stock, as decided above (the offers are locked: it cannot have moved).
    UPDATE "SupplierOffer" so SET "stock" = so."stock" - w.qty, "updatedAt" = now()
      FROM (SELECT x->>'offerId' AS id, sum((x->>'quantity')::int) AS qty
              FROM (SELECT t.value FROM jsonb_array_elements(docs) WITH ORDINALITY AS t JOIN unnest(ok) AS k(pos) ON k.pos = t.ordinality) AS p(e), jsonb_array_elements(e->'reservations') AS x GROUP BY 1) w
     WHERE so."id" = w.id;
    UPDATE "Product" pr SET "stock" = GREATEST(0, pr."stock" - w.qty), "updatedAt" = now()
      FROM (SELECT x->>'productId' AS id, sum((x->>'quantity')::int) AS qty
              FROM (SELECT t.value FROM jsonb_array_elements(docs) WITH ORDINALITY AS t JOIN unnest(ok) AS k(pos) ON k.pos = t.ordinality) AS p(e), jsonb_array_elements(e->'products') AS x GROUP BY 1) w
     WHERE pr."id" = w.id;
    RETURN results;
  EXCEPTION WHEN OTHERS THEN
    -- Undone as a whole; placed one by one below, each failure in its own slot. Said in the
    -- server log: it should be rare (a key taken by a concurrent transaction).
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT;
    RAISE LOG 'portal_places_orders: set-based write undone (% %), placing % orders one by one', st, msg, jsonb_array_length(docs);
  END;

  slots := '{}';
  FOR d IN SELECT value FROM jsonb_array_elements(docs) LOOP
    BEGIN
      PERFORM portal_place_order(d);
      slots := slots || jsonb_build_object('ok', true);
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, cons = CONSTRAINT_NAME;
      slots := slots || jsonb_build_object('ok', false, 'code', st, 'message', msg, 'constraint', cons);
    END;
  END LOOP;
  RETURN to_jsonb(slots);
END;
$$;

DROP TABLE "OfferHold";
ALTER TABLE "SupplierOffer" DROP CONSTRAINT "SupplierOffer_held_check";
ALTER TABLE "SupplierOffer" DROP COLUMN "held";
