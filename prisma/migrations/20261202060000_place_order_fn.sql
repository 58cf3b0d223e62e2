-- migrate:up
-- Order intake in one statement: the order, its supplier orders, lines, first timeline event,
-- emails, jobs (outbox) and idempotency record are written, and stock is reserved, by one call
-- (lib/orders/place-order.ts builds the document in TypeScript). A single statement is atomic on
-- its own: no BEGIN/COMMIT round trips. A reservation that finds too little stock raises
-- P0001 "stock_race" with the offer id as DETAIL, and nothing is written.
CREATE FUNCTION portal_place_order(p jsonb) RETURNS void LANGUAGE plpgsql AS $$
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

-- migrate:down
DROP FUNCTION portal_place_order(jsonb);
