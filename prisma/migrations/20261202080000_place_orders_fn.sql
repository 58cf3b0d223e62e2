-- migrate:up
-- Many orders in one statement (order intake coalesces concurrent requests, and the batch
-- endpoint sends its orders together): each document is placed by portal_place_order in a
-- subtransaction of its own, so one order's failure (a stock race, a reused key) undoes only
-- that order and is reported in its slot: {"ok": true} or {"ok": false, "code", "message",
-- "constraint"}. Every offer and product any of the orders reserves is locked first, in id
-- order, so concurrent calls never wait on each other in a circle.
CREATE FUNCTION portal_place_orders(docs jsonb) RETURNS jsonb LANGUAGE plpgsql AS $$
DECLARE
  d jsonb;
  results jsonb := '[]'::jsonb;
  st text;
  msg text;
  cons text;
BEGIN
  PERFORM 1 FROM "SupplierOffer"
    WHERE "id" IN (SELECT r->>'offerId' FROM jsonb_array_elements(docs) AS e, jsonb_array_elements(e->'reservations') AS r)
    ORDER BY "id" FOR NO KEY UPDATE;
  PERFORM 1 FROM "Product"
    WHERE "id" IN (SELECT x->>'productId' FROM jsonb_array_elements(docs) AS e, jsonb_array_elements(e->'products') AS x)
    ORDER BY "id" FOR NO KEY UPDATE;
  FOR d IN SELECT value FROM jsonb_array_elements(docs) LOOP
    BEGIN
      PERFORM portal_place_order(d);
      results := results || jsonb_build_array(jsonb_build_object('ok', true));
    EXCEPTION WHEN OTHERS THEN
      GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, cons = CONSTRAINT_NAME;
      results := results || jsonb_build_array(jsonb_build_object('ok', false, 'code', st, 'message', msg, 'constraint', cons));
    END;
  END LOOP;
  RETURN results;
END;
$$;

-- migrate:down
DROP FUNCTION portal_place_orders(jsonb);
